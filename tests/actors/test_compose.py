"""Compositional coding: nationality or country plus role, titles, appositions, possessives."""

from __future__ import annotations

import pytest


def one(actors):
    assert len(actors) == 1, actors
    return actors[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "country", "sector"),
    [
        ("Iranian Foreign Minister Hossein Amirabdollahian met the envoy.", "Iranian Foreign Minister Hossein Amirabdollahian", "IRN", "GOV"),
        ("Kenyan police fired tear gas.", "Kenyan police", "KEN", "COP"),
        ("Palestinian gunmen opened fire.", "Palestinian gunmen", "PSE", "UAF"),
        ("Somalia's foreign ministry condemned the raid.", "Somalia's foreign ministry", "SOM", "GOV"),
        ("Syrian soldiers crossed the border.", "Syrian soldiers", "SYR", "MIL"),
        ("Afghan rebel leaders met in Peshawar.", "Afghan rebel leaders", "AFG", "REB"),
        ("The Israeli army entered the town.", "The Israeli army", "ISR", "MIL"),
        ("A Nigerian judge ruled on Monday.", "A Nigerian judge", "NGA", "JUD"),
        ("The Turkish parliament voted.", "The Turkish parliament", "TUR", "LEG"),
        ("King Hassan of Morocco arrived.", "King Hassan of Morocco", "MAR", "GOV"),
        ("The president of Armenia spoke.", "The president of Armenia", "ARM", "GOV"),
        ("Former Greek prime minister Andreas Papandreou spoke.", "Former Greek prime minister Andreas Papandreou", "GRC", "ELI"),
        ("U.N. Secretary-General Kofi Annan urged calm.", "U.N. Secretary-General Kofi Annan", "IGO", "GOV"),
        ("United Nations peacekeepers withdrew.", "United Nations peacekeepers", "IGO", "MIL"),
        ("Tamil civilian refugees fled.", "Tamil civilian refugees", "LKA", "REF"),
        ("Ethnic Albanians in south Serbia protested.", "Ethnic Albanians in south Serbia", "SRB", "CVL"),
        ("Iraqi Kurds demonstrated.", "Iraqi Kurds", "IRQ", "CVL"),
    ],
)
def test_country_and_role(resolve, sentence, phrase, country, sector):
    actor = one(resolve(sentence, phrase))
    assert (actor.country, actor.sector) == (country, sector), actor


def test_ambassador_to_another_country_keeps_his_own(resolve):
    actor = one(resolve("Israeli Ambassador to India, Naor Gilon said on Thursday that Iran was involved.",
                        "Israeli Ambassador to India, Naor Gilon"))
    assert (actor.country, actor.sector, actor.name, actor.kind) == ("ISR", "GOV", "Naor Gilon", "person")


def test_group_leader_takes_the_group(resolve):
    actor = one(resolve("Iranian Foreign Minister Hossein Amirabdollahian met Hamas leader Ismail Haniyeh on Saturday.",
                        "Hamas leader Ismail Haniyeh"))
    assert (actor.country, actor.sector, actor.name) == ("PSE", "REB", "Ismail Haniyeh")


def test_explicit_role_beats_the_kb(resolve):
    actor = one(resolve("Palestinian Prime Minister Ismail Haniyeh rejected the plan.", "Palestinian Prime Minister Ismail Haniyeh"))
    assert (actor.country, actor.sector) == ("PSE", "GOV")


def test_organisations(resolve):
    hamas = one(resolve("The IDF said hostages are held by the Hamas terrorist organization.", "the Hamas terrorist organization"))
    assert (hamas.name, hamas.country, hamas.sector, hamas.kind) == ("Hamas", "PSE", "REB", "organization")
    idf = one(resolve("The IDF said hostages are held by Hamas.", "The IDF"))
    assert (idf.country, idf.sector) == ("ISR", "MIL")
    backed = one(resolve("Pro-Iranian Hezbollah militants fired rockets.", "Pro-Iranian Hezbollah militants"))
    assert backed.country == "LBN"


def test_acronyms_only_match_as_written(resolve):
    assert resolve("It is over.", "is") == []
    islamic_state = one(resolve("IS claimed the attack.", "IS"))
    assert islamic_state.name == "Islamic State"
    us = one(resolve("The U.S. imposed sanctions.", "The U.S."))
    assert us.country == "USA"


@pytest.mark.parametrize(
    ("sentence", "phrase", "sector"),
    [
        ("Opposition supporters marched.", "Opposition supporters", "OPP"),
        ("Protesters blocked the road.", "Protesters", "OPP"),
        ("Rioters burned cars.", "Rioters", "OPP"),
        ("Villagers fled the fighting.", "Villagers", "CVL"),
        ("Rebels seized the town.", "Rebels", "REB"),
        ("Militants attacked a checkpoint.", "Militants", "REB"),
        ("Police arrested ten people.", "Police", "COP"),
    ],
)
def test_bare_roles_get_a_sector(resolve, sentence, phrase, sector):
    actor = one(resolve(sentence, phrase))
    assert actor.sector == sector and actor.country is None


@pytest.mark.parametrize("phrase", ["This", "the goals", "Saturday night", "the meeting"])
def test_non_actors_give_nothing(resolve, phrase):
    sentence = {"This": "This comes amid the war.", "the goals": "They share the goals.",
                "Saturday night": "They met on Saturday night.", "the meeting": "During the meeting, they agreed."}[phrase]
    assert resolve(sentence, phrase) == []


def test_unknown_person_is_still_a_person(resolve):
    actor = one(resolve("Zorblat Quenterfax said the talks failed.", "Zorblat Quenterfax"))
    assert actor.kind == "person" and actor.country is None
