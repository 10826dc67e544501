"""The ACLED-scheme sets (ACLED 2022, ACLED 2015, CASE 2021) count claimed and alleged events:
ACLED codes events as its sources report them. Denied, negated and hypothetical events still do
not count there, and the other sets keep excluding claimed and alleged events."""

from __future__ import annotations

from dataclasses import replace

from khaldun.evaluation.metrics import NONE
from khaldun.evaluation.schemes import (
    GoldRecord,
    acled_event,
    case2021_label,
    counts_as_acled_event,
    counts_as_event,
    get_scheme,
    main_event,
)
from tests.evaluation.helpers import event


def shelling(**kw):
    e = event("195", "ASSAULT", 4, **kw)
    return replace(e, acled_event_type="Explosions/Remote violence",
                   acled_sub_event_type="Shelling/artillery/missile attack")


def test_claimed_and_alleged_events_count_for_acled_only():
    for modality in ("claimed", "alleged"):
        e = shelling(modality=modality)
        assert counts_as_acled_event(e)
        assert not counts_as_event(e)
        assert acled_event([e]) is e
        assert main_event([e]) is None  # PLOVER, CAMEO sets: unchanged
        assert case2021_label([e]) == "ART_MISS_ATTACK"


def test_denied_negated_and_hypothetical_events_do_not_count_for_acled():
    for e in (shelling(modality="denied", polarity="negated"), shelling(modality="hypothetical"),
              shelling(polarity="negated")):
        assert not counts_as_acled_event(e)
        assert acled_event([e]) is None
        assert case2021_label([e]) == NONE


def test_acled_2022_scores_a_claimed_event_as_the_documents_event():
    record = GoldRecord(id="x", text="t", doc_date=None, dataset="acled_acledr", line=1,
                        gold={"event_type": "Explosions/Remote violence",
                              "sub_event_type": "Shelling/artillery/missile attack"})
    by_field = {c.field: c for c in get_scheme("acled_acledr").compare(record, [shelling(modality="claimed")])}
    assert by_field["event_type"].pred == "Explosions/Remote violence"
    assert by_field["sub_event_type"].pred == "Shelling/artillery/missile attack"


def test_an_asserted_event_still_wins_over_a_less_confident_claimed_one():
    asserted = shelling(confidence=0.9)
    claimed = replace(shelling(confidence=0.5, modality="claimed", start=3),
                      acled_sub_event_type="Air/drone strike")
    assert acled_event([claimed, asserted]) is asserted
