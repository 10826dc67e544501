"""Numbers written in digits or words, with the qualifier in front of them.

``parse_number("at least 1300")`` is ``(1300, "at_least")``;
``parse_number("tens of thousands")`` is ``(20000, "at_least")``;
``parse_number("one hundred and twenty")`` is ``(120, "exact")``.
Vague words take the conventional minimum listed in
``khaldun/data/counts/quantities.tsv``; a qualifier written in the text
replaces the word's own ("about a dozen" is ``(12, "about")``).
"""

from __future__ import annotations

import re

from khaldun.counts.lexicon import lexicon

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
#: words that multiply what comes before them ("five hundred", "1.2 million")
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
#: plural scales after "of" ("tens of thousands") multiply like singular ones
PLURAL_SCALES: dict[str, int] = {word + "s": value for word, value in SCALES.items()}

#: "a"/"an" counts as one only before these ("a dozen", "a few hundred")
ARTICLE_TAKERS: frozenset[str] = frozenset({"dozen", "hundred", "thousand", "million", "billion", "handful", "few", "couple", "score"})  # fmt: skip

#: the largest number of people a count may hold: no event has had more (the largest
#: strikes claimed are some hundreds of millions), and it is the limit of the INTEGER
#: columns counts are stored in. A larger number is a figure of something else
#: ("3 billion dollars" misread, a population), never an event's count.
MAX_COUNT = 2**31 - 1

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


def is_digits(word: str) -> bool:
    """``"1,300"``, ``"12"``, ``"1.2"``; not ``"3-1"``, ``"10:30"``, ``"1st"``."""
    return bool(_DIGITS.match(word))


def is_number_word(word: str) -> bool:
    """A word that can be part of a number (digits, "twelve", "hundreds", "dozen")."""
    w = word.lower()
    return (
        is_digits(w)
        or w in UNITS
        or w in TENS
        or w in SCALES
        or w in PLURAL_SCALES
        or w in lexicon().quantities
    )


def split_qualifier(words: list[str]) -> tuple[list[str], str | None]:
    """Remove a leading or trailing qualifier phrase; return the rest and the qualifier."""
    lex = lexicon()
    lowered = [w.lower() for w in words]
    qualifier = None
    for size in range(min(3, len(words) - 1), 0, -1):
        if tuple(lowered[:size]) in lex.prefixes:
            qualifier = lex.prefixes[tuple(lowered[:size])]
            words, lowered = words[size:], lowered[size:]
            break
    for size in range(min(2, len(words) - 1), 0, -1):
        if tuple(lowered[-size:]) in lex.suffixes:
            qualifier = qualifier or lex.suffixes[tuple(lowered[-size:])]
            words = words[:-size]
            break
    return words, qualifier


def _tokenize(text: str) -> list[str]:
    # "twenty-five" is two number words; "1,300" and "1.2" stay whole
    return [w for w in re.split(r"[\s\-\u2010-\u2015]+", text.strip()) if w]


def parse_quantity(words: list[str]) -> tuple[int, str] | None:
    """The value of number words without a qualifier, with the words' own qualifier.

    ``None`` when the words are not a whole number of things ("1.5", "a", "of")
    or are more than :data:`MAX_COUNT`.
    """
    quantities = lexicon().quantities
    lowered = [w.lower() for w in words]
    total = 0.0
    current: float | None = None
    qualifier = "exact"
    seen = False
    i = 0
    while i < len(lowered):
        w = lowered[i]
        nxt = lowered[i + 1] if i + 1 < len(lowered) else None
        if w in ("and", "of"):
            if not seen:
                return None
        elif w in ("a", "an"):
            if nxt not in ARTICLE_TAKERS or seen:
                return None
            current, seen = 1.0, True
        elif is_digits(w):
            if current is not None:
                return None
            current, seen = float(w.replace(",", "")), True
        elif w in UNITS or w in TENS:
            value = UNITS.get(w, TENS.get(w, 0))
            if current is not None and (current % 100 >= 20 and w in UNITS and current % 10 == 0):
                current += value  # "twenty five"
            elif current is not None and current >= 100 and current % 100 == 0:
                current += value  # "one hundred and twenty"
            elif current is not None:
                return None
            else:
                current = float(value)
            seen = True
        elif w == "hundred":
            current = (current if current is not None else 1.0) * 100
            seen = True
        elif w in SCALES:
            total += (current if current is not None else 1.0) * SCALES[w]
            current, seen = None, True
        elif w in PLURAL_SCALES and i > 0 and lowered[i - 1] == "of":
            # "tens of thousands", "hundreds of thousands"
            total = (total + (current or 0.0)) * PLURAL_SCALES[w]
            current = None
        elif w in quantities:
            value, own = quantities[w]
            if w == "dozen" and current is not None:
                current *= 12  # "two dozen"
            elif current is not None and current != 1.0:
                return None
            elif current == 1.0 and w in ("handful", "few", "couple", "dozen", "score"):
                current = float(value)  # "a handful", "a dozen"
                qualifier = own
            else:
                current = float(value)
                qualifier = own
            seen = True
        elif w in PLURAL_SCALES:
            return None
        else:
            return None
        i += 1
    if not seen:
        return None
    result = total + (current or 0.0)
    if not result <= MAX_COUNT:
        return None  # also a digit string too long for a float (inf), which round() cannot take
    if abs(result - round(result)) > 1e-6:
        return None  # "1.5" people is not a count
    return round(result), qualifier


def parse_number(text: str) -> tuple[int, str] | None:
    """``(value, qualifier)`` for a written number such as "over 3,000" or "two dozen".

    The qualifier is one of exact, at_least, more_than, about, up_to. ``None``
    when ``text`` is not a whole number of things.
    """
    words, qualifier = split_qualifier(_tokenize(text))
    parsed = parse_quantity(words)
    if parsed is None:
        return None
    value, own = parsed
    return value, qualifier or own
