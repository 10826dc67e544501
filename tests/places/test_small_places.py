"""Issue 10, places: towns down to 500 people, second-level divisions, English words that
are also towns, and the place forms of monitor copy ("X - Y", "X, Area", "(Area)").
Sentences written for these tests."""

from __future__ import annotations

from typing import Any

from khaldun.places import PlaceResolver
from khaldun.places.gazetteer import Gazetteer
from tests.places.helpers import location


def _dp(nlp: Any, places: PlaceResolver, text: str) -> Any:
    return places.for_document(nlp(text))


def test_towns_of_a_few_thousand_people_are_known(places: PlaceResolver) -> None:
    # GeoNames towns between 500 and 5,000 people (cities500) were missing before
    [e] = [e for e in places.gazetteer.lookup("Wamunyu") if e.country == "KEN"]
    assert e.kind == "city" and 500 <= e.population < 5000 and e.admin1 == "Machakos"


def test_second_level_divisions_are_entries_and_towns_know_theirs(places: PlaceResolver) -> None:
    gaz = places.gazetteer
    districts = [e for e in gaz.lookup("Anantapur") if e.kind == "admin2"]
    assert districts and districts[0].country == "IND" and districts[0].admin1 == "Andhra Pradesh"
    town = next(e for e in gaz.lookup("Anantapur") if e.kind == "city")
    assert town.admin2 == "Anantapur" and gaz.in_area(town, districts[0])


def test_english_words_are_flagged_from_the_word_list(places: PlaceResolver) -> None:
    gaz = places.gazetteer
    assert gaz.is_common_word("Police") and gaz.is_common_word("Centre") and gaz.is_common_word("union")
    assert not gaz.is_common_word("Lahore")


def test_a_building_named_with_an_english_word_is_not_a_town(nlp: Any, places: PlaceResolver) -> None:
    dp = _dp(nlp, places, "Nurses protested outside the Central Police Department on Monday.")
    assert not [p for p in dp.places if p is not None]


def test_an_english_word_with_a_place_noun_is_a_town(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "Dockworkers marched in Mobile city on Monday.", "marched")
    assert loc is not None and loc.country == "USA" and loc.name == "Mobile"


def test_city_dash_district_is_read_inside_the_city(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "On Monday, students marched in Lima - Miraflores against the fees.", "marched")
    assert loc is not None and loc.country == "PER"
    assert loc.text == "Lima - Miraflores"


def test_unknown_village_comma_division(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "On Monday, gunmen attacked Qzorvilla, Kano, and burned two houses.", "attacked")
    assert loc is not None and loc.country == "NGA" and loc.name == "Kano"


def test_place_noun_makes_the_whole_run_one_name(nlp: Any, places: PlaceResolver) -> None:
    # the recogniser may take only "Hill"; the unknown village is placed by its brackets
    loc = location(nlp, places, "Rebels attacked troops near Zqor Hill village (Muzaffarpur district, Bihar) on Monday.",
                    "attacked")
    assert loc is not None and loc.country == "IND"


def test_place_only_in_brackets_after_a_building(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "Teachers rallied in front of the provincial assembly building (Peshawar) on Monday.",
                    "rallied")
    assert loc is not None and loc.country == "PAK" and loc.name == "Peshawar"


def test_kind_words_are_dropped_from_bracketed_names(nlp: Any, places: PlaceResolver) -> None:
    loc = location(nlp, places, "Farmers blocked a road in Qzarpur town (Ludhiana district, Punjab state) on Monday.",
                    "blocked")
    assert loc is not None and loc.country == "IND"


def test_bracketed_division_beats_a_bigger_namesake(nlp: Any, places: PlaceResolver) -> None:
    # Hyderabad is a large city of India and of Pakistan; the division says which
    loc = location(nlp, places, "Lawyers protested in Hyderabad (Telangana) on Monday.", "protested")
    assert loc is not None and loc.country == "IND"
    loc = location(nlp, places, "Lawyers protested in Hyderabad (Sindh) on Monday.", "protested")
    assert loc is not None and loc.country == "PAK"


def test_unplaced_event_takes_the_country_inside_an_organisation_name(nlp: Any, places: PlaceResolver) -> None:
    dp = _dp(nlp, places, "Members of the Kerala Students Union staged a protest outside the press club.")
    assert [p for p in dp.places if p is not None] == []
    assert dp.country_place().country == "IND"


def test_unplaced_event_takes_a_lower_case_town(nlp: Any, places: PlaceResolver) -> None:
    dp = _dp(nlp, places, "students staged a protest in karachi against the fee hike.")
    place = dp.country_place()
    assert place is not None and place.country == "PAK"


def test_the_event_sentence_beats_the_dateline(nlp: Any, places: PlaceResolver) -> None:
    text = "NAIROBI, March 3 (Reuters) - Gunmen attacked a bus near Garissa on Tuesday, police said."
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "attacked")
    loc = places.for_document(doc, dateline="NAIROBI").event_location(tok.sent, tok)
    assert loc is not None and loc.name == "Garissa"


def test_the_mediators_capital_is_not_the_event_place(nlp: Any, places: PlaceResolver) -> None:
    text = "At talks in Doha on Monday, officials said militants had attacked a convoy in Kunduz province."
    loc = location(nlp, places, text, "attacked")
    assert loc is not None and loc.country == "AFG"


def test_old_nine_column_files_still_load(tmp_path: Any) -> None:
    (tmp_path / "aliases.tsv").write_text("alias\tcountry\nTestia\tTST\n", encoding="utf-8")
    (tmp_path / "regions.tsv").write_text("phrase\tname\tcountry\tadmin1\tlat\tlon\tprecision\tnote\n",
                                          encoding="utf-8")
    (tmp_path / "demonyms.tsv").write_text("demonym\tcountry\n", encoding="utf-8")
    (tmp_path / "common_words.txt").write_text("# none\n", encoding="utf-8")
    (tmp_path / "gazetteer.tsv").write_text(
        "kind\tgeonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tnames\n"
        "country\t1\tTestland\tTST\t\t1.0\t2.0\t100\t\n"
        "city\t2\tTestville\tTST\tNorth\t1.5\t2.5\t700\tTest Ville\n", encoding="utf-8")
    gaz = Gazetteer.load(tmp_path, cache_dir=tmp_path / "cache")
    [e] = gaz.lookup("Test Ville")
    assert e.name == "Testville" and e.admin2 is None and e.population == 700
    again = Gazetteer.load(tmp_path, cache_dir=tmp_path / "cache")  # from the cache
    assert again.lookup("Testville")[0] == e and again.lookup("Testia")[0].country == "TST"


def test_a_lower_case_direction_is_a_part_not_a_small_town(nlp: Any, places: PlaceResolver) -> None:
    # with towns of 500 people, "South Lebanon" (Ohio) is in the gazetteer; "south Lebanon" is a part of Lebanon
    loc = location(nlp, places, "Militias clashed in south Lebanon on Monday.", "clashed")
    assert loc is not None and loc.country == "LBN"


def test_a_possessive_country_after_a_comma_is_a_peer(nlp: Any, places: PlaceResolver) -> None:
    dp = _dp(nlp, places, "Hackers targeted the United States, South Korea's spy agency said on Monday.")
    assert {p.country for p in dp.places if p is not None} == {"USA", "KOR"}
