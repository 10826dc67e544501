"""Actor phrases that name their actor through another phrase of the article
(khaldun/coding/references.py): coordinated "of" sides, possessive pronouns, an office of a
role, "the same group", partitives, "another wave", "carried out the attack", victims of a
killing participle, and force used in another state. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.slow


def _country(actor: Any) -> str | None:
    return actor.country if actor is not None else None


def _by_trigger(events: list[Any], word: str) -> list[Any]:
    found = [e for e in events if word in e.evidence.trigger]
    assert found, [(e.cameo_code, e.evidence.trigger) for e in events]
    return found


def test_coordinated_of_sides_meet_each_other(code_events) -> None:
    events = code_events("The defence ministers of Armenia and Azerbaijan met in Vienna on Monday.")
    dyads = {(_country(e.actor), _country(e.recipient)) for e in _by_trigger(events, "met")}
    assert ("ARM", "AZE") in dyads and ("AZE", "ARM") in dyads


def test_repeated_of_sides_agree(code_events) -> None:
    events = code_events("A truce was signed in Geneva on Friday by envoys of Ethiopia's government "
                         "and of the Eritrean government.")
    dyads = {(_country(e.actor), _country(e.recipient)) for e in events if e.cameo_root in ("03", "05", "06")}
    assert ("ETH", "ERI") in dyads or ("ERI", "ETH") in dyads, dyads


def test_one_of_phrase_stays_one_actor(code_events) -> None:
    events = code_events("The foreign minister of Chile met the Peruvian president in Lima on Monday.")
    e = _by_trigger(events, "met")[0]
    assert (_country(e.actor), _country(e.recipient)) == ("CHL", "PER")


def test_their_spokesman_is_the_group_named_before(code_events) -> None:
    text = ("The Houthis rejected the plan on Sunday. "
            "Their spokesman accused Saudi forces of shelling a market.")
    e = _by_trigger(code_events(text), "accused")[0]
    assert _country(e.actor) == "YEM"


def test_the_houthis_are_the_group(code_events) -> None:
    e = _by_trigger(code_events("The Houthis fired a missile at a Saudi airport on Monday."), "fired")[0]
    assert _country(e.actor) == "YEM"


def test_office_of_a_role_acts(code_events) -> None:
    text = "In Guadalajara, the attorney general's office said on Monday it had arrested three suspects."
    e = _by_trigger(code_events(text), "arrested")[0]
    assert e.actor is not None and _country(e.actor) == "MEX"
    assert _country(e.recipient) == "MEX"


def test_the_same_group_is_the_earlier_group(code_events) -> None:
    text = ("Rebel fighters attacked an army post in Cauca province, Colombia, on Monday. "
            "Two days later the same group burned a police station in the town of Suarez.")
    e = _by_trigger(code_events(text), "burned")[0]
    assert e.actor is not None and e.actor.sector == "REB" and _country(e.actor) == "COL"


def test_some_of_them_are_the_workers(code_events) -> None:
    text = ("Thousands of textile workers blocked a road in Narayanganj, Bangladesh, on Sunday. "
            "Some of them threw stones at the police.")
    e = _by_trigger(code_events(text), "threw")[0]
    assert _country(e.actor) == "BGD"


def test_another_wave_is_the_same_attacker(code_events) -> None:
    text = ("On Monday, drones launched by Russian forces hit a power station in Kharkiv, and "
            "on Tuesday another wave struck a rail depot in the city.")
    e = _by_trigger(code_events(text), "struck")[0]
    assert _country(e.actor) == "RUS"


def test_victims_of_a_killing_participle(code_events) -> None:
    e = _by_trigger(code_events("A roadside bomb exploded near a market in Kirkuk, Iraq, on Friday, "
                                "killing five people."), "exploded")[0]
    assert _country(e.recipient) == "IRQ"


def test_carried_out_the_attack_takes_its_target(code_events) -> None:
    text = ("Gunmen killed six soldiers at a checkpoint in Tillaberi, Niger, on Sunday. "
            "An Islamic State affiliate said it carried out the attack.")
    e = _by_trigger(code_events(text), "carried out")[0]
    assert _country(e.recipient) == "NER"


def test_force_used_in_another_state_targets_it(code_events) -> None:
    e = _by_trigger(code_events("Turkey carried out air strikes in northern Iraq in May 2023."), "air strikes")[0]
    assert (_country(e.actor), _country(e.recipient)) == ("TUR", "IRQ")


def test_an_indefinite_official_is_someone_new(code_events) -> None:
    text = ("Ahmed Saleh, a farmer, said the village was shelled. "
            "A senior United Nations official called on both sides to stop fighting.")
    e = [e for e in code_events(text) if e.actor is not None and "official" in e.actor.text]
    assert e and _country(e[0].actor) == "IGO"


def test_condemning_the_violence_targets_who_used_force(code_events) -> None:
    text = ("Serbian police fired tear gas at students marching in Novi Sad on Friday. "
            "The Council of Europe's human rights commissioner condemned the violence against students.")
    e = _by_trigger(code_events(text), "condemned")[0]
    assert _country(e.recipient) == "SRB" and e.recipient.sector == "COP"
