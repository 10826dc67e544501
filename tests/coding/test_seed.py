"""The founding article, coded as ../shared/examples/seed-article.expected.md codes it.

These assertions describe behaviour (who did what to whom, when, where, how
many, according to whom); the rules that produce it are general and are
exercised on other sentences in test_rules.py.
"""

from __future__ import annotations

from typing import Any

import pytest


def find(records: list[dict[str, Any]], **want: Any) -> list[dict[str, Any]]:
    out = []
    for r in records:
        ok = True
        for key, value in want.items():
            cur: Any = r
            for part in key.split("__"):
                cur = cur.get(part) if isinstance(cur, dict) else None
            if callable(value):
                ok = ok and bool(value(cur))
            else:
                ok = ok and cur == value
        if ok:
            out.append(r)
    return out


def one(records: list[dict[str, Any]], **want: Any) -> dict[str, Any]:
    hits = find(records, **want)
    assert hits, f"no record with {want}; got:\n" + "\n".join(
        f"  {r['cameo_code']} {r['event_type']} {(r['actor'] or {}).get('country')}->{(r['recipient'] or {}).get('country')} "
        f"{r['date']} {r['evidence']['trigger']!r}" for r in records
    )
    return hits[0]


def test_1_meeting_in_a_third_country(seed_records):
    r = one(seed_records, event_type="CONSULT", actor__country="IRN", recipient__country="PSE")
    assert r["cameo_code"] == "044"  # met in Qatar, neither party's country
    assert r["actor"]["sector"] == "GOV"
    assert r["date"] == "2023-10-14" and r["date_precision"] == "day"
    assert r["location"]["country"] == "QAT"
    assert r["source"] == "Jerusalem Post"
    assert r["polarity"] == "affirmed"


def test_2_agreement_to_cooperate(seed_records):
    r = one(seed_records, event_type="AGREE", actor__country="IRN", recipient__country="PSE",
            date="2023-10-14")
    assert r["cameo_code"] in ("030", "036")
    assert r["location"]["country"] == "QAT"


def test_3_praise_of_the_attack(seed_records):
    r = one(seed_records, event_type="SUPPORT", actor__country="IRN", recipient__name="Hamas")
    assert r["cameo_code"] == "051"
    assert r["source"] == "Jerusalem Post"


def test_4_israel_alleges_an_iranian_hand(seed_records):
    r = one(seed_records, event_type="ACCUSE", actor__country="ISR", recipient__country="IRN",
            evidence__trigger="alleged")
    assert r["location"] is None  # nothing in the sentence says where


def test_5_gilon_accuses_iran_on_thursday(seed_records):
    r = one(seed_records, event_type="ACCUSE", actor__name="Naor Gilon")
    assert (r["actor"]["country"], r["actor"]["sector"]) == ("ISR", "GOV")  # not IND
    assert r["recipient"]["country"] == "IRN"
    assert r["date"] == "2023-10-12" and r["date_text"] == "Thursday"
    # a claim is coded as the claim, not as the claimed attack by Iran
    assert not find(seed_records, event_type="ASSAULT", actor__country="IRN")


def test_6_khamenei_denies_involvement(seed_records):
    r = one(seed_records, cameo_code="016")
    assert r["event_type"] == "REJECT"
    assert (r["actor"]["country"], r["actor"]["sector"]) == ("IRN", "GOV")
    assert r["date"] != "2023-10-14"  # "the Saturday attack" dates the attack, not the denial


def test_8_the_october_7_attack_with_its_toll(seed_records):
    r = one(seed_records, event_type="ASSAULT", actor__name="Hamas", recipient__country="ISR",
            date="2023-10-07")
    assert r["cameo_root"] == "19"
    assert r["actor"]["country"] == "PSE"
    assert r["location"]["country"] == "ISR"
    assert (r["fatalities"]["value"], r["fatalities"]["qualifier"]) == (1300, "at_least")
    assert (r["injured"]["value"], r["injured"]["qualifier"]) == (3000, "more_than")
    assert r["fatalities"]["text"] == "at least 1300"
    assert r["acled_event_type"] in ("Explosions/Remote violence", "Violence against civilians", "Battles")


def test_9_hostages_held_in_gaza(seed_records):
    r = one(seed_records, event_type="ASSAULT", mode="abduct")
    assert r["cameo_code"] == "181"
    assert r["actor"]["country"] == "PSE"
    assert r["recipient"]["sector"] == "CVL"
    assert r["recipient"]["country"] == "ISR"  # held in Gaza, taken in Israel
    assert (r["abducted"]["value"], r["abducted"]["qualifier"]) == (120, "more_than")
    assert r["location"]["country"] == "PSE"
    assert r["acled_sub_event_type"] == "Abduction/forced disappearance"


def test_no_event_is_placed_at_the_dateline(seed_records):
    # "Beirut [Qatar]" is where the story was filed
    assert not find(seed_records, location__name="Beirut")


@pytest.mark.parametrize("field", ["fatalities", "injured"])
def test_counts_are_not_repeated_on_other_events(seed_records, field):
    assert len([r for r in seed_records if r[field]]) == 1
