"""The gazetteer: GeoNames countries, first- and second-level divisions and towns down to
500 people, indexed by name.

``khaldun/data/places/gazetteer.tsv`` and ``common_words.txt`` (place names that are
also English words) are built by ``scripts/build_gazetteer.py``;
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
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from khaldun.errors import DataError
from khaldun.resources import cache_folder, register_cache

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"

#: the data files, all under DATA_DIR
FILES = ("gazetteer.tsv", "aliases.tsv", "regions.tsv", "demonyms.tsv", "common_words.txt")
#: hand-written supplements a data folder may lack (folders made before them still load)
OPTIONAL_FILES = ("districts.tsv",)

#: entry kinds, most general first
KINDS = ("country", "region", "admin1", "admin2", "city")

_SPACES = re.compile(r"\s+")
_DROP = re.compile(r"[.'\u2019`\"()]")


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The index key of a name: ASCII, lower case, no dots or quotes, no leading "the".

    Remembered (lookups ask for the same names in every document); building the index
    calls :func:`_normalise`, the same function unremembered, once per row."""
    return _normalise(name)


def _normalise(name: str) -> str:
    """:func:`normalise`, computed."""
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
    """country, region, admin1, admin2 or city"""
    name: str
    country: str | None
    """ISO 3166-1 alpha-3"""
    admin1: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin2: str | None = None
    """the second-level division (district, county, LGA ...), where known"""

    @property
    def precision(self) -> str:
        """The Place precision this entry gives: city, admin1 or country. A second-level
        division is located at the mean of its towns, like a town (the record's
        precisions stop at city/admin1/country)."""
        if self.kind == "region":
            return "admin1" if self.country else "country"
        if self.kind == "admin2":
            return "city"
        return self.kind


class Table:
    """The gazetteer's rows as columns: names in one string, shared strings as codes,
    numbers in arrays, so that a quarter of a million places unpickle as a few dozen
    objects in a fraction of a second and take little memory."""

    __slots__ = (
        "admin1_codes",
        "admin2_codes",
        "blob",
        "country_codes",
        "geonameid",
        "kinds",
        "lat",
        "lon",
        "offsets",
        "population",
        "strings",
    )

    def __init__(self, rows: list[tuple]) -> None:
        codes: dict[str | None, int] = {None: 0}
        self.strings: list[str | None] = [None]

        def code(v: str | None) -> int:
            c = codes.get(v)
            if c is None:
                c = codes[v] = len(self.strings)
                self.strings.append(v)
            return c

        self.kinds = bytes(KINDS.index(r[0]) for r in rows)
        self.blob = "".join(r[1] for r in rows)
        self.offsets = array("I", [0])
        for r in rows:
            self.offsets.append(self.offsets[-1] + len(r[1]))
        self.country_codes = array("I", (code(r[2]) for r in rows))
        self.admin1_codes = array("I", (code(r[3]) for r in rows))
        self.admin2_codes = array("I", (code(r[8]) for r in rows))
        self.lat = array("d", (r[4] for r in rows))
        self.lon = array("d", (r[5] for r in rows))
        self.population = array("q", (r[6] for r in rows))
        self.geonameid = array("q", (r[7] or 0 for r in rows))

    def __len__(self) -> int:
        return len(self.kinds)

    def name(self, i: int) -> str:
        return self.blob[self.offsets[i]:self.offsets[i + 1]]

    def country(self, i: int) -> str | None:
        return self.strings[self.country_codes[i]]

    def __getitem__(self, i: int) -> tuple:
        st = self.strings
        return (KINDS[self.kinds[i]], self.name(i), st[self.country_codes[i]], st[self.admin1_codes[i]],
                self.lat[i], self.lon[i], self.population[i], self.geonameid[i] or None,
                st[self.admin2_codes[i]])

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)


