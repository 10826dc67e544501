"""Text as it comes: give all-lower-case and all-caps lines the casing of edited news.

spaCy's small English model learnt names, sentence starts and part-of-speech
tags from edited text, where casing carries information: on text typed in lower
case ("kolkata: police arrested 12 bjp workers") or set in capitals its named
entities fail, and with them actors and places. A line whose casing says
nothing is re-cased before tokenising, from what we know without parsing:

- sentence starts (the line's start, and after ``.``, ``?``, ``!`` and a space);
- ``i`` as a word;
- known names, longest first: countries, their other names and demonyms (the
  actor knowledge base), organisations and people of the knowledge base, and
  the gazetteer's countries, first-level divisions and towns, each in the
  casing its source spells it (``new delhi`` -> ``New Delhi``, ``bjp`` ->
  ``BJP``);
- days of the week and months;
- the word after an honorific (``mr``, ``dr``, ...), unless a common word.

A single word that is also a common English word is left alone, judged by a
general word list (spaCy's stop words and the English lemmatizer's word index
for verbs, adjectives and adverbs, which ships inside the model package; for
small towns also its nouns): "said", "police", "mobile" stay as they are.

Only the case of letters changes and every character keeps its length, so
character offsets into the re-cased text index the original text as well.
Lines with informative casing are returned unchanged.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khaldun.resources import data_lines, register_cache, word_list

#: at least this many words before a line's casing is judged
MIN_WORDS = 3
#: a line is lower case when at most this share of its words start with a capital
LOWER_SHARE = 0.04
#: a line is in capitals when at least this share of its words are all capitals
CAPS_SHARE = 0.8
#: towns at least this big are cased even when a common noun shares their name
BIG_TOWN = 1_000_000
#: smaller towns (the gazetteer lists places from 1,000 people) are cased from this size
MIN_TOWN = 15_000
#: the longest name matched, in words
MAX_NAME_WORDS = 4

_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = frozenset("\"'\u201c\u2018([")
_CLOSERS = frozenset("\"'\u201d\u2019)]")


@dataclass(frozen=True)
class Names:
    """Known names by their lower-case words, with the casing to give them."""

    by_words: dict[tuple[str, ...], tuple[str, ...]]
    """lower-case words -> the words as the name is spelled"""
    honorifics: frozenset[str]

    def longest(self, words: list[str], i: int) -> tuple[str, ...] | None:
        """The longest known name starting at ``words[i]``, as its words are spelled."""
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            cased = self.by_words.get(tuple(words[i : i + n]))
            if cased is not None:
                return cased
        return None


def line_casing(words: list[str]) -> str:
    """``lower``, ``caps`` or ``mixed`` (informative) for the words of one line."""
    if len(words) < MIN_WORDS:
        return "mixed"
    initial = sum(1 for w in words if w[0].isupper())
    if initial <= LOWER_SHARE * len(words):
        return "lower"
    caps = sum(1 for w in words if w.isupper())
    if caps >= CAPS_SHARE * len(words):
        return "caps"
    return "mixed"


def truecase(text: str, names: Names | None = None) -> str:
    """``text`` with lower-case and all-caps lines re-cased; the same length, only letter case changed."""
    if not text:
        return text
    out: list[str] | None = None
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        words = _WORD.findall(line)
        casing = line_casing(words)
        if casing != "mixed":
            if out is None:
                out = list(text)
            _recase_line(out, pos, end, casing == "caps", names if names is not None else default_names())
        pos = end + 1
    return text if out is None else "".join(out)


def _recase_line(chars: list[str], start: int, end: int, caps: bool, names: Names) -> None:
    if caps:
        for k in range(start, end):
            low = chars[k].lower()
            if len(low) == 1:
                chars[k] = low
    line = "".join(chars[start:end])
    spans = [(m.start() + start, m.end() + start) for m in _WORD.finditer(line)]
    words = [line[s - start : e - start].lower() for s, e in spans]
    i = 0
    after_honorific = False
    while i < len(spans):
        s = spans[i][0]
        # a name runs over words joined by one space or hyphen only
        found = names.longest(words, i)
        if found is not None and (len(found) == 1 or _joined(chars, spans[i : i + len(found)])):
            for (a, b), cased in zip(spans[i : i + len(found)], found):
                if len(cased) == b - a and cased.lower() == "".join(chars[a:b]).lower():
                    chars[a:b] = list(cased)
            i += len(found)
            after_honorific = False
            continue
        w = words[i]
        if w == "i" or _sentence_start(chars, start, s) or (after_honorific and w not in _common()):
            chars[s] = _upper1(chars[s])
        after_honorific = w in names.honorifics
        if after_honorific:
            chars[s] = _upper1(chars[s])
        i += 1


def _upper1(c: str) -> str:
    up = c.upper()
    return up if len(up) == 1 else c


def _joined(chars: list[str], spans: list[tuple[int, int]]) -> bool:
    return all("".join(chars[a[1] : b[0]]) in (" ", "-") for a, b in itertools.pairwise(spans))


def _sentence_start(chars: list[str], line_start: int, s: int) -> bool:
    """Does the word at ``s`` open a sentence: the line's first word, or after ``.``/``?``/``!`` and a space?"""
    k = s - 1
    while k >= line_start and chars[k] in _OPENERS:
        k -= 1
    if k < line_start:
        return True
    if not chars[k].isspace():
        return False
    while k >= line_start and (chars[k].isspace() or chars[k] in _CLOSERS):
        k -= 1
    return k < line_start or chars[k] in ".!?"


