"""ACLED CSV: ACLED's columns, read back with pandas as an ACLED user reads a download."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from khaldun.export import ACLED_COLUMNS, collect, export
from khaldun.export.acled import actor_name, disorder_type, interaction
from khaldun.export.codes import acled_region
from khaldun.store import DuckDBStore

# ACLED's columns since its March 2023 layout, in order (ACLED codebook / acledR's data dictionary)
ACLED_ORDER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def test_acled_conventions() -> None:
    assert list(ACLED_COLUMNS) == ACLED_ORDER
    assert interaction(1, 3) == 13 and interaction(3, 1) == 13 and interaction(6, None) == 60 and interaction(None, None) is None
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Violence against civilians", "Excessive force against protesters") == "Political violence; Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Strategic developments", "Arrests") == "Strategic developments"
    assert disorder_type(None, None) is None
    assert actor_name({"text": "About 300 demonstrators", "country": "KEN", "sector": "OPP", "kind": "group"}, 6) == "Protesters (Kenya)"
    assert actor_name({"text": "troops", "country": "NGA", "sector": "MIL", "kind": "group"}, 1) == "Military Forces of Nigeria"
    assert actor_name({"text": "Hamas", "name": "Hamas", "country": "PSE", "sector": "REB", "kind": "organization"}, 2) == "Hamas"
    assert [acled_region(c) for c in ("ISR", "IRN", "IND", "UKR", "GEO", "NGA", "XKX")] == [
        "Middle East", "Middle East", "South Asia", "Europe", "Caucasus and Central Asia", None, None]


@pytest.mark.slow
@pytest.mark.parametrize("level", ["mentions", "events"])
def test_pandas_reads_acleds_columns_with_the_records_values(store: DuckDBStore, tmp_path: Path, level: str) -> None:
    path = tmp_path / "acled.csv"
    n = export(store, "acled", level, path=path)
    items = collect(store, level)
    df = pd.read_csv(path)
    assert list(df.columns) == ACLED_ORDER and len(df) == n == len(items)
    assert df.event_id_cnty.is_unique
    assert pd.api.types.is_integer_dtype(df.fatalities) and pd.api.types.is_integer_dtype(df.timestamp)
    assert pd.api.types.is_float_dtype(df.latitude)
    for item, row in zip(items, df.to_dict("records")):
        rec = item.record
        assert _text(row["event_type"]) == (rec["acled_event_type"] or "")
        assert _text(row["sub_event_type"]) == (rec["acled_sub_event_type"] or "")
        assert _num(row["inter1"]) == rec["acled_inter1"] and _num(row["inter2"]) == rec["acled_inter2"]
        assert row["fatalities"] == ((rec["fatalities"] or {}).get("value") or 0)
        assert _text(row["event_date"]) == (rec["date"] or "")
        assert row["notes"] == " ".join(rec["evidence"]["sentence"].split())
        place = rec["location"]
        if place:
            assert row["event_id_cnty"].startswith(place["country"])
            assert (row["latitude"], row["longitude"]) == (place["lat"], place["lon"])
            assert row["geo_precision"] in (1, 3)
    ours = df[df.event_type.notna()]
    assert len(ours) and ours.disorder_type.notna().all() and set(ours.time_precision.dropna()) <= {1, 2, 3}


@pytest.mark.slow
def test_the_merged_attack_is_one_acled_event_with_the_latest_toll(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    export(store, "acled", "events", path=path)
    df = pd.read_csv(path)
    attack = df[df.source.fillna("").str.count(";") == 2]
    assert len(attack) == 1
    row = attack.iloc[0]
    assert row.source == "AFP; Premium Times; Reuters" and row.fatalities == 11
    assert row.country == "Nigeria" and row.disorder_type == "Political violence" and row.iso == 566


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _num(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


@pytest.mark.slow
def test_a_report_names_its_own_outlet(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    export(store, "acled", "mentions", path=path)
    df = pd.read_csv(path)
    borno = df[df.notes.str.contains("Maiduguri|Borno state") & df.event_type.notna()]
    assert set(borno.source) == {"Reuters", "Premium Times", "AFP"}
