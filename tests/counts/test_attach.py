"""Counts attached to the event they belong to, when a sentence tells several."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.counts import Counts, extract_counts

FIELDS = ("fatalities", "injured", "arrested", "abducted", "size")
SEED_CASUALTIES = (
    "According to the latest updates, at least 1300 people have lost their lives and over 3000 "
    "have been injured in the Hamas terror attacks on Israel."
)


def _summary(counts: Counts) -> dict[str, int]:
    return {f: c.value for f in FIELDS if (c := getattr(counts, f)) is not None}


def _token(span: Any, word: str) -> Any:
    matches = [t for t in span if t.text == word]
    assert len(matches) == 1, f"{word!r} is not once in {span.text!r}"
    return matches[0]


def _counts(
    parse: Any, sentence: str, trigger: str, others: tuple[str, ...] = ()
) -> dict[str, int]:
    span = parse(sentence)
    found = extract_counts(span, _token(span, trigger), others=[_token(span, o) for o in others])
    return _summary(found)


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        ("lost", {"fatalities": 1300, "injured": 3000}),  # dead and wounded: one kind (harm)
        ("injured", {"fatalities": 1300, "injured": 3000}),
        ("attacks", {"fatalities": 1300, "injured": 3000}),  # "injured in the ... attacks"
        ("updates", {}),
    ],
)
def test_seed_casualties_per_trigger(parse: Any, trigger: str, expected: dict[str, int]) -> None:
    assert _counts(parse, SEED_CASUALTIES, trigger) == expected


def test_seed_casualty_qualifiers_per_trigger(parse: Any) -> None:
    span = parse(SEED_CASUALTIES)
    lost = extract_counts(span, _token(span, "lost"))
    injured = extract_counts(span, _token(span, "injured"))
    assert lost.fatalities is not None and (lost.fatalities.value, lost.fatalities.qualifier) == (
        1300,
        "at_least",
    )
    assert injured.injured is not None and (injured.injured.value, injured.injured.qualifier) == (
        3000,
        "more_than",
    )


def test_seed_hostages_per_trigger(parse: Any) -> None:
    sentence = "The IDF has confirmed that over 120 civilians are being held captive in Gaza by the Hamas terrorist organization."
    assert _counts(parse, sentence, "held") == {"abducted": 120}
    assert _counts(parse, sentence, "confirmed") == {}  # the statement is not the hostage taking


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # counts governed by a verb linked to the trigger
        (
            "Hamas launched an attack on Israel, killing at least 1300 people.",
            "launched",
            {"fatalities": 1300},
        ),
        ("Hamas launched an attack that killed 1300 people.", "launched", {"fatalities": 1300}),
        (
            "The attack on the market left 5 dead and 20 wounded.",
            "attack",
            {"fatalities": 5, "injured": 20},
        ),
        ("Gunmen stormed the hotel, leaving 5 dead.", "stormed", {"fatalities": 5}),
        ("The death toll from Saturday's bombing rose to 40.", "bombing", {"fatalities": 40}),
        # a clause on a place is another event
        (
            "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia, where 24 people were killed in riots last March.",
            "demonstrated",
            {"size": 100},
        ),
        (
            "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia, where 24 people were killed in riots last March.",
            "killed",
            {"fatalities": 24},
        ),
        # a trigger that names its own kind keeps other kinds off it
        ("Police arrested 40 protesters and killed 2.", "arrested", {"arrested": 40}),
        ("Police arrested 40 protesters and killed 2.", "killed", {"fatalities": 2}),
        (
            "Thousands of protesters rallied in the capital and police arrested 200 of them.",
            "rallied",
            {"size": 2000},
        ),
        (
            "Thousands of protesters rallied in the capital and police arrested 200 of them.",
            "arrested",
            {"arrested": 200},
        ),
    ],
)
def test_attachment(parse: Any, sentence: str, trigger: str, expected: dict[str, int]) -> None:
    assert _counts(parse, sentence, trigger) == expected


def test_other_events_keep_their_counts(parse: Any) -> None:
    sentence = "Police opened fire on demonstrators, killing one person and arresting 12."
    assert _counts(parse, sentence, "opened") == {"fatalities": 1, "arrested": 12}
    assert _counts(parse, sentence, "opened", others=("arresting",)) == {"fatalities": 1}
    assert _counts(parse, sentence, "arresting", others=("opened",)) == {"arrested": 12}


def test_other_coded_trigger_blocks_a_coordinated_clause(parse: Any) -> None:
    sentence = "Militants stormed the village, killing 12, and the army later detained 30 suspects."
    assert _counts(parse, sentence, "stormed", others=("detained",)) == {"fatalities": 12}
    assert _counts(parse, sentence, "detained", others=("stormed",)) == {"arrested": 30}


def test_trigger_none_takes_every_count(parse: Any) -> None:
    span = parse("Police arrested 40 protesters and killed 2.")
    assert _summary(extract_counts(span, None)) == {"arrested": 40, "fatalities": 2}


def test_trigger_outside_the_sentence_is_ignored(nlp: Any) -> None:
    doc = nlp("Rebels attacked the town. Police arrested 40 people.")
    first, second = list(doc.sents)
    assert _summary(extract_counts(second, first[1])) == {"arrested": 40}
