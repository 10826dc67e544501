"""The ACLED, CASE 2021 and IndiaPoliceEvents schemes, on hand-made records."""

from dataclasses import replace

from khaldun.evaluation.metrics import NONE, FieldTally
from khaldun.evaluation.schemes import (
    GoldRecord,
    acled_event,
    country_iso3,
    get_scheme,
    police_actions,
    scheme_for_dataset,
)
from khaldun.records import Actor, Count, Place

from .helpers import event


def rec(dataset: str, gold: dict) -> GoldRecord:
    return GoldRecord(id="x", text="t", doc_date=None, dataset=dataset, gold=gold, line=1)


def acled(e, a_type, sub, **kw):
    return replace(e, acled_event_type=a_type, acled_sub_event_type=sub, **kw)


def by_field(comps):
    return {c.field: c for c in comps}


def test_every_new_set_has_a_scheme():
    for ds in ("acled_acledr", "acled_asia2015", "case2021_task2", "indiapoliceevents_docs", "indiapoliceevents_sents"):
        assert scheme_for_dataset(ds).name == ds


def test_country_names_as_acled_writes_them():
    assert country_iso3("Democratic Republic of Congo") == "COD"
    assert country_iso3("Russia") == "RUS"
    assert country_iso3("Uganda") == "UGA"
    assert country_iso3("Atlantis") is None


def test_acled_event_is_most_confident_with_an_acled_type():
    plain = event("042", confidence=0.95)
    low = acled(event("141", "PROTEST", 4, confidence=0.5), "Protests", "Peaceful protest")
    high = acled(event("190", "ASSAULT", 4, confidence=0.7, start=3), "Battles", "Armed clash")
    assert acled_event([plain, low, high]) is high
    assert acled_event([plain]) is None


def test_acled_2022_fields():
    gold = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "country": "Uganda",
            "location": "Minakulu", "admin1": "Northern", "admin2": "Oyam", "admin3": None,
            "event_date": "2022-02-23", "fatalities": 0}
    place = Place(text="Minakulu (Oyam, Northern)", name="Oyam", country="UGA")
    e = acled(event("141", "PROTEST", 4, place=place), "Protests", "Peaceful protest")
    e = replace(e, date="2022-02-23")
    got = by_field(get_scheme("acled_acledr").compare(rec("acled_acledr", gold), [e]))
    assert got["event_type"].pred == "Protests" and got["sub_event_type"].pred == "Peaceful protest"
    assert got["location_country"].gold == got["location_country"].pred == "UGA"
    assert got["location"].pred == "Minakulu"  # an admin name of the gold location is right
    assert got["date"].pred == "2022-02-23"
    assert got["fatalities"].gold == got["fatalities"].pred == "0"  # no count is 0
    empty = by_field(get_scheme("acled_acledr").compare(rec("acled_acledr", gold), []))
    assert empty["event_type"].pred == NONE and empty["location"].pred == NONE


def test_acled_2015_riots_protests_accepts_either():
    scheme = get_scheme("acled_asia2015")
    gold = {"event_type": "Riots/Protests", "country": "Bangladesh", "fatalities": 1}
    riot = acled(event("145", "PROTEST", 4, deaths=1), "Riots", "Violent demonstration")
    got = by_field(scheme.compare(rec("acled_asia2015", gold), [riot]))
    assert got["event_type"].gold == got["event_type"].pred == "Riots"
    assert got["fatalities"].pred == "1"
    assert got["location_country"].gold == "BGD" and got["location_country"].pred == NONE
    assert scheme.skip_reason(rec("acled_asia2015", {"event_type": "Headquarters"})) is not None


def test_case2021_labels_from_sub_event_types():
    scheme = get_scheme("case2021_task2")
    strike = acled(event("195", "ASSAULT", 4), "Explosions/Remote violence", "Air/drone strike")
    got = by_field(scheme.compare(rec("case2021_task2", {"event_type": "AIR_STRIKE"}), [strike]))
    assert got["sub_event_type"].pred == "AIR_STRIKE"
    assert got["event_type"].gold == "Explosions/Remote violence"
    unseen = by_field(scheme.compare(rec("case2021_task2", {"event_type": "DIPLO"}), [strike]))
    assert "event_type" not in unseen and unseen["sub_event_type"].gold == "DIPLO"


def police(code, event_type, *, deaths=None, sub=None, polarity="affirmed", text="police"):
    e = event(code, event_type, 4, deaths=deaths, polarity=polarity)
    return replace(e, actor=Actor(text=text, sector=None), acled_sub_event_type=sub)


def test_police_actions():
    assert police_actions([police("173", "COERCE")]) == ("ARREST", "ANY_ACTION")
    assert police_actions([police("175", "ASSAULT")]) == ("FORCE", "ANY_ACTION")
    killed = replace(police("190", "ASSAULT"), fatalities=Count(2))
    assert police_actions([killed]) == ("KILL", "FORCE", "ANY_ACTION")
    assert police_actions([police("173", "COERCE", polarity="negated")]) == ()
    assert police_actions([police("173", "COERCE", text="the mob")]) == ()
    assert police_actions([replace(police("173", "COERCE", text="men"), actor=Actor(text="men", sector="COP"))])


def test_set_field_with_labels_scores_each_label():
    t = FieldTally("police_action", "set", ("KILL", "ARREST"))
    t.add_set(("KILL", "ARREST"), ("ARREST",))
    t.add_set((), ("KILL",))
    s = t.score()
    assert s.per_class["ARREST"]["f1"] == 1.0
    assert s.per_class["KILL"]["f1"] == 0.0
    assert s.macro_f1 == 0.5
    assert s.weighted_f1 == 0.5
