"""Owners of things named as actor or recipient, releases, exchanges, aid, and sentences that
are no new event (khaldun/coding/owners.py, readings.py, assembly.py). Sentences written for
these tests."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _one(events: list[Any], root: str) -> Any:
    found = [e for e in events if e.cameo_root == root]
    assert found, [(e.cameo_code, e.evidence.trigger) for e in events]
    return found[0]


def _country(actor: Any) -> str | None:
    return actor.country if actor is not None else None


def test_army_position_is_the_army(code_events) -> None:
    e = _one(code_events("Somali militants shelled an army position near Baidoa on Friday."), "19")
    assert (_country(e.actor), _country(e.recipient)) == ("SOM", "SOM")


def test_military_convoy_not_the_road(code_events) -> None:
    e = _one(code_events("Insurgents ambushed a military convoy on a road in Kunar province on Friday."), "19")
    assert e.recipient is not None and e.recipient.sector == "MIL"


def test_drones_launched_by_a_group(code_events) -> None:
    e = _one(code_events("On Monday, drones launched by Russian forces hit a military base in Kharkiv."), "19")
    assert _country(e.actor) == "RUS"
    assert e.recipient is not None and e.recipient.sector == "MIL"


def test_definite_checkpoint_takes_the_earlier_owner(code_events) -> None:
    text = ("Gunmen attacked a police checkpoint in Balochistan on Sunday. "
            "About 20 fighters stormed the checkpoint before dawn, a local official said.")
    stormed = [e for e in code_events(text) if e.evidence.trigger == "stormed"]
    assert stormed and _country(stormed[0].recipient) == "PAK"


def test_fire_at_thousands_of_workers(code_events) -> None:
    e = _one(code_events("Indian police fired rubber bullets at thousands of farmers in Haryana on Monday."), "17")
    assert _country(e.recipient) == "IND"


def test_aid_convoy_chartered_by_the_un(code_events) -> None:
    e = _one(code_events("A convoy of 20 lorries chartered by the United Nations delivered medicine to "
                         "the Syrian town of Douma on Sunday."), "07")
    assert _country(e.actor) == "IGO"
    assert _country(e.recipient) == "SYR"


def test_force_used_to_break_up_a_rally(code_events) -> None:
    e = _one(code_events("Armenian police used tear gas to break up a rally by hundreds of opposition "
                         "supporters in Yerevan on Sunday."), "17")
    assert (_country(e.actor), _country(e.recipient)) == ("ARM", "ARM")


def test_agentless_hostage_release_is_by_the_captors(code_events) -> None:
    text = ("Gunmen abducted nine passengers from a minibus in northern Nigeria on Monday. "
            "Four of the hostages were released on Wednesday after their relatives paid a ransom.")
    events = code_events(text, "2024-03-14")
    release = _one(events, "08")
    assert release.cameo_code == "0841"
    assert release.actor is not None and release.actor.country == "NGA"
    assert release.date == "2024-03-13"


def test_agentless_prisoner_release_gets_no_captor(code_events) -> None:
    text = ("Gunmen abducted nine passengers from a minibus in northern Nigeria on Monday. "
            "Forty prisoners were released from a jail in Lagos on Wednesday.")
    assert not [e for e in code_events(text, "2024-03-14") if e.cameo_root == "08"]


def test_prisoner_exchange_both_ways(code_events) -> None:
    events = code_events("Armenia and Azerbaijan exchanged 32 prisoners on Tuesday.", "2024-03-14")
    pairs = {(_country(e.actor), _country(e.recipient)) for e in events if e.cameo_code == "0841"}
    assert pairs == {("ARM", "AZE"), ("AZE", "ARM")}


def test_the_two_countries(code_events) -> None:
    text = ("Ethiopian troops shelled a town in Eritrea on Monday. "
            "A week earlier the two countries had swapped prisoners of war.")
    pairs = {(_country(e.actor), _country(e.recipient)) for e in code_events(text) if e.cameo_code == "0841"}
    assert pairs == {("ETH", "ERI"), ("ERI", "ETH")}


def test_protest_aimed_at_the_addressee_of_its_demand(code_events) -> None:
    e = _one(code_events("About 3,000 Kenyan teachers marched in Nairobi on Monday, demanding that "
                         "the government pay their arrears."), "14")
    assert _country(e.recipient) == "KEN"


def test_death_of_the_injured_is_no_new_attack(code_events) -> None:
    text = ("Police fired tear gas at striking dock workers in Chittagong on Sunday, injuring 12. "
            "One of the injured workers died in hospital on Monday, a doctor said.")
    events = code_events(text, "2024-03-12")
    assert not [e for e in events if e.evidence.trigger == "died"]


def test_standing_situation_is_no_event(code_events) -> None:
    assert not code_events("The rebels have fought the government for more than 20 years.")
    assert not code_events("The city has been besieged by rebel forces since 2016.")
    assert code_events("Rebel forces attacked the city on Monday.")
    # a term, not a span of activity
    assert code_events("A Kenyan court has jailed an opposition activist for three years.")


def test_owner_words_file_says_what_it_is() -> None:
    from importlib import resources

    from khaldun.coding.owners import CAPTIVES, CONVEYANCES, INSTALLATIONS, OWNER_WORDS, QUANTITIES

    lines = resources.files("khaldun.data").joinpath("lexicon", "owner_words.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and any("Written by" in ln for ln in lines if ln.startswith("#"))
    assert {"checkpoint", "convoy"} <= INSTALLATIONS and "drone" in CONVEYANCES and "thousands" in QUANTITIES
    assert "hostage" in CAPTIVES and "government" in OWNER_WORDS
