"""The word lists behind counts, read from ``khaldun/data/counts/``.

Three small tab-separated files, each with its conventions in its header:

- ``qualifiers.tsv``: "at least", "over", "nearly" ... and the qualifier each gives;
- ``quantities.tsv``: vague quantity words ("dozens", "hundreds", "a handful")
  and the conventional minimum each stands for;
- ``cues.tsv``: the verbs, nouns and adjectives that say what is counted
  (killed, injured, arrested, abducted, crowd size).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from khaldun.errors import DataError
from khaldun.resources import data_lines, register_cache

CATEGORIES: tuple[str, ...] = ("fatalities", "injured", "arrested", "abducted", "size")
"""The fields of :class:`~khaldun.counts.Counts`, in record order."""

QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "about", "up_to")

#: categories that describe one kind of event: a number of dead and a number of
#: wounded belong to the same attack, a number of arrests to another event
GROUPS: dict[str, str] = {
    "fatalities": "harm",
    "injured": "harm",
    "arrested": "arrest",
    "abducted": "abduct",
    "size": "crowd",
}

AMBIGUOUS = "ambiguous"
"""Category of words that mix categories ("casualties"): counted in none."""

EVENT = "event"
"""Kind of the nouns that name events ("attack", "protest") in ``cues.tsv``."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the count extractor looks words up in."""

    prefixes: dict[tuple[str, ...], str]
    """qualifier phrases written before the number, as lower-case token tuples"""
    suffixes: dict[tuple[str, ...], str]
    """qualifier phrases written after the number ("or more")"""
    quantities: dict[str, tuple[int, str]]
    """vague quantity word -> (conventional value, default qualifier)"""
    cues: dict[str, dict[str, str]]
    """kind (victim, subject, noun, weak, state, crowd, ambiguous, event) -> lemma -> category"""

    def cue(self, kind: str, lemma: str) -> str | None:
        return self.cues.get(kind, {}).get(lemma.lower())


def _rows(name: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("\t")] for line in data_lines("counts", name)]


@register_cache
@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    prefixes: dict[tuple[str, ...], str] = {}
    suffixes: dict[tuple[str, ...], str] = {}
    for phrase, qualifier in _rows("qualifiers.tsv"):
        if qualifier not in QUALIFIERS:
            raise DataError(f"counts/qualifiers.tsv: unknown qualifier {qualifier!r}")
        if phrase.startswith("+"):
            suffixes[tuple(phrase[1:].lower().split())] = qualifier
        else:
            prefixes[tuple(phrase.lower().split())] = qualifier
    quantities: dict[str, tuple[int, str]] = {}
    for word, value, qualifier in _rows("quantities.tsv"):
        if qualifier not in QUALIFIERS:
            raise DataError(f"counts/quantities.tsv: unknown qualifier {qualifier!r}")
        quantities[word.lower()] = (int(value), qualifier)
    cues: dict[str, dict[str, str]] = {}
    for category, kind, lemma in _rows("cues.tsv"):
        if kind in (AMBIGUOUS, EVENT):
            category = kind
        elif category not in CATEGORIES:
            raise DataError(f"counts/cues.tsv: unknown category {category!r}")
        cues.setdefault(kind, {})[lemma.lower()] = category
    return Lexicon(prefixes, suffixes, quantities, cues)
