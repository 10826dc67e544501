"""Place resolution: gazetteer, disambiguation, event location."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khaldun.errors import DataError
from khaldun.places import Gazetteer, PlaceResolver
from khaldun.places.gazetteer import DATA_DIR

SEED = ("Iranian Foreign Minister Hossein Amirabdollahian met Hamas leader Ismail Haniyeh on "
        "Saturday night in Qatar and agreed to cooperate.\n\n"
        "This was Haniyeh's first official meeting with Iranian officials since Hamas's assault "
        "on southern Israel.\n\n"
        "Notably, Israel has continuously alleged that there is an \"Iranian hand\" in the attack.\n\n"
        "The IDF has confirmed that over 120 civilians are being held captive in Gaza by Hamas.")


def _location(nlp: Any, places: PlaceResolver, text: str, trigger: str, **kw: Any) -> Any:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return places.for_document(doc, **kw).event_location(tok.sent, tok)


def test_gazetteer_is_served_from_its_index_cache(tmp_path: Path) -> None:
    # how fast that is is measured by benchmarks (make bench), not asserted here
    first = Gazetteer.load(cache_dir=tmp_path)
    cached = list(tmp_path.rglob("gazetteer-*.pickle"))
    assert len(cached) == 1
    stamp = cached[0].stat().st_mtime_ns
    again = Gazetteer.load(cache_dir=tmp_path)
    assert cached[0].stat().st_mtime_ns == stamp  # read, not rebuilt
    for name in ("Paris", "Gaza", "Hodeidah"):
        assert again.lookup(name) == first.lookup(name)


def test_lookup_prefers_population_and_context(places: PlaceResolver) -> None:
    assert places.lookup("Paris").country == "FRA"
    assert places.lookup("Paris", context=["USA"]).country == "USA"
    assert places.lookup("Gaza").country == "PSE"
    assert places.lookup("the Gaza Strip").country == "PSE"
    assert places.lookup("Hodeidah").country == "YEM"  # transliteration of Hodeida
    assert places.lookup("Narnia") is None


def test_broken_data_file_is_a_data_error(tmp_path: Path) -> None:
    for name in ("aliases.tsv", "regions.tsv", "demonyms.tsv"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "gazetteer.tsv").write_text("# note\nkind\tname\ncity\tonly two\n", encoding="utf-8")
    with pytest.raises(DataError, match="K020"):
        Gazetteer.load(tmp_path, cache_dir=tmp_path / "cache")


@pytest.mark.slow
def test_seed_places(nlp: Any, places: PlaceResolver) -> None:
    doc = nlp(SEED)
    dp = places.for_document(doc, dateline="Beirut [Qatar], October 15", actor_countries=["IRN", "PSE"])
    sents = list(doc.sents)

    def loc(trigger: str) -> Any:
        tok = next(t for t in doc if t.text == trigger)
        return dp.event_location(tok.sent, tok)

    assert loc("met").country == "QAT"
    south = loc("assault")
    assert (south.country, south.precision, south.name) == ("ISR", "admin1", "southern Israel")
    held = loc("held")
    assert held.country == "PSE" and held.name == "Gaza"
    # the dateline (Beirut) is never the event's place
    assert all(p.country != "LBN" for _, p in dp.resolved())
    assert len(sents) >= 4


@pytest.mark.slow
def test_dateline_is_not_the_location(nlp: Any, places: PlaceResolver) -> None:
    loc = _location(nlp, places, "Officials said the talks had stalled.", "stalled",
                    dateline="BEIRUT (Reuters)")
    assert loc is None


@pytest.mark.slow
def test_paris_in_a_texas_story(nlp: Any, places: PlaceResolver) -> None:
    text = ("Two men were arrested in Paris on Monday after a brawl. The Lamar County sheriff in "
            "Texas said both were charged.")
    assert _location(nlp, places, text, "arrested").country == "USA"
    assert _location(nlp, places, "Police arrested 30 people in Paris on Thursday.",
                     "arrested").country == "FRA"
    qualified = _location(nlp, places, "Two men were arrested in Paris, Texas, on Monday.", "arrested")
    assert (qualified.country, qualified.admin1) == ("USA", "Texas")


@pytest.mark.slow
def test_attached_place_beats_other_places(nlp: Any, places: PlaceResolver) -> None:
    text = "Iran accused Israel on Sunday after officials met in Doha."
    assert _location(nlp, places, text, "met").country == "QAT"
    # actors are not places
    assert _location(nlp, places, "Iran accused Israel of lying.", "accused") is None


@pytest.mark.slow
def test_unresolvable_place_does_not_drop_others(nlp: Any, places: PlaceResolver) -> None:
    doc = nlp("Fighting spread from Zzyzxvillex to Aleppo on Monday, and clashes were reported "
              "in Narnia and in Homs.")
    dp = places.for_document(doc)
    names = {p.name for _, p in dp.resolved()}
    assert {"Aleppo", "Homs"} <= names
    assert len(dp.mentions) > len(dp.resolved())


@pytest.mark.slow
def test_region_phrases_and_bearings(nlp: Any, places: PlaceResolver) -> None:
    loc = _location(nlp, places, "A car bomb exploded 30 km north of Baghdad on Monday.", "exploded")
    assert (loc.name, loc.country) == ("Baghdad", "IRQ")
    loc = _location(nlp, places, "Drones struck oil fields in northern Syria.", "struck")
    assert (loc.country, loc.precision) == ("SYR", "admin1") and loc.lat > 35.5
    loc = _location(nlp, places, "Settlers attacked villages in the West Bank.", "attacked")
    assert loc.country == "PSE"
    loc = _location(nlp, places, "Insurgents abducted 20 women in Borno state.", "abducted")
    assert (loc.name, loc.precision) == ("Borno", "admin1")


@pytest.mark.slow
def test_context_place_for_a_sentence_without_one(nlp: Any, places: PlaceResolver) -> None:
    text = "Gunmen attacked a market in Kano on Tuesday. Five people were killed, police said."
    assert _location(nlp, places, text, "killed").name == "Kano"