class SortedKeys:
    """A read-only name index as one sorted string and arrays: unpickling it builds a
    handful of objects instead of one per name (a dict of 335k names took most of the
    load time), and a lookup is a binary search (about 19 string slices, a few µs)."""

    __slots__ = ("blob", "hits", "offsets", "starts")

    def __init__(self, table: dict[str, list[int]]) -> None:
        keys = sorted(table)
        self.blob = "".join(keys)
        self.offsets = array("I", [0])
        self.starts = array("I", [0])
        self.hits = array("I")
        for k in keys:
            self.offsets.append(self.offsets[-1] + len(k))
            self.hits.extend(table[k])
            self.starts.append(len(self.hits))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _key(self, i: int) -> str:
        return self.blob[self.offsets[i]:self.offsets[i + 1]]

    def get(self, key: str) -> tuple[int, ...] | None:
        lo, hi = 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self) and self._key(lo) == key:
            return tuple(self.hits[self.starts[lo]:self.starts[lo + 1]])
        return None

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def __getstate__(self) -> tuple:
        return (self.blob, self.offsets, self.starts, self.hits)

    def __setstate__(self, state: tuple) -> None:
        self.blob, self.offsets, self.starts, self.hits = state


class Gazetteer:
    """Entries and a name index over them.

    Rows are kept in a column :class:`Table` and turned into :class:`Entry` objects on
    lookup; names are in :class:`SortedKeys` indexes, so loading from the cache costs one
    ``pickle.load`` of a few dozen objects.
    """

    def __init__(self, rows: list[tuple] | Table, names: dict[str, list[int]] | SortedKeys,
                 demonyms: dict[str, str] | None = None,
                 loose: dict[str, list[int]] | SortedKeys | None = None,
                 common: frozenset[str] | None = None) -> None:
        self._rows = rows if isinstance(rows, Table) else Table(rows)
        self._index = names if isinstance(names, SortedKeys) else SortedKeys(names)
        self._loose = loose if isinstance(loose, SortedKeys) else SortedKeys(loose or {})
        self.common_words: frozenset[str] = common or frozenset()
        """normalised place names that are also lower-case English words ("police", "union")"""
        self.demonyms: dict[str, str] = demonyms or {}
        """normalised demonym ("syrian") -> ISO3"""
        self._entries: dict[int, Entry] = {}
        t = self._rows
        country_kind = KINDS.index("country")
        self.countries: dict[str, Entry] = {
            t.country(i): self.entry(i) for i, k in enumerate(t.kinds)
            if k == country_kind and t.country(i)
        }
        self._by_country: dict[str, list[Entry]] | None = None
        self._near: dict[str, dict[str, list[int]]] | None = None

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, cache_dir: str | Path | None = None) -> Gazetteer:
        """The gazetteer of ``data_dir``, from the index cache when it is current.

        The first use parses the TSV files (about 2 s) and writes the index to
        ``cache_dir`` (the ``cache_dir`` setting; None: ``~/.cache/khaldun``); later
        processes load it in a fraction of a second. Raises DataError (K020).
        """
        files = [data_dir / n for n in FILES]
        extras = [data_dir / n for n in OPTIONAL_FILES]
        try:
            stamp = hashlib.sha256(repr([(f.name, f.stat().st_size, f.stat().st_mtime_ns)
                                         for f in files + [f for f in extras if f.exists()]]).encode()).hexdigest()[:16]
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
                rows, index, dems, loose, common = pickle.load(fh)
            return cls(rows, index, dems, loose, common)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            pass
        finally:
            if was_enabled:
                gc.enable()
        rows, index, dems, loose, common = _parse(data_dir)
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump((rows, index, dems, loose, common), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only home still works, only slower to start
        return cls(rows, index, dems, loose, common)

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

    def near_miss(self, name: str) -> list[Entry]:
        """The big places (:data:`NEAR_MISS_MIN_POPULATION` people or more, not countries)
        whose own name a name the gazetteer does not know misspells by one letter left out,
        added, changed or two neighbours swapped ("Chittagon", "Peshwar"), with the same first
        letter and at least :data:`NEAR_MISS_MIN_LENGTH` letters, when all of them are in one
        country; else []. The names of the big places (about 1,500) are gathered at the first
        call and kept by first letter."""
        key = normalise(name)
        if len(key) < NEAR_MISS_MIN_LENGTH or not key.isalpha() or key in self._index:
            return []
        if self._near is None:
            self._near = self._near_table()
        hits = [e for k, rows in self._near.get(key[0], {}).items() if _one_edit(key, k)
                for e in (self.entry(i) for i in rows)]
        # several rows of one place (the town, its district) are one answer; two countries are none
        if len({e.country for e in hits}) != 1:
            return []
        return sorted(hits, key=lambda e: -e.population)

    def _near_table(self) -> dict[str, dict[str, list[int]]]:
        """First letter -> own name of each big place (normalised, one word) -> its rows."""
        t = self._rows
        country = KINDS.index("country")
        table: dict[str, dict[str, list[int]]] = {}
        for i, p in enumerate(t.population):
            if p >= NEAR_MISS_MIN_POPULATION and t.kinds[i] != country:
                key = normalise(t.name(i))
                if len(key) >= NEAR_MISS_MIN_LENGTH - 1 and key.isalpha():
                    table.setdefault(key[0], {}).setdefault(key, []).append(i)
        return table

    def is_common_word(self, name: str) -> bool:
        """True when ``name`` is also an English word ("Police", "Mobile", "Union"): read as
        a place only when written as a name in a place slot."""
        return normalise(name) in self.common_words

    def country(self, iso3: str | None) -> Entry | None:
        return self.countries.get(iso3) if iso3 else None

    def cities_of(self, iso3: str) -> list[Entry]:
        """Towns of one country (for direction phrases such as "southern Syria")."""
        if self._by_country is None:
            table: dict[str, list[Entry]] = {}
            t = self._rows
            city = KINDS.index("city")
            for i, k in enumerate(t.kinds):
                if k == city and t.country(i):
                    table.setdefault(t.country(i), []).append(self.entry(i))
            self._by_country = table
        return self._by_country.get(iso3, [])

    def admin1_members(self, iso3: str, admin1: str) -> list[Entry]:
        return [e for e in self.cities_of(iso3) if e.admin1 == admin1]

    def in_area(self, e: Entry, area: Entry) -> bool:
        """True when ``e`` lies in the division or country ``area`` (by names, not shapes)."""
        if not e.country or e.country != area.country:
            return False
        if area.kind == "country":
            return True
        if area.kind in ("admin1", "region"):
            return bool(area.admin1) and (e.admin1 == area.admin1 or
                                          normalise(e.admin1 or "") == normalise(area.name))
        if area.kind == "admin2":
            return e.admin1 == area.admin1 and normalise(e.admin2 or "") == normalise(area.admin2 or "")
        # a town named for its division: "Shika (Gassol, Taraba)" where Gassol is a town
        return e.admin1 == area.admin1 and bool(e.admin2) and normalise(e.admin2 or "") == normalise(area.name)


#: a misspelt name is read as a place this big only (see Gazetteer.near_miss)
NEAR_MISS_MIN_POPULATION = 1_000_000
#: and only when it has this many letters
NEAR_MISS_MIN_LENGTH = 6


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one letter left out, added or changed, or two
    neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


#: bump when the cached index layout changes
_FORMAT = "10"


def _parse(data_dir: Path) -> tuple[Table, SortedKeys, dict[str, str], SortedKeys, frozenset[str]]:
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
        if len(parts) == 9:  # files built before admin2 names
            parts.append("")
        if len(parts) != 10:
            raise DataError(f"{path}:{n}: expected 10 columns, found {len(parts)}")
        kind, gid, name, country, admin1, lat, lon, pop, alts, admin2 = parts
        if kind not in KINDS:
            raise DataError(f"{path}:{n}: unknown kind {kind!r}")
        try:
            row = (kind, name, country or None, admin1 or None, float(lat), float(lon),
                   int(pop or 0), int(gid) if gid else None, admin2 or None)
        except ValueError as exc:
            raise DataError(f"{path}:{n}: bad number ({exc})") from exc
        i = len(rows)
        rows.append(row)
        add(_normalise(name), i)
        if alts:
            for alt in alts.split("|"):
                add(_normalise(alt), i)

    by_iso3 = {r[2]: i for i, r in enumerate(rows) if r[0] == "country"}
    _add_districts(data_dir, rows, index, add, by_iso3)
    for alias, iso3 in _read_tsv(data_dir / "aliases.tsv", 2):
        if iso3 not in by_iso3:
            raise DataError(f"aliases.tsv: unknown country {iso3!r} for {alias!r}")
        add(normalise(alias), by_iso3[iso3])
    for phrase, name, country, admin1, lat, lon, _precision, _note in _read_tsv(
        data_dir / "regions.tsv", 8
    ):
        try:
            row = ("region", name, country or None, admin1 or None, float(lat), float(lon), 0, None, None)
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
    common = frozenset(_read_lines(data_dir / "common_words.txt"))
    return Table(rows), SortedKeys(index), dems, SortedKeys(loose), common


def _add_districts(data_dir: Path, rows: list[tuple], index: dict[str, list[int]], add: Callable[[str, int], None],
                   by_iso3: dict[str, int]) -> None:
    """The hand-written districts of ``districts.tsv`` as ``admin2`` rows: each at its seat
    town's coordinates and in its admin1 (the seat's population stands for the district's,
    a lower bound); a district the gazetteer already has only adds its aliases."""
    path = data_dir / "districts.tsv"
    if not path.exists():
        return
    for name, aliases, country, admin1, seat in _read_tsv(path, 5):
        if country not in by_iso3:
            raise DataError(f"districts.tsv: unknown country {country!r} for {name!r}")
        names = [name, *(a for a in aliases.split("|") if a)]
        known = [i for i in index.get(normalise(name), ()) if rows[i][0] == "admin2" and rows[i][2] == country]
        if known:
            for alias in names:
                add(normalise(alias), known[0])
            continue
        towns = [i for i in index.get(normalise(seat), ()) if rows[i][0] == "city" and rows[i][2] == country]
        if towns:
            town = rows[max(towns, key=lambda i: rows[i][6])]
            lat, lon, pop, area = town[4], town[5], town[6], town[3] or admin1
        else:
            members = [r for r in rows if r[0] == "city" and r[2] == country and r[3] == admin1]
            if not members:
                raise DataError(f"districts.tsv: {name!r}: no seat {seat!r} nor admin1 {admin1!r} in {country}")
            lat = round(sum(r[4] for r in members) / len(members), 4)
            lon = round(sum(r[5] for r in members) / len(members), 4)
            pop, area = 0, admin1
        rows.append(("admin2", name, country, area, lat, lon, pop, None, name))
        for alias in names:
            add(normalise(alias), len(rows) - 1)


def _read_lines(path: Path) -> list[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise DataError(f"place data file {path} cannot be read ({exc})") from exc


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


_loaded: list[Gazetteer] = register_cache([])


@register_cache
@lru_cache(maxsize=4)
def default_gazetteer(cache_dir: str | None = None) -> Gazetteer:
    """The shipped gazetteer, its index cached in ``cache_dir`` (the ``cache_dir`` setting;
    None: the default folder), loaded once per process until :func:`khaldun.resources.reset_caches`."""
    gaz = Gazetteer.load(cache_dir=cache_dir)
    _loaded[:] = [gaz]
    return gaz


def loaded_gazetteer() -> Gazetteer | None:
    """The shipped gazetteer if this process has loaded it (from any cache folder), else None:
    for optional lookups that must not load it a second time."""
    return _loaded[0] if _loaded else None
