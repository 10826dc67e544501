"""Linking inside a document: surnames, titles, pronouns, capitals, compounds, dates."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "examples" / "seed-article.txt"


@pytest.fixture(scope="module")
def seed(nlp, resolver):
    if not SEED.is_file():
        pytest.skip("../shared/examples is absent")
    text = SEED.read_text(encoding="utf-8").split(":", 1)[1]
    doc = nlp(text)
    return doc, resolver.for_document(doc, "2023-10-15")


def _span(doc, phrase, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
    assert span is not None
    return span


def test_seed_article_actors(seed):
    doc, actors = seed
    expect = {
        "Iranian Foreign Minister Hossein Amirabdollahian": ("IRN", "GOV", "person"),
        "Hamas leader Ismail Haniyeh": ("PSE", "REB", "person"),
        "Naor Gilon": ("ISR", "GOV", "person"),
        "Iran's Supreme leader Ayatollah Seyyed Ali Khamenei": ("IRN", "GOV", "person"),
        "The Iranian leader": ("IRN", "GOV", "person"),
        "Tehran": ("IRN", "GOV", "country"),
        "the Hamas terrorist organization": ("PSE", "REB", "organization"),
        "The IDF": ("ISR", "MIL", "organization"),
        "Iranian officials": ("IRN", "GOV", "group"),
    }
    for phrase, want in expect.items():
        got = actors.resolve(_span(doc, phrase))
        assert got is not None and (got.country, got.sector, got.kind) == want, (phrase, got)


def test_surnames_titles_and_pronouns_link_back(seed):
    doc, actors = seed
    assert actors.resolve(_span(doc, "Haniyeh", 1)).name == "Ismail Haniyeh"
    assert actors.resolve(_span(doc, "Amirabdollahian also")).name == "Hossein Amir-Abdollahian"
    assert actors.resolve(_span(doc, "The Iranian leader")).name == "Ali Khamenei"
    he = doc.text.index(" he said") + 1
    assert actors.resolve(doc.char_span(he, he + 2)).name == "Naor Gilon"


def test_the_two_is_a_pair(seed):
    doc, actors = seed
    pair = actors.resolve_all(_span(doc, "the two agreed")[:2])
    assert {a.name for a in pair} == {"Hossein Amir-Abdollahian", "Ismail Haniyeh"}


def test_country_that_speaks_is_its_government(seed):
    doc, actors = seed
    israel = actors.resolve(_span(doc, "Israel has continuously")[:1])
    assert (israel.country, israel.sector) == ("ISR", "GOV")


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [("Washington", "USA", "GOV"), ("the Kremlin", "RUS", "GOV"), ("Mogadishu", "SOM", "GOV"), ("Tehran", "IRN", "GOV")],
)
def test_capitals_stand_for_governments(resolve, phrase, country, sector):
    actors = resolve(f"{phrase} rejected the proposal on Monday.", phrase)
    assert [(a.country, a.sector) for a in actors] == [(country, sector)]


def test_compounds_give_one_actor_per_conjunct(resolve):
    actors = resolve("Brazil and the United States signed a trade pact.", "Brazil and the United States")
    assert [a.country for a in actors] == ["BRA", "USA"]
    officials = resolve("Senior Hungarian and Romanian officials agreed on Wednesday.", "Senior Hungarian and Romanian officials")
    assert [(a.country, a.sector) for a in officials] == [("HUN", "GOV"), ("ROU", "GOV")]
    shared = resolve("Hamas killed civilians and soldiers in southern Israel.", "civilians and soldiers in southern Israel")
    assert [(a.country, a.sector) for a in shared] == [("ISR", "CVL"), ("ISR", "MIL")]


@pytest.mark.parametrize(
    ("date", "name"),
    [("1995-06-01", "Bill Clinton"), ("2010-06-01", "Barack Obama"), ("2022-06-01", "Joe Biden"), ("2025-06-01", "Donald Trump")],
)
def test_roles_resolve_by_event_date(resolve, date, name):
    actor = resolve("The American president said the talks would go on.", "The American president", date)[0]
    assert (actor.name, actor.country, actor.sector) == (name, "USA", "GOV")


def test_former_office_holder_is_elite_on_a_later_date(resolve):
    actor = resolve("Mubarak spoke to reporters.", "Mubarak", "2015-01-01")[0]
    assert (actor.country, actor.sector) == ("EGY", "ELI")
    actor = resolve("Mubarak spoke to reporters.", "Mubarak", "2005-01-01")[0]
    assert (actor.country, actor.sector) == ("EGY", "GOV")
