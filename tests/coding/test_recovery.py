"""Events the parse hid, blockades by demonstrators, explosions told with "blast", party members
who fight, and deeds before words (issue 10, session 6: khaldun/coding/recovery.py and
partisans.py). Sentences written for these tests; each names the mechanism it checks."""

from __future__ import annotations

import pytest

from tests.coding.helpers import top


@pytest.mark.parametrize("text", [
    # a past-tense verb the tagger makes a noun after a stray quote mark
    "Residents of the ward' protested against poor drainage.",
    # "continue" is no light verb: the protest is its object
    "Eight teacher unions contined a protest, demanding higher salaries.",
    # the parser hangs "dharna" off the participle that follows it
    "Retired bank staff held a dharna demanding they be paid arrears before the scheme was launched.",
])
def test_a_protest_the_parse_hid_is_recovered(code, text):
    assert top(code(text)) == ("Protests", "Peaceful protest")


@pytest.mark.parametrize("text", [
    "Fighting between the rebels and the army was ongoing, a spokesman said.",
    "Firing between the two armies resumed along the border on Monday.",
])
def test_violence_named_by_a_noun_or_gerund_subject_is_recovered(code, text):
    assert top(code(text)) is not None
    assert top(code(text))[0] in ("Battles", "Violence against civilians")


@pytest.mark.parametrize("text", [
    "Two men were seen near the temple. There were no reported clashes.",
    "The minister expressed sorrow for the shootings in the northern town.",
    "Officials want the army to attack the rebel camp.",
    "The travel agency advised against trips to the city after the museum shooting last week.",
    "The ministry denied a report that troops had killed protesters.",
])
def test_denied_background_and_wanted_violence_is_not_recovered(code, text):
    # a negated noun, a noun another noun is about, a time or cause, an infinitive, and what a
    # coded event (the denial) governs are no events of their own
    assert top(code(text)) is None


def test_what_another_noun_is_about_is_not_recovered(code):
    recs = code("The president will attend a summit on the unrest in the region.")
    assert not any("unrest" in r["evidence"]["trigger"] for r in recs)


@pytest.mark.parametrize("text, expected", [
    ("The nationwide blockade enforced by the opposition alliance entered its tenth day.", "144"),
    ("Students of the university imposed a blockade on the highway.", "144"),
    ("The army imposed a blockade on the rebel-held town.", "191"),
    ("The blockade imposed by Israel entered its tenth day.", "191"),
])
def test_a_blockade_by_demonstrators_is_their_protest(code, text, expected):
    codes = {r["cameo_code"] for r in code(text)}
    assert expected in codes
    if expected == "144":
        assert top(code(text)) == ("Protests", "Peaceful protest")


@pytest.mark.parametrize("text", [
    "Rebels blasted a bus near the market.",
    "Unknown men blasted two crude bombs near the bus stand.",
])
def test_blasting_a_thing_is_an_explosion(code, text):
    recs = code(text)
    assert "183" in {r["cameo_code"] for r in recs}
    assert top(recs) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_blasting_a_body_is_criticism(code):
    recs = code("The opposition leader blasted the government over the price rise.")
    assert {r["cameo_code"] for r in recs} == {"111"}


@pytest.mark.parametrize("text", [
    "At least six people were injured in a clash between two groups of ruling party activists in the town.",
    "Several people were hurt when rival party workers clashed near the bus stand over nominations.",
])
def test_party_members_who_fight_riot(code, text):
    assert top(code(text)) == ("Riots", "Mob violence")


def test_a_demonstrations_participants_who_burn_vehicles_riot(code):
    recs = code("Strike supporters set fire to three buses in the city.")
    assert top(recs) == ("Riots", "Violent demonstration")


def test_armed_sides_still_fight_battles(code):
    assert top(code("Clashes broke out between militants and the army in the district.")) == ("Battles", "Armed clash")


def test_deeds_outrank_words(code):
    recs = code("Party workers clashed with rival supporters in the town on Sunday. Party supporters "
                "had complained that the rival workers were threatening voters.")
    assert top(recs)[0] == "Riots"


def test_a_dispersal_in_a_document_that_names_a_demonstration_is_a_protest_with_intervention(code):
    # dispersals.py: the protest is told only as what the villagers tried to hold
    recs = code("Security forces dispersed about 50 villagers from a park after they attempted to hold "
                "a second day of protests.")
    assert top(recs) == ("Protests", "Protest with intervention")


def test_a_dispersal_with_no_demonstration_named_stays_an_attack(code):
    recs = code("Security forces dispersed about 50 villagers from a park near the river.")
    assert top(recs) != ("Protests", "Protest with intervention")


@pytest.mark.parametrize("text", [
    "The union called off the strike after talks with the management.",
    "A farmer who lost his crops during the fighting last year said the harvest was good.",
])
def test_what_was_called_off_or_told_in_a_relative_clause_is_not_recovered(code, text):
    assert top(code(text)) is None
