"""Counts of people killed, injured, arrested, abducted, and crowd size, for one event.

The event coder calls :func:`extract_counts` once per event with the sentence
and the event's trigger token. How numbers are read is described in
:mod:`khaldun.counts.phrases` and :mod:`khaldun.counts.roles`, how they are
attached to an event in :mod:`khaldun.counts.attach`; ``docs/counts.md``
gathers the conventions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from khaldun.counts.attach import Link, belongs, event_links, trigger_group
from khaldun.counts.lexicon import CATEGORIES
from khaldun.counts.numbers import MAX_COUNT
from khaldun.counts.roles import Mention, mentions
from khaldun.nlp.views import doc_memo
from khaldun.records import Count, fast_init

_MENTIONS = ("counts", "mentions")


@fast_init
@dataclass(frozen=True, slots=True)
class Counts:
    """The counts of one event; ``None`` where the sentence gives none."""

    fatalities: Count | None = None
    """people killed"""
    injured: Count | None = None
    """people injured or wounded"""
    arrested: Count | None = None
    """people arrested or detained"""
    abducted: Count | None = None
    """people kidnapped, abducted or held hostage"""
    size: Count | None = None
    """people in a crowd, protest or strike"""


def _as_span(sentence: Any) -> Any:
    if isinstance(sentence, str):
        from khaldun.nlp import load_model

        return load_model()(sentence)[:]
    if not hasattr(sentence, "doc"):  # a Doc
        return sentence[:]
    return sentence


def _combined_qualifier(qualifiers: list[str]) -> str:
    kinds = set(qualifiers) - {"exact"}
    if not kinds:
        return "exact"
    return kinds.pop() if len(kinds) == 1 else "about"


def _total(group: list[Mention], doc: Any, part: bool) -> Count | None:
    """One count from coordinated mentions: "five soldiers and two civilians" is 7 (none past :data:`MAX_COUNT`)."""
    value = sum(m.value for m in group)
    if value > MAX_COUNT:
        return None  # no count of people, as for one number that large
    qualifier = _combined_qualifier([m.qualifier for m in group])
    if part and qualifier in ("exact", "about"):
        qualifier = "at_least"  # "killed, including 5 children": at least 5
    if len(group) == 1:
        text = group[0].text
    else:
        text = doc[min(m.start for m in group) : max(m.end for m in group)].text
    return Count(value=value, qualifier=qualifier, text=text)


def _choose(
    found: list[Mention], doc: Any, links: dict[int, Link] | None, group: str | None
) -> Count | None:
    if not found:
        return None
    whole = [m for m in found if not m.part]
    pool, part = (whole, False) if whole else (found, True)
    groups: dict[tuple[int, int], list[Mention]] = {}
    for m in pool:
        groups.setdefault(m.key, []).append(m)
    best: tuple[tuple[int, int], Count] | None = None
    for members in groups.values():
        count = _total(members, doc, part)
        if count is None:
            continue
        distance = 0
        if links is not None:
            reached = [belongs(m, links, group) for m in members]
            distance = min(lk.distance for lk in reached if lk is not None)
        # nearest to the trigger first; among equals the largest (totals exceed parts)
        rank = (distance, -count.value)
        if best is None or rank < best[0]:
            best = (rank, count)
    return best[1] if best else None


def extract_counts(sentence: Any, trigger: Any = None, *, others: Iterable[Any] = ()) -> Counts:
    """People killed, injured, arrested, abducted and crowd size reported in ``sentence``.

    ``sentence`` is a parsed spaCy ``Span`` (or ``Doc``; a string is parsed with
    :func:`khaldun.nlp.load_model`). With ``trigger`` (the event's trigger
    token, or a span whose root is used) only the counts that belong to that
    event are returned; with ``None``, every count in the sentence. ``others``
    are the triggers of the other events coded from the same sentence: counts
    reached only through them are left to them.
    """
    span = _as_span(sentence)
    doc = span.doc
    # a sentence's counts are read once for all its events (they depend on the sentence
    # only; ``found`` is filtered into new lists below, never changed); a whole Doc as it is
    if isinstance(span, Span):
        memo = doc_memo(doc)
        key = (_MENTIONS, span.start, span.end)
        found = memo.get(key)
        if found is None:
            found = memo[key] = mentions(span)
    else:
        found = mentions(span)
    links: dict[int, Link] | None = None
    group: str | None = None
    if trigger is not None:
        trig = trigger.root if hasattr(trigger, "root") else trigger
        if span.start <= trig.i < span.end and trig.doc is doc:
            links = event_links(trig, span, [o.root if hasattr(o, "root") else o for o in others])
            group = trigger_group(trig)
            found = [m for m in found if belongs(m, links, group) is not None]
    chosen = {
        category: _choose([m for m in found if m.category == category], doc, links, group)
        for category in CATEGORIES
    }
    return Counts(**chosen)
