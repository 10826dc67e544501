import pytest

from khaldun.errors import UsageError
from khaldun.evaluation.metrics import NONE
from khaldun.evaluation.schemes import (
    GoldRecord,
    cameo_actor_country,
    country_match,
    get_scheme,
    main_event,
    map_plover_type,
    scheme_for_dataset,
)
from khaldun.records import Place

from .helpers import event


def rec(dataset: str, gold: dict, id: str = "x") -> GoldRecord:
    return GoldRecord(id=id, text="t", doc_date=None, dataset=dataset, gold=gold, line=1)


def by_field(comps):
    return {c.field: c for c in comps}


@pytest.mark.parametrize("old,new", [("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"),
                                     ("FIGHT", "ASSAULT"), ("AGREE", "AGREE"), ("ASSAULT", "ASSAULT")])
def test_plover_old_types_map_to_new(old, new):
    assert map_plover_type(old) == new


def test_main_event_is_most_confident_counted_event():
    low = event("042", confidence=0.5, start=0)
    high = event("190", "ASSAULT", 4, confidence=0.9, start=10)
    denied = event("112", "ACCUSE", 3, confidence=0.99, modality="denied")
    negated = event("173", "COERCE", 4, confidence=0.99, polarity="negated")
    claimed = event("120", "REJECT", 3, confidence=0.99, modality="claimed")
    assert main_event([low, high, denied, negated, claimed]) is high
    assert main_event([denied, negated]) is None
    future = event("064", "COOPERATE", 2, modality="future")
    assert main_event([future]) is future
    tie_a, tie_b = event("042", start=5), event("043", start=2)
    assert main_event([tie_a, tie_b]) is tie_b


def test_plover_event_type_with_mapping_and_misses():
    s = get_scheme("plover_gsr")
    gold = {"event_type": "DEMAND", "source_actor_codes": None, "target_actor_codes": None}
    c = by_field(s.compare(rec("plover_gsr", gold), [event("100", "REQUEST", 1)]))
    assert (c["event_type"].gold, c["event_type"].pred) == ("REQUEST", "REQUEST")
    c = by_field(s.compare(rec("plover_gsr", gold), []))
    assert c["event_type"].pred == NONE
    c = by_field(s.compare(rec("plover_gsr", gold), [event("010", None, 0)]))
    assert c["event_type"].pred == "STATEMENT"


def test_plover_actor_country_sector_recipient_compound():
    s = get_scheme("plover_gsr")
    gold = {
        "event_type": "AGREE",
        "source_actor_codes": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
                               {"actorText": "Romanian", "code": "ROU", "sector": "CVLalb"}],
        "target_actor_codes": [{"actorText": "UN", "code": "IGO"}],
    }
    ev = event("057", "AGREE", 1, actor="ROU", recipient="IGOUNO", sector="CVL")
    c = by_field(s.compare(rec("plover_gsr", gold), [ev]))
    assert (c["actor_country"].gold, c["actor_country"].pred) == ("ROU", "ROU")
    assert (c["actor_sector"].gold, c["actor_sector"].pred) == ("CVL", "CVL")
    assert (c["recipient_country"].gold, c["recipient_country"].pred) == ("IGO", "IGO")
    wrong = event("057", "AGREE", 1, actor="FRA")
    c = by_field(s.compare(rec("plover_gsr", gold), [wrong]))
    assert (c["actor_country"].gold, c["actor_country"].pred) == ("HUN", "FRA")
    assert c["recipient_country"].pred == NONE


def test_plover_sector_unscored_when_gold_gives_none():
    s = get_scheme("plover_gsr")
    gold = {"event_type": "AGREE", "source_actor_codes": [{"actorText": "Israel", "code": "ISR"}],
            "target_actor_codes": None}
    c = by_field(s.compare(rec("plover_gsr", gold), [event(actor="ISR")]))
    assert "actor_sector" not in c and "recipient_country" not in c


