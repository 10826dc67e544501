"""The gazetteer: GeoNames countries, first-level divisions and towns, indexed by name.

``khaldun/data/places/gazetteer.tsv`` is built by ``scripts/build_gazetteer.py``;
``regions.tsv`` (region phrases news uses) and ``aliases.tsv`` (other country names)
are hand-written. Names are indexed once per process in a plain dict keyed on
:func:`normalise`'d names; a lookup is a hash probe.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khaldun.errors import DataError
from khaldun.resources import cache_folder, register_cache

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"

#: the data files, all under DATA_DIR
FILES = ("gazetteer.tsv", "aliases.tsv", "regions.tsv", "demonyms.tsv")

#: entry kinds, most general first
KINDS = ("country", "region", "admin1", "city")

_SPACES = re.compile(r"\s+")
_DROP = re.compile(r"[.'\u2019`\"()]")


def normalise(name: str) -> str:
    """The index key of a name: ASCII, lower case, no dots or quotes, no leading "the"."""
    text = name if name.isascii() else (
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii"))
    text = _DROP.sub("", text.lower()).replace("-", " ").replace(",", " ")
    text = _SPACES.sub(" ", text).strip()
    text = text.removeprefix("the ")
    return text


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ad) ")
_LOOSE_RULES = ((re.compile(r"(?<=[aeiou])h\b"), ""), (re.compile(r"ou"), "u"),
                (re.compile(r"ee"), "i"), (re.compile(r"y"), "i"), (re.compile(r"(.)\1"), r"\1"),
                (re.compile(r"[\s]"), ""))


def loose_key(name: str) -> str:
    """A spelling-tolerant key for transliterated names: "Hodeidah" and "Al Hudaydah"
    differ, but "Hodeidah"/"Hodeida" and "Khan Younis"/"Khan Yunis" meet."""
    key = _ARTICLE.sub("", normalise(name))
    for pattern, repl in _LOOSE_RULES:
        key = pattern.sub(repl, key)
    return key


#: loose keys are only indexed for places this big (small towns would add noise)
LOOSE_MIN_POPULATION = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer."""

    kind: str
    """country, region, admin1 or city"""
    name: str
    country: str | None
    """ISO 3166-1 alpha-3"""
    admin1: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None

    @property
    def precision(self) -> str:
        """The Place precision this entry gives: city, admin1 or country."""
        if self.kind == "region":
            return "admin1" if self.country else "country"
        return self.kind