# -- the word lists ------------------------------------------------------------


@register_cache
@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Common English words: stop words, and the verbs, adjectives and adverbs of the model's lemmatizer index."""
    return frozenset(_stop_words() | _index_words(("verb", "adj", "adv")))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=4)
def _index_words(parts: tuple[str, ...]) -> frozenset[str]:
    """Words of the English lemmatizer's index (WordNet's lemmas) for the parts of speech ``parts``."""
    from khaldun.nlp.model import load_model

    nlp = load_model()
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return frozenset()
    out: set[str] = set()
    for part in parts:
        found = table.get(part)
        if found:
            out.update(w for w in found if "_" not in w)
    return frozenset(out)


def _inflected_common(word: str, common: frozenset[str]) -> bool:
    """``word`` or its stem is a common word ("killed", "houses")."""
    if word in common:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and word[: -len(suffix)] + repl in common:
            return True
    return False


def _cols(*path: str) -> Iterator[dict[str, str]]:
    lines = data_lines(*path)
    header = lines[0].split("\t") if lines else []
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t")))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


@register_cache
@lru_cache(maxsize=1)
def default_names() -> Names:
    """Names from the actor knowledge base and the gazetteer (loaded on the first uninformative line)."""
    stop = _stop_words()
    common = _common()
    with_nouns = common | _index_words(("noun",))
    names_guard = _index_words(("verb", "adv")) | stop
    table: dict[tuple[str, ...], str] = {}

    def add(name: str, guard: frozenset[str] | None) -> None:
        words = _WORD.findall(name)
        if not words or name.lower() == name:
            return
        key = tuple(w.lower() for w in words)
        if len(key) > MAX_NAME_WORDS or key in table:
            return
        if len(key) == 1 and (key[0] in stop or len(key[0]) < 2 or (guard is not None and _inflected_common(key[0], guard))):
            return
        if len(key) > 1 and all(w in stop for w in key):
            return
        table[key] = tuple(words)

    # countries and demonyms: names even when a common noun is spelled the same ("turkey")
    for row in _cols("actors", "countries.tsv"):
        for n in [row.get("name", ""), *_split(row.get("aliases")), *_split(row.get("capitals"))]:
            add(n, common)
        for n in _split(row.get("demonyms")):
            add(n, names_guard)
    for row in _cols("actors", "country_extras.tsv"):
        if row.get("type") in ("name", "alias", "demonym"):
            add(row.get("text", ""), common)
    for row in _cols("places", "demonyms.tsv"):
        add(row.get("demonym", ""), names_guard)
    # organisations and people of the knowledge base
    for row in _cols("actors", "organizations.tsv"):
        for n in [row.get("name", ""), *_split(row.get("aliases"))]:
            add(n, with_nouns)
    for row in _cols("actors", "people.tsv"):
        for n in [row.get("name", ""), *_split(row.get("aliases"))]:
            add(n, with_nouns)
    # days and months (not "may", "march": common words)
    for n in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
              "April", "June", "July", "September", "October", "November", "December"):
        add(n, common)
    # the gazetteer: countries, first-level divisions, towns
    for kind, pop, name, alternates in _gazetteer_rows():
        if kind == "city" and pop < MIN_TOWN:
            continue
        guard = common if kind in ("country", "admin1") or pop >= BIG_TOWN else with_nouns
        names = [name]
        if kind != "city" or pop >= BIG_TOWN:
            names += [n for n in _split(alternates) if n.isascii()]
        for n in names:
            add(n, guard)
    return Names(table, frozenset(w.lower() for w in word_list("honorifics.txt")))


def _gazetteer_rows() -> Iterator[tuple[str, int, str, str]]:
    """(kind, population, name, alternate names) of each gazetteer row, as :func:`_cols` reads them.

    A quarter of a million rows, most of them small towns that :func:`default_names`
    skips: the population is read before anything else is built from the row.
    """
    lines = data_lines("places", "gazetteer.tsv")
    if not lines:
        return
    header = lines[0].split("\t")
    width = len(header)

    def column(name: str) -> int:
        # dict(zip(header, parts)) keeps the last of repeated names; a missing column reads as ""
        return max((k for k, h in enumerate(header) if h == name), default=width)

    k_kind, k_pop, k_name, k_names = column("kind"), column("population"), column("name"), column("names")
    for line in lines[1:]:
        parts = line.split("\t")
        n = min(len(parts), width)
        kind = parts[k_kind] if k_kind < n else ""
        raw = parts[k_pop] if k_pop < n else ""
        try:
            pop = int(float(raw or 0))
        except ValueError:
            pop = 0
        if kind == "city" and pop < MIN_TOWN:
            continue
        yield kind, pop, parts[k_name] if k_name < n else "", parts[k_names] if k_names < n else ""


def recase_all(texts: Iterable[str]) -> list[str]:
    """:func:`truecase` over several texts (for measuring)."""
    names = default_names()
    return [truecase(t, names) for t in texts]


class CaseRobustTokenizer:
    """Wraps a spaCy tokenizer: lines whose casing says nothing are re-cased first (:func:`truecase`)."""

    def __init__(self, tokenizer: Any) -> None:
        self.inner = tokenizer
        self.enabled = True

    def __call__(self, text: str) -> Any:
        return self.inner(truecase(text) if self.enabled else text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
