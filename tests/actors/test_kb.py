"""The knowledge base files, the Wikidata import and the kb command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from khaldun.actors import ActorResolver
from khaldun.actors.kb import SHIPPED_DIR, KnowledgeBase, _read_tsv
from khaldun.actors.wikidata import import_dump
from khaldun.errors import DataError, KnowledgeBaseError

FIXTURES = Path(__file__).parent / "fixtures"


def test_shipped_files_have_sources_and_parse():
    kb = KnowledgeBase.load([SHIPPED_DIR])
    assert len(kb.countries) >= 240
    for name in ("countries.tsv", "organizations.tsv", "people.tsv"):
        rows = _read_tsv(SHIPPED_DIR / name)
        assert rows and all(r["source"] for r in rows), name
    for row in _read_tsv(SHIPPED_DIR / "people.tsv"):
        assert not row["end"] or row["start"] <= row["end"], row


def test_demonyms_and_seats():
    kb = KnowledgeBase.load([SHIPPED_DIR])
    assert kb.demonym("French") == "FRA" and kb.demonym("American") == "USA" and kb.demonym("Iranian") == "IRN"
    assert kb.seat("the Kremlin") == ("RUS", "GOV") and kb.seat("Washington") == ("USA", "GOV")


def test_broken_kb_file_is_a_data_error(tmp_path):
    (tmp_path / "countries.tsv").write_text("iso3\tname\nFOO\tbar\textra\n", encoding="utf-8")
    with pytest.raises(DataError, match="K020"):
        KnowledgeBase.load([tmp_path])


@pytest.mark.parametrize("dump", ["wikidata-small.json", "wikidata-small.json.gz"])
def test_wikidata_import(tmp_path, dump):
    report = import_dump(FIXTURES / dump, tmp_path)
    assert (report.entities, report.people, report.offices, report.organizations, report.bad_lines) == (9, 2, 2, 2, 0)
    people = {r["name"]: r for r in _read_tsv(tmp_path / "people.tsv")}
    assert people["Testa Personova"]["country"] == "IRN" and people["Testa Personova"]["start"] == "2031-08-03"
    assert people["Avner Testovitz"]["role"] == "foreign_minister" and people["Avner Testovitz"]["start"] == "2032-01-01"
    orgs = {r["name"]: r for r in _read_tsv(tmp_path / "organizations.tsv")}
    assert (orgs["Free Testland Brigades"]["country"], orgs["Free Testland Brigades"]["sector"]) == ("LBN", "REB")
    assert orgs["Freedonia Daily Herald"]["sector"] == "MED"
    # importing again replaces the rows of the same items instead of doubling them
    import_dump(FIXTURES / dump, tmp_path)
    assert len(_read_tsv(tmp_path / "people.tsv")) == 2


def test_imported_facts_are_used_by_date(tmp_path):
    import_dump(FIXTURES / "wikidata-small.json", tmp_path)
    resolver = ActorResolver.load([tmp_path], include_user=False)
    during = resolver.resolve_text("the Iranian president", "2032-05-01")[0]
    assert (during.name, during.wikidata) == ("Testa Personova", "Q990010")
    before = resolver.resolve_text("the Iranian president", "2023-05-01")[0]
    assert before.name == "Ebrahim Raisi"
    ftb = resolver.resolve_text("FTB")[0]
    assert (ftb.name, ftb.country, ftb.sector) == ("Free Testland Brigades", "LBN", "REB")


def test_import_errors(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="K030"):
        import_dump(tmp_path / "missing.json", tmp_path)
    junk = tmp_path / "junk.json"
    junk.write_text("[\nnot json,\n]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="no Wikidata entity"):
        import_dump(junk, tmp_path / "kb")


def test_kb_cli_import_and_errors(tmp_path):
    code = ("import argparse, sys\nfrom khaldun.cli import kb\np = argparse.ArgumentParser(prog='khaldun')\n"
            "sub = p.add_subparsers()\nkb.add_parser(sub)\na = p.parse_args(sys.argv[1:])\nsys.exit(a.func(a))\n")
    ok = subprocess.run([sys.executable, "-c", code, "kb", "import", str(FIXTURES / "wikidata-small.json.gz"), "--kb-dir", str(tmp_path)],
                        check=False, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "2 people" in ok.stdout and (tmp_path / "people.tsv").is_file()
    bad = subprocess.run([sys.executable, "-c", code, "kb", "import", str(tmp_path / "nope.json"), "--kb-dir", str(tmp_path)],
                         check=False, capture_output=True, text=True)
    assert bad.returncode == 1 and "[K030]" in bad.stderr


def test_an_ambiguous_name_is_settled_by_the_documents_other_names(resolve: Any) -> None:
    # "Congress" is the US legislature and India's party: the other names decide
    [a] = resolve("Congress held a march against the BJP over prices.", "Congress")
    assert a.country == "IND"
    [a] = resolve("Congress passed the bill that the American president had asked for.", "Congress")
    assert a.country == "USA"
    [a] = resolve("Congress passed the budget on Tuesday.", "Congress")
    assert a.country == "USA"  # no other name: the KB's first reading
