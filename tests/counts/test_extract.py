"""Counts read from sentences, with trigger None (every count in the sentence)."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.counts import Counts, extract_counts
from khaldun.records import Count

FIELDS = ("fatalities", "injured", "arrested", "abducted", "size")

SEED_CASUALTIES = (
    "According to the latest updates, at least 1300 people have lost their lives and over 3000 "
    "have been injured in the Hamas terror attacks on Israel."
)
SEED_HOSTAGES = (
    "The IDF has confirmed that over 120 civilians are being held captive in Gaza by the Hamas "
    "terrorist organization."
)


def _summary(counts: Counts) -> dict[str, tuple[int, str]]:
    return {f: (c.value, c.qualifier) for f in FIELDS if (c := getattr(counts, f)) is not None}


def test_seed_casualties(parse: Any) -> None:
    counts = extract_counts(parse(SEED_CASUALTIES), None)
    assert counts.fatalities == Count(1300, "at_least", "at least 1300")
    assert counts.injured == Count(3000, "more_than", "over 3000")
    assert counts.arrested is None and counts.abducted is None and counts.size is None


def test_seed_hostages(parse: Any) -> None:
    counts = extract_counts(parse(SEED_HOSTAGES), None)
    assert counts.abducted == Count(120, "more_than", "over 120")
    assert _summary(counts) == {"abducted": (120, "more_than")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # killed
        ("Militants attacked the village, killing 12.", {"fatalities": (12, "exact")}),
        ("12 people were killed in the clashes.", {"fatalities": (12, "exact")}),
        ("Gunmen shot dead at least eight people in the market.", {"fatalities": (8, "at_least")}),
        ("Two men were stabbed to death.", {"fatalities": (2, "exact")}),
        ("The bombing killed at least eight people.", {"fatalities": (8, "at_least")}),
        ("The death toll rose to 40 on Monday.", {"fatalities": (40, "exact")}),
        (
            "The death toll from the earthquake stands at more than 2,000.",
            {"fatalities": (2000, "more_than")},
        ),
        ("One person died in the fire.", {"fatalities": (1, "exact")}),
        ("A prisoner died in police custody.", {"fatalities": (1, "exact")}),
        ("A man was killed by a stray bullet.", {"fatalities": (1, "exact")}),
        ("Rescuers recovered the bodies of 7 miners.", {"fatalities": (7, "exact")}),
        ("Thirty migrants perished when the boat capsized.", {"fatalities": (30, "exact")}),
        ("The storm claimed the lives of 15 villagers.", {"fatalities": (15, "exact")}),
        (
            "Hundreds of civilians have lost their lives since the offensive began.",
            {"fatalities": (200, "at_least")},
        ),
        ("Scores of people were killed in the fighting.", {"fatalities": (40, "at_least")}),
        ("Dozens were killed in the air strikes.", {"fatalities": (24, "at_least")}),
        ("Two dozen soldiers were killed.", {"fatalities": (24, "exact")}),
        ("Nearly 200 people were killed in the flooding.", {"fatalities": (200, "up_to")}),
        ("Some 70 people were killed in the raid.", {"fatalities": (70, "about")}),
        ("Rebels shelled the town, killing about 20 people.", {"fatalities": (20, "about")}),
        ("The gunmen executed 1,300 prisoners.", {"fatalities": (1300, "exact")}),
        ("Officials reported 12 deaths.", {"fatalities": (12, "exact")}),
        (
            "Hezbollah guerrillas killed the deputy chief of the militia.",
            {"fatalities": (1, "exact")},
        ),
        ("No one was killed in the blast.", {"fatalities": (0, "exact")}),
        # dead and wounded together
        (
            "The explosion left 5 dead and 20 wounded.",
            {"fatalities": (5, "exact"), "injured": (20, "exact")},
        ),
        (
            "A roadside bomb killed one soldier and wounded two others.",
            {"fatalities": (1, "exact"), "injured": (2, "exact")},
        ),
        ("Over 3000 have been injured.", {"injured": (3000, "more_than")}),
        ("The blast injured more than 100 people.", {"injured": (100, "more_than")}),
        # coordination: sum, or take the total if stated
        ("Five soldiers and two civilians were killed.", {"fatalities": (7, "exact")}),
        (
            "At least 12 people, including five soldiers and two civilians, were killed.",
            {"fatalities": (12, "at_least")},
        ),
        ("A woman and her two children were killed in the strike.", {"fatalities": (3, "exact")}),
        # arrested
        ("Police arrested 40 people after the clashes.", {"arrested": (40, "exact")}),
        ("40 were detained overnight.", {"arrested": (40, "exact")}),
        ("Security forces rounded up dozens of activists.", {"arrested": (24, "at_least")}),
        (
            "Soldiers arrested more than 100 Palestinians in a security sweep.",
            {"arrested": (100, "more_than")},
        ),
        ("Police made 12 arrests.", {"arrested": (12, "exact")}),
        # abducted
        ("Gunmen kidnapped 3 aid workers near the border.", {"abducted": (3, "exact")}),
        ("The militants took 12 hostage.", {"abducted": (12, "exact")}),
        ("The rebels took 12 foreigners hostage.", {"abducted": (12, "exact")}),
        ("Rebels have kidnapped up to 16 Russian advisers.", {"abducted": (16, "up_to")}),
        ("Over 120 civilians are being held captive in Gaza.", {"abducted": (120, "more_than")}),
        ("The rebels freed 30 officials whom they had taken hostage.", {"abducted": (30, "exact")}),
        (
            "Al-Qaeda-linked rebels kidnapped dozens of peacekeepers.",
            {"abducted": (24, "at_least")},
        ),
        # crowd size
        ("Thousands of protesters marched through the capital.", {"size": (2000, "at_least")}),
        (
            "Tens of thousands of students staged mass demonstrations.",
            {"size": (20000, "at_least")},
        ),
        ("A crowd of about 5,000 gathered outside parliament.", {"size": (5000, "about")}),
        ("Up to 100 ethnic Albanians demonstrated on Tuesday.", {"size": (100, "up_to")}),
        ("An estimated 1.2 million people took part in the march.", {"size": (1_200_000, "about")}),
        ("Some 500,000 workers stopped work on Monday.", {"size": (500_000, "about")}),
        ("About 200 supporters blocked roads in the capital.", {"size": (200, "about")}),
        ("The rally was attended by 3,000 people.", {"size": (3000, "exact")}),
        ("The killing of 3 journalists drew condemnation.", {"fatalities": (3, "exact")}),
        # ranges: the lower bound, at least
        ("Between 20 and 30 people were killed.", {"fatalities": (20, "at_least")}),
        ("20 to 30 people were killed.", {"fatalities": (20, "at_least")}),
        ("Two soldiers were among the dead.", {"fatalities": (2, "at_least")}),
        ("Protesters numbered about 5,000.", {"size": (5000, "about")}),
        ("Police detained 15 after the march.", {"arrested": (15, "exact")}),
        # several counts, each to its own field
        (
            "Police said 7 people were arrested and 3 officers were hurt during the protest, which drew about 10,000 people.",
            {"arrested": (7, "exact"), "injured": (3, "exact"), "size": (10000, "about")},
        ),
        (
            "Twelve people died and dozens more were injured when the building collapsed.",
            {"fatalities": (12, "exact"), "injured": (24, "at_least")},
        ),
        (
            "Police opened fire on demonstrators, killing one person and arresting 12.",
            {"fatalities": (1, "exact"), "arrested": (12, "exact")},
        ),
    ],
)
def test_counts(parse: Any, sentence: str, expected: dict[str, tuple[int, str]]) -> None:
    assert _summary(extract_counts(parse(sentence), None)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # years, dates, durations, ages, money, percentages, ordinals, measures
        "In 2023 the army attacked the city.",
        "Hamas launched the attack on October 7.",
        "The attack happened on 7 October 2023.",
        "Workers began a two-day strike.",
        "A 12-year-old boy was seen near the border.",
        "The government pledged $40 million to the victims.",
        "Turnout fell by 12 percent.",
        "It was the third attack this month.",
        "The convoy travelled 40 km in 24 hours.",
        "The Security Council passed Resolution 242.",
        # numbers that count no one we track
        "Two gunmen opened fire on the bus.",
        "The army deployed 3,000 troops to the region.",
        "Officials met for 3 hours.",
        # ambiguous: killed and injured together
        "The attack caused 50 casualties.",
        "Forces launched rocket fire, killing or wounding 50.",
        # not a person
        "Congress killed the bill.",
        # did not happen, or not an arrest
        "Militants attempted to assassinate the deputy governor.",
        "The rebels threatened to kill 12 hostages.",
        "Twenty protesters were not arrested.",
        "A court jailed a student for two years.",
    ],
)
def test_non_counts(parse: Any, sentence: str) -> None:
    assert _summary(extract_counts(parse(sentence), None)) == {}


def test_casualties_with_dead(parse: Any) -> None:
    counts = extract_counts(parse("The attack caused 50 casualties, including 12 dead."), None)
    assert counts.fatalities is not None and counts.fatalities.value == 12
    assert counts.injured is None


@pytest.mark.parametrize(
    ("sentence", "field", "text"),
    [
        ("At least 1300 people have lost their lives.", "fatalities", "At least 1300"),
        ("They said over 3000 have been injured.", "injured", "over 3000"),
        ("Hundreds were arrested.", "arrested", "Hundreds"),
        ("Tens of thousands of people marched.", "size", "Tens of thousands"),
        (
            "Five soldiers and two civilians were killed.",
            "fatalities",
            "Five soldiers and two civilians",
        ),
        ("A man was killed by a stray bullet.", "fatalities", "A man"),
    ],
)
def test_count_text_is_as_written(parse: Any, sentence: str, field: str, text: str) -> None:
    count = getattr(extract_counts(parse(sentence), None), field)
    assert count is not None and count.text == text


def test_accepts_doc_and_string(nlp: Any) -> None:
    doc = nlp("Police arrested 40 people.")
    assert extract_counts(doc).arrested == Count(40, "exact", "40")
    assert extract_counts("Police arrested 40 people.").arrested == Count(40, "exact", "40")


def test_sentence_of_a_longer_document(nlp: Any) -> None:
    doc = nlp("Fighting broke out on Monday. Rebels killed 12 soldiers. Police arrested 40 people.")
    second = list(doc.sents)[1]
    assert _summary(extract_counts(second)) == {"fatalities": (12, "exact")}
