"""Find the written numbers in a parsed sentence that could count people.

A number phrase is a run of number words ("1.2 million", "tens of thousands",
"a few hundred", "twenty - five") with the qualifier written before or after
it ("at least", "over", "or more"). Years, dates, times, money, percentages,
ordinals, measures, ages and hyphenated modifiers ("two-day", "12-year-old")
are not phrases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khaldun.counts.lexicon import lexicon
from khaldun.counts.numbers import (
    ARTICLE_TAKERS,
    PLURAL_SCALES,
    SCALES,
    TENS,
    UNITS,
    is_digits,
    is_number_word,
    parse_quantity,
)
from khaldun.nlp.views import doc_tokens, token_table

#: entity labels whose numbers never count people
NON_COUNT_ENTS: frozenset[str] = frozenset({"MONEY", "PERCENT", "ORDINAL", "TIME", "QUANTITY"})
#: nouns after a number that make it a measure, a duration or an amount
MEASURE_NOUNS: frozenset[str] = frozenset({
    "second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade",
    "century", "time", "percent", "per", "cent", "point", "km", "kilometre", "kilometer", "mile",
    "metre", "meter", "foot", "feet", "inch", "acre", "hectare", "ton", "tonne", "kg", "kilogram",
    "pound", "gram", "litre", "liter", "barrel", "dollar", "euro", "yuan", "yen", "rupee",
    "shekel", "rouble", "ruble", "dinar", "riyal", "lira", "franc", "vote", "seat",
    "o'clock", "am", "pm", "a.m.", "p.m.", "%", "degree",
})  # fmt: skip
MONTHS: frozenset[str] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})  # fmt: skip
#: words before a bare four-digit number that make it a year ("in 1999")
YEAR_PREPOSITIONS: frozenset[str] = frozenset({"in", "since", "until", "till", "before", "after", "during", "from", "early", "late", "mid", "of"})  # fmt: skip
CURRENCY_SIGNS: frozenset[str] = frozenset({"$", "€", "£", "¥", "₹", "us$", "usd", "eur"})
#: "no one", "the one", "each one" are not the number one
ONE_BLOCKERS: frozenset[str] = frozenset({"no", "any", "every", "each", "the", "this", "that", "which", "another", "someone"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """A written number inside a document."""

    start: int
    """document index of the first number token"""
    end: int
    """document index after the last number token"""
    text_start: int
    """document index of the first token of the text, qualifier included"""
    text_end: int
    value: int
    qualifier: str
    text: str
    """as written, qualifier included ("at least 1300")"""


def _continues(tokens: list[Any], j: int) -> bool:
    """Whether ``tokens[j]`` extends the number run that ends at ``tokens[j-1]``."""
    tok, prev = tokens[j], tokens[j - 1].lower_
    word = tok.lower_
    nxt = tokens[j + 1].lower_ if j + 1 < len(tokens) else ""
    if word in SCALES or word == "dozen":
        return True  # "five hundred", "1.2 million", "two dozen", "a few hundred"
    if word in UNITS or word in TENS:
        # "twenty five", "hundred twenty", "hundred and twenty", "twenty-five"
        return prev in TENS or prev in SCALES or prev in ("and", "-", "\u2013")
    if word in ("-", "\u2013"):
        return prev in TENS and nxt in UNITS and not tokens[j - 1].whitespace_
    if word == "and":
        return prev in SCALES and (nxt in UNITS or nxt in TENS)
    if word == "of":
        # "tens of thousands", "a couple of hundred"; not "dozens of protesters"
        known = prev in lexicon().quantities or prev in PLURAL_SCALES
        return known and (nxt in PLURAL_SCALES or nxt in SCALES)
    if word in PLURAL_SCALES:
        return prev == "of"
    return word in ("few", "handful", "couple", "score") and prev in ("a", "an")


def _starts(tokens: list[Any], i: int) -> bool:
    word = tokens[i].lower_
    nxt = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    if word in ("a", "an"):
        return nxt in ARTICLE_TAKERS
    if word in ("few", "handful", "couple", "score"):
        return False  # "few" alone is "not many"; "a few" starts at "a"
    return is_number_word(word)


def _is_year(tokens: list[Any], start: int, end: int) -> bool:
    if end - start != 1:
        return False
    word = tokens[start].text
    if not (len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2100):
        return False
    if tokens[start].ent_type_ == "DATE":
        return True
    prev = tokens[start - 1].lower_ if start > 0 else ""
    return prev in YEAR_PREPOSITIONS or prev in MONTHS or prev == ","


def _excluded(tokens: list[Any], start: int, end: int) -> bool:
    run = tokens[start:end]
    prev = tokens[start - 1] if start > 0 else None
    nxt = tokens[end] if end < len(tokens) else None
    if any(t.ent_type_ in NON_COUNT_ENTS for t in run):
        return True
    if _is_year(tokens, start, end):
        return True
    if prev is not None and (prev.lower_ in CURRENCY_SIGNS or prev.lower_ in MONTHS):
        return True  # "$ 40", "October 7"
    if prev is not None and prev.text in ("-", "\u2013", "/", ":") and not prev.whitespace_:
        return True  # "3-1", "24/7"
    if nxt is not None:
        if nxt.text in ("-", "\u2013", "/", ":", "%") and not run[-1].whitespace_:
            return True  # "two-day", "12-year-old", "3-1", "10:30"
        if (
            nxt.lemma_.lower() in MEASURE_NOUNS
            or nxt.lower_ in MEASURE_NOUNS
            or nxt.lower_ in MONTHS
        ):
            return True  # "24 hours", "40 km", "7 October"
    if any(t.ent_type_ == "DATE" for t in run) and _date_words(tokens, start, end):
        # a DATE with a date word ("7 October 2023", "two-day") is a date; a bare
        # number tagged DATE is a tagger slip ("detained 15 after the march")
        return True
    if run[0].lower_ == "one" and end - start == 1:
        if prev is not None and prev.lower_ in ONE_BLOCKERS:
            return True
        if nxt is not None and nxt.lower_ in ("another", "day", "way", "side", "hand"):
            return True
    return False


def _date_words(tokens: list[Any], start: int, end: int) -> bool:
    """Whether the DATE entity around ``tokens[start:end]`` holds more than numbers."""
    first = start
    while first > 0 and tokens[first].ent_iob_ == "I":
        first -= 1
    last = end
    while last < len(tokens) and tokens[last].ent_iob_ == "I":
        last += 1
    quiet = {"and", "to", "between", "-", "\u2013", "of", "a", "an"}
    quiet |= {word for phrase in lexicon().prefixes for word in phrase}
    return any(not is_number_word(t.lower_) and t.lower_ not in quiet for t in tokens[first:last])


def _qualifier(tokens: list[Any], start: int, end: int) -> tuple[int, int, str | None]:
    lex = lexicon()
    text_start, text_end, qualifier = start, end, None
    for size in (3, 2, 1):
        if start - size < 0:
            continue
        words = tuple(t.lower_ for t in tokens[start - size : start])
        if words in lex.prefixes:
            text_start, qualifier = start - size, lex.prefixes[words]
            break
    for size in (2, 1):
        words = tuple(t.lower_ for t in tokens[end : end + size])
        if len(words) == size and words in lex.suffixes:
            text_end = end + size
            qualifier = qualifier or lex.suffixes[words]
            break
    return text_start, text_end, qualifier


def number_phrases(span: Any) -> list[NumberPhrase]:
    """Every number phrase in ``span`` (a spaCy ``Span`` or ``Doc``) that may count people."""
    # the document's one Token per index (views.doc_tokens), not new ones from iterating
    whole = span.doc if hasattr(span, "doc") else span
    tokens = doc_tokens(whole)[span.start : span.end] if whole is not span else list(doc_tokens(whole))
    offset = tokens[0].i if tokens else 0
    doc = tokens[0].doc if tokens else None
    found: list[NumberPhrase] = []
    i = 0
    while i < len(tokens):
        if not _starts(tokens, i):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _continues(tokens, j):
            j += 1
        while j - 1 > i and tokens[j - 1].lower_ in ("of", "and", "-", "\u2013"):
            j -= 1
        if not _excluded(tokens, i, j):
            parsed = parse_quantity([t.text for t in tokens[i:j] if t.text not in ("-", "\u2013")])
            if parsed is not None and (parsed[0] > 0 or tokens[i].lower_ == "zero"):
                value, own = parsed
                text_start, text_end, qualifier = _qualifier(tokens, i, j)
                if doc is not None:
                    a, b = offset + text_start, offset + text_end
                    text = token_table(doc).span_text(a, b) if 0 <= a < b <= len(doc) else doc[a:b].text
                else:
                    text = " ".join(t.text for t in tokens[text_start:text_end])
                found.append(
                    NumberPhrase(
                        start=offset + i,
                        end=offset + j,
                        text_start=offset + text_start,
                        text_end=offset + text_end,
                        value=value,
                        qualifier=qualifier or own,
                        text=text,
                    )
                )
        i = j
    return _merge_ranges(found, doc)


def _merge_ranges(found: list[NumberPhrase], doc: Any) -> list[NumberPhrase]:
    """ "20 to 30", "between 20 and 30": one phrase at its lower bound, at_least."""
    if doc is None:
        return found
    merged: list[NumberPhrase] = []
    for phrase in found:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and phrase.text_start == prev.text_end + 1
            and phrase.qualifier == "exact"
            and prev.value < phrase.value
        ):
            joiner = doc[prev.text_end].lower_
            between = prev.text_start > 0 and doc[prev.text_start - 1].lower_ == "between"
            if joiner in ("to", "-", "\u2013") or (joiner == "and" and between):
                start = prev.text_start - 1 if between else prev.text_start
                merged[-1] = NumberPhrase(
                    start=prev.start,
                    end=phrase.end,
                    text_start=start,
                    text_end=phrase.text_end,
                    value=prev.value,
                    qualifier="at_least",
                    text=doc[start : phrase.text_end].text,
                )
                continue
        merged.append(phrase)
    return merged


__all__ = ["NumberPhrase", "is_digits", "number_phrases"]
