"""GDELT 2.0 event table: read back as GDELT users read it, with pandas and GDELT's 61 header names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from khaldun.export import GDELT_COLUMNS, actor_code, collect, export
from khaldun.export.codes import fips, stable_int
from khaldun.export.gdelt import fraction_date, gdelt_row
from khaldun.export.rows import ExportItem
from khaldun.store import DuckDBStore

# GDELT 2.0 event codebook: the 61 columns of the event table, in order
CODEBOOK_HEADER = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

CODES_AS_TEXT = {"EventCode": str, "EventBaseCode": str, "EventRootCode": str}


def read_gdelt(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=CODEBOOK_HEADER, dtype=CODES_AS_TEXT, keep_default_na=False, na_values=[""])


def test_the_header_is_gdelts_61_columns_in_order() -> None:
    assert GDELT_COLUMNS == tuple(CODEBOOK_HEADER) and len(GDELT_COLUMNS) == 61


def test_gdelt_conventions() -> None:
    assert fraction_date(date(2019, 1, 25)) == 2019.0685  # a GDELT row of 20190125 says 2019.0685
    assert actor_code({"country": "ISR", "sector": "MIL"}) == "ISRMIL"
    assert actor_code({"country": "IRN", "sector": None}) == "IRN"
    assert actor_code({"country": None, "sector": "REB"}) == "REB"
    assert actor_code({"country": "IGO", "sector": "IGO"}) == "IGO"
    assert actor_code(None) == ""
    assert [fips(c) for c in ("ISR", "DEU", "UKR", "NGA", "GBR", "CHN")] == ["IS", "GM", "UP", "NI", "UK", "CH"]
    assert fips("PSE", "Gaza Strip") == "GZ" and fips("PSE") == "WE" and fips("IGO") is None


def test_an_unmerged_report_counts_one_mention_and_one_source() -> None:
    record = {
        "event_id": "e1",
        "cameo_code": "0231",
        "cameo_root": "02",
        "quad_class": 0,
        "goldstein": 3.4,
        "date": None,
        "doc_date": "2024-02-15",
        "evidence": {"sentence_index": 0},
    }
    row = dict(zip(GDELT_COLUMNS, gdelt_row(ExportItem(record))))
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (1, 1, 1)
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("0231", "023", "02")
    assert row["QuadClass"] == 1  # our class 0 (statements) is GDELT's verbal cooperation
    assert row["SQLDATE"] == "20240215" and row["IsRootEvent"] == 1  # undated: the publication date, as GDELT
    assert row["ActionGeo_Type"] == 0 and row["SOURCEURL"] == ""


@pytest.mark.slow
@pytest.mark.parametrize("level", ["mentions", "events"])
def test_pandas_reads_the_table_back_with_the_records_values(store: DuckDBStore, tmp_path: Path, level: str) -> None:
    path = tmp_path / "events.tsv"
    n = export(store, "gdelt", level, path=path)
    items = collect(store, level)
    raw = path.read_text(encoding="utf-8").splitlines()
    assert n == len(items) == len(raw) > 10
    assert all(line.count("\t") == 60 for line in raw)  # no header, 61 fields a line
    df = read_gdelt(path)
    assert df.shape == (n, 61)
    for column in (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "QuadClass",
        "NumMentions",
        "NumSources",
        "IsRootEvent",
        "ActionGeo_Type",
        "Actor1Geo_Type",
        "DATEADDED",
    ):
        assert pd.api.types.is_integer_dtype(df[column]), (column, df[column].dtype)
    for column in ("FractionDate", "GoldsteinScale", "ActionGeo_Lat", "ActionGeo_Long"):
        assert pd.api.types.is_float_dtype(df[column]), column
    assert df.GLOBALEVENTID.is_unique and (df.GLOBALEVENTID > 0).all()
    assert df.AvgTone.isna().all() and df.Actor1Geo_FullName.isna().all()
    for item, row in zip(items, df.to_dict("records")):
        rec = item.record
        assert row["GLOBALEVENTID"] == stable_int(item.id)
        day = rec["date"] or rec["doc_date"]
        assert row["SQLDATE"] == int(day.replace("-", "")) and row["Year"] == int(day[:4])
        assert row["EventCode"] == rec["cameo_code"] and row["EventRootCode"] == rec["cameo_root"]
        assert row["EventBaseCode"] == rec["cameo_code"][:3]
        assert row["QuadClass"] == (rec["quad_class"] or 1) and row["GoldsteinScale"] == rec["goldstein"]
        for n_, role in ((1, "actor"), (2, "recipient")):
            actor = rec[role]
            assert _text(row[f"Actor{n_}Code"]) == actor_code(actor)
            assert _text(row[f"Actor{n_}Name"]) == ((actor.get("name") or actor["text"]).upper() if actor else "")
            assert _text(row[f"Actor{n_}Type1Code"]) == ((actor or {}).get("sector") or "")
        place = rec["location"]
        if place:
            assert row["ActionGeo_CountryCode"] == fips(place["country"], place["admin1"])
            assert (row["ActionGeo_Lat"], row["ActionGeo_Long"]) == (place["lat"], place["lon"])
            assert row["ActionGeo_Type"] in (1, 4, 5)
        else:
            assert row["ActionGeo_Type"] == 0 and pd.isna(row["ActionGeo_Lat"])
        expected = item.merged.num_mentions if item.merged else 1
        assert row["NumMentions"] == expected
        assert _text(row["SOURCEURL"]) == (item.document.get("url") or "")


@pytest.mark.slow
def test_the_merged_attack_has_three_mentions_from_three_sources(store: DuckDBStore, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    export(store, "gdelt", "events", path=path)
    df = read_gdelt(path)
    attack = df[df.SOURCEURL.fillna("").str.contains("borno") & (df.EventRootCode == "19")]
    assert len(attack) == 1, attack[["EventCode", "Actor1Code", "NumMentions", "SOURCEURL"]]
    row = attack.iloc[0]
    assert (row.NumMentions, row.NumSources, row.EventRootCode) == (3, 3, "19")
    assert row.ActionGeo_CountryCode == "NI" and row.ActionGeo_FullName.endswith("Nigeria")
    mentions = read_gdelt(_export(store, tmp_path, "mentions"))
    borno = mentions[mentions.SOURCEURL.fillna("").str.contains("borno") & (mentions.EventRootCode == "19")]
    assert set(borno.NumMentions) == {3} and set(borno.SOURCEURL) == {
        "https://example.org/reuters/borno",
        "https://example.org/premium/borno",
        "https://example.org/afp/borno",
    }


def _export(store: DuckDBStore, folder: Path, level: str) -> Path:
    path = folder / f"{level}.tsv"
    export(store, "gdelt", level, path=path)
    return path


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