def test_plover_location_and_fatalities():
    s = get_scheme("plover_gsr")
    gold = {"event_type": "FIGHT", "location": "Basra", "country": None, "fatalities": "3"}
    ev = event("190", "ASSAULT", 4, place=Place(text="Basra", name="Basra", country="IRQ"), deaths=3)
    c = by_field(s.compare(rec("plover_gsr", gold), [ev]))
    assert c["event_type"].gold == "ASSAULT"
    assert (c["location"].gold, c["location"].pred) == ("Basra", "Basra")
    assert (c["location_country"].gold, c["location_country"].pred) == ("IRQ", "IRQ")
    assert (c["fatalities"].gold, c["fatalities"].pred) == ("3", "3")
    # ISO2 country in the gold wins over the name table; no deaths on either side is NONE/NONE
    gold = {"event_type": "CONSULT", "location": "Geneva", "country": "CH", "fatalities": None}
    c = by_field(s.compare(rec("plover_gsr", gold), [event()]))
    assert c["location_country"].gold == "CHE" and c["location_country"].pred == NONE
    assert (c["fatalities"].gold, c["fatalities"].pred) == (NONE, NONE)


def test_conflibert_quad_class_of_main_event():
    s = get_scheme("conflibert_cameo")
    r = rec("conflibert_cameo", {"label_id": "0"})
    assert s.compare(r, [event("010", None, 0)])[0].pred == "0"
    assert s.compare(r, [])[0].pred == NONE
    assert s.skip_reason(rec("conflibert_cameo", {"label_id": "7"})) is not None


@pytest.mark.parametrize("code,country", [("USAGOV", "USA"), ("---LEG", None), ("IGOUNOMIL", "IGOUNO"),
                                          ("IGO", "IGO"), ('"INJURY TOLL"', None), ("###", None), (None, None)])
def test_cameo_actor_country(code, country):
    assert cameo_actor_country(code) == country


def test_country_match_igo_levels():
    assert country_match("IGOUNO", "IGOUNO")
    assert country_match("IGOUNO", "IGO") and country_match("IGO", "IGOEEU")
    assert not country_match("IGOUNO", "IGOEEU")
    assert country_match(None, None) and not country_match(None, "USA")


def test_petr2_sets_dyads_and_empty_sentences():
    s = get_scheme("petr2_gsr")
    gold = {"events": [{"event_type": "042", "source_actor": "USAGOV", "target_actor": "CHN"},
                       {"event_type": "190", "source_actor": "---REB", "target_actor": "IGOUNOMIL"}],
            "no_events": False}
    pred = [event("042", actor="USA", recipient="CHN"), event("193", "ASSAULT", 4, recipient="IGOUNO"),
            event("112", "ACCUSE", 3, actor="RUS", modality="denied")]
    c = by_field(s.compare(rec("petr2_gsr_validation", gold), pred))
    assert c["cameo_root"].gold == ("04", "19") and c["cameo_root"].pred == ("04", "19")
    assert c["cameo_code"].pred == ("042", "193")
    assert c["dyad_root"].pred == (("04", "USA", "CHN"), ("19", None, "IGOUNO"))
    assert "empty_sentences" not in c
    assert (c["event_detection"].gold, c["event_detection"].pred) == ("EVENT", "EVENT")
    empty = rec("petr2_gsr_validation", {"events": [], "no_events": True})
    c = by_field(s.compare(empty, [event()]))
    assert (c["empty_sentences"].gold, c["empty_sentences"].pred) == (NONE, "EVENT")
    assert c["cameo_root"].gold == () and c["cameo_root"].pred == ("04",)


def test_petrarch2_skips_input_tests_and_toy_codes():
    s = get_scheme("petrarch2_unittest")
    assert s.skip_reason(rec("petrarch2_unittest", {"events": [], "expected_error": "dateline"}))
    assert s.skip_reason(rec("petrarch2_unittest", {"events": [{"event_type": "903"}]}))
    assert "story-level" in s.skip_reason(rec("petrarch2_unittest", {"events": [], "expected_error": "storydiscard"}))
    assert s.skip_reason(rec("petrarch2_unittest", {"events": [], "expected_error": "sentencediscard"})) is None
    assert s.skip_reason(rec("petrarch2_unittest", {"events": [{"event_type": "1717"}]})) is None
    comps = by_field(s.compare(rec("petrarch2_unittest", {"events": [{"event_type": "064", "source_actor": "ARN"}]}),
                               [event("064", "COOPERATE", 2)]))
    assert set(comps) == {"cameo_root", "cameo_code", "event_detection"}


def test_scheme_lookup():
    assert scheme_for_dataset("conflibert_cameo").name == "conflibert_cameo"
    assert scheme_for_dataset("petr2_gsr_validation").name == "petr2_gsr"
    with pytest.raises(UsageError, match="K002"):
        scheme_for_dataset("mystery")
    with pytest.raises(UsageError):
        get_scheme("mystery")