class Gazetteer:
    """Entries and a name index over them.

    Rows are kept as tuples and turned into :class:`Entry` objects on lookup, so
    loading the index from the cache costs one ``pickle.load``.
    """

    def __init__(self, rows: list[tuple], names: dict[str, list[int]],
                 demonyms: dict[str, str] | None = None,
                 loose: dict[str, list[int]] | None = None) -> None:
        self._rows = rows
        self._index = names
        self._loose = loose or {}
        self.demonyms: dict[str, str] = demonyms or {}
        """normalised demonym ("syrian") -> ISO3"""
        self._entries: dict[int, Entry] = {}
        self.countries: dict[str, Entry] = {
            r[2]: self.entry(i) for i, r in enumerate(rows) if r[0] == "country" and r[2]
        }
        self._by_country: dict[str, list[Entry]] | None = None

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, cache_dir: str | Path | None = None) -> Gazetteer:
        """The gazetteer of ``data_dir``, from the index cache when it is current.

        The first use parses the TSV files (about 2 s) and writes the index to
        ``cache_dir`` (the ``cache_dir`` setting; None: ``~/.cache/khaldun``); later
        processes load it in a fraction of a second. Raises DataError (K020).
        """
        files = [data_dir / n for n in FILES]
        try:
            stamp = hashlib.sha256(repr([(f.name, f.stat().st_size, f.stat().st_mtime_ns)
                                         for f in files]).encode()).hexdigest()[:16]
        except OSError as exc:
            raise DataError(f"place data missing in {data_dir} ({exc}); "
                            "run scripts/build_gazetteer.py") from exc
        cache = cache_folder(cache_dir) / f"gazetteer-{_FORMAT}-{stamp}.pickle"
        # the collector would walk the half-built containers again and again while
        # unpickling; pausing it halves the load time
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            with open(cache, "rb") as fh:
                rows, index, dems, loose = pickle.load(fh)
            return cls(rows, index, dems, loose)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass
        finally:
            if was_enabled:
                gc.enable()
        rows, index, dems, loose = _parse(data_dir)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump((rows, index, dems, loose), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home still works, only slower to start
        return cls(rows, index, dems, loose)

    def entry(self, i: int) -> Entry:
        e = self._entries.get(i)
        if e is None:
            e = self._entries[i] = Entry(*self._rows[i])
        return e

    def lookup(self, name: str, *, loose: bool = True) -> list[Entry]:
        """Every entry that ``name`` may denote, in file order (no ranking).

        When no name matches exactly, spellings that differ only in transliteration
        ("Hodeidah" for "Hodeida") are tried, among sizeable places.
        """
        hits = self._index.get(normalise(name))
        if hits is None and loose:
            hits = self._loose.get(loose_key(name))
        return [self.entry(i) for i in hits or ()]

    def has(self, name: str) -> bool:
        return normalise(name) in self._index or loose_key(name) in self._loose

    def country(self, iso3: str | None) -> Entry | None:
        return self.countries.get(iso3) if iso3 else None

    def cities_of(self, iso3: str) -> list[Entry]:
        """Towns of one country (for direction phrases such as "southern Syria")."""
        if self._by_country is None:
            table: dict[str, list[Entry]] = {}
            for i, r in enumerate(self._rows):
                if r[0] == "city" and r[2]:
                    table.setdefault(r[2], []).append(self.entry(i))
            self._by_country = table
        return self._by_country.get(iso3, [])

    def admin1_members(self, iso3: str, admin1: str) -> list[Entry]:
        return [e for e in self.cities_of(iso3) if e.admin1 == admin1]


#: bump when the cached index layout changes
_FORMAT = "3"


def _parse(data_dir: Path) -> tuple[list[tuple], dict[str, list[int]], dict[str, str],
                                   dict[str, list[int]]]:
    rows: list[tuple] = []
    index: dict[str, list[int]] = {}

    def add(key: str, i: int) -> None:
        if not key:
            return
        bucket = index.get(key)
        if bucket is None:
            index[key] = [i]
        elif i not in bucket:
            bucket.append(i)

    path = data_dir / "gazetteer.tsv"
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    except OSError as exc:
        raise DataError(f"gazetteer file {path} cannot be read ({exc}); "
                        "run scripts/build_gazetteer.py") from exc
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        parts = line.split("\t")
        if len(parts) != 9:
            raise DataError(f"{path}:{n}: expected 9 columns, found {len(parts)}")
        kind, gid, name, country, admin1, lat, lon, pop, alts = parts
        try:
            row = (kind, name, country or None, admin1 or None, float(lat), float(lon),
                   int(pop or 0), int(gid) if gid else None)
        except ValueError as exc:
            raise DataError(f"{path}:{n}: bad number ({exc})") from exc
        i = len(rows)
        rows.append(row)
        add(normalise(name), i)
        if alts:
            for alt in alts.split("|"):
                add(normalise(alt), i)

    by_iso3 = {r[2]: i for i, r in enumerate(rows) if r[0] == "country"}
    for alias, iso3 in _read_tsv(data_dir / "aliases.tsv", 2):
        if iso3 not in by_iso3:
            raise DataError(f"aliases.tsv: unknown country {iso3!r} for {alias!r}")
        add(normalise(alias), by_iso3[iso3])
    for phrase, name, country, admin1, lat, lon, _precision, _note in _read_tsv(
        data_dir / "regions.tsv", 8
    ):
        try:
            row = ("region", name, country or None, admin1 or None, float(lat), float(lon), 0, None)
        except ValueError as exc:
            raise DataError(f"regions.tsv: bad coordinates for {phrase!r}") from exc
        rows.append(row)
        add(normalise(phrase), len(rows) - 1)
    dems = {normalise(d): iso3 for d, iso3 in _read_tsv(data_dir / "demonyms.tsv", 2)}
    loose: dict[str, list[int]] = {}
    for key, hits in index.items():
        big = [i for i in hits if rows[i][0] != "city" or rows[i][6] >= LOOSE_MIN_POPULATION]
        if big and len(key) > 3:
            bucket = loose.setdefault(loose_key(key), [])
            bucket.extend(i for i in big if i not in bucket)
    return rows, index, dems, loose


def _read_tsv(path: Path, columns: int) -> list[list[str]]:
    try:
        with open(path, encoding="utf-8") as fh:
            lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise DataError(f"place data file {path} cannot be read ({exc})") from exc
    rows = []
    for n, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) < columns:
            parts += [""] * (columns - len(parts))
        if len(parts) != columns:
            raise DataError(f"{path.name} row {n}: expected {columns} columns, found {len(parts)}")
        rows.append(parts)
    return rows


@register_cache
@lru_cache(maxsize=4)
def default_gazetteer(cache_dir: str | None = None) -> Gazetteer:
    """The shipped gazetteer, its index cached in ``cache_dir`` (the ``cache_dir`` setting;
    None: the default folder), loaded once per process until :func:`khaldun.resources.reset_caches`."""
    return Gazetteer.load(cache_dir=cache_dir)
