"""The date of one event: which time expression is the event's, and what day it is.

The coder calls :func:`resolve_event_date` with the parsed sentence, the event's
trigger token and the publication date. The expression is chosen among the
sentence's DATE/TIME entities (plus capitalised weekday and month-day words the
entity recogniser missed) by distance in the parse to the trigger, absolute dates
first; it is anchored by :func:`khaldun.dates.anchor.anchor`.

An expression counted from the story's own time ("two days later", "the next
morning", "that night": kind ``chained``) is anchored to the reference the text gave
before it: an earlier date in the same sentence, else the date of the nearest
earlier sentence of the article that has one (itself chained, up to a few links);
with no reference it dates nothing.

When the sentence has none, a past-tense event takes the story time of one of the
three previous sentences, across paragraphs (news leads give the date once; a
sentence's story time is not a quotation's, a toll update's or a report's); when there is
still none, the date is the publication date with precision ``week``: the event
was reported then and, by wire convention, happened within the week before. With
no publication date and no absolute expression, ``date`` is None and precision
``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from khaldun.counts.updates import sentence_update
from khaldun.dates.anchor import Anchored, anchor
from khaldun.dates.expressions import MONTHS, WEEKDAYS, TimeExpression, parse_expression
from khaldun.dates.tense import tense_of
from khaldun.nlp.views import doc_memo, doc_sents, sentence_ents, span_text, token_table
from khaldun.records import fast_init, replace
from khaldun.resources import word_set

_TIME_LABELS = ("DATE", "TIME")
#: how far back (in sentences of one paragraph) an undated event borrows a date
_CARRY_SENTENCES = 3
_REPORTING = word_set("speech_verbs.tsv", "reporting")
_CAPITAL_WORDS = {w.capitalize() for w in (*WEEKDAYS, *(m for m in MONTHS if len(m) > 3))}
_REL_WORDS = {"yesterday", "today", "tonight", "tomorrow"}


@fast_init
@dataclass(frozen=True, slots=True)
class DateResolution:
    """When an event happened, as far as the text says."""

    date: str | None
    """YYYY-MM-DD, or None when it cannot be told"""
    precision: str
    """day, week, month, year or unknown"""
    text: str | None
    """the words the date came from ("Saturday night"), None for the default"""
    end: str | None = None
    """last day of a range ("March 3-5"), else None"""
    borrowed: bool = False
    """True when the words come from an earlier sentence"""


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve_date_text(text: str, doc_date: str | None, *, tense: str = "unknown") -> DateResolution:
    """Resolve the words of one time expression ("last Saturday") against ``doc_date``."""
    expr = parse_expression(text)
    if expr is None:
        return DateResolution(None, "unknown", text or None)
    return _anchored(expr, _iso(doc_date), tense) or DateResolution(None, "unknown", text)


def _anchored(expr: TimeExpression, doc: date | None, tense: str,
              reference: Anchored | None = None) -> DateResolution | None:
    a = anchor(expr, doc, tense, reference)
    if a is None:
        return None
    return DateResolution(a.date.isoformat(), a.precision, expr.text,
                          a.end.isoformat() if a.end else None)


def time_expressions(sent: Any) -> list[tuple[Any, TimeExpression]]:
    """(span, expression) for every readable time expression of one sentence."""
    memo = doc_memo(sent.doc)
    key = ("time_expressions", sent.start, sent.end)
    found = memo.get(key)
    if found is None:  # asked once per event and per borrowing sentence: read each sentence once
        found = memo[key] = _time_expressions(sent)
    return list(found)


def _time_expressions(sent: Any) -> list[tuple[Any, TimeExpression]]:
    found: list[tuple[Any, TimeExpression]] = []
    taken: set[int] = set()
    doc = sent.doc
    for ent in sentence_ents(sent):
        if ent.label_ not in _TIME_LABELS:
            continue
        if ent.end < sent.end and doc[ent.end].lower_ in ("after", "before") and _SPAN_OF_TIME.match(ent.text.lower()):
            ent = doc[ent.start:ent.end + 1]  # "a day" + "after [soldiers clashed]"
        ent = _with_day(ent, sent)
        expr = parse_expression(ent.text)
        if expr is not None:
            found.append((ent, expr))
            taken.update(range(ent.start, ent.end))
    # The small model sometimes misses "on Tuesday" or "March 4": take capitalised
    # full weekday and month names, and "yesterday"-type words, outside entities.
    table = token_table(doc)
    text, low = table.text, table.lower
    # only these words open an expression below: no Token objects for the others
    for tok in [doc[i] for i in range(sent.start, sent.end)
                if text[i] in _CAPITAL_WORDS or low[i] in _REL_WORDS or low[i] in _OPENING_WORDS]:
        if tok.i in taken:
            continue
        if tok.text in _CAPITAL_WORDS or tok.lower_ in _REL_WORDS:
            start, end = tok.i, tok.i + 1
            if start > sent.start and doc[start - 1].lower_ in ("last", "next", "this"):
                start -= 1
            elif (tok.text in _MONTH_NAMES and start > sent.start and doc[start - 1].shape_ in ("d", "dd")
                  and 1 <= int(doc[start - 1].text) <= 31):
                start -= 1  # "21 October 2020": the day before the month name
            while end < sent.end and end - tok.i < 3 and (
                doc[end].like_num or doc[end].lower_ in ("night", "morning", "evening", "afternoon", ",")
                or (doc[end].shape_ == "dddd")
            ):
                end += 1
            while end > tok.i + 1 and doc[end - 1].text == ",":
                end -= 1
            span = doc[start:end]
            if any(i in taken for i in range(span.start, span.end)):
                continue
            expr = parse_expression(span.text)
            if expr is not None and not (expr.kind == "month" and tok.text == "May"):
                found.append((span, expr))
                taken.update(range(span.start, span.end))
        elif not taken.intersection(range(tok.i - 2, tok.i + 1)) and tok.i - 2 >= sent.start and (
            # "A day before the bombing", "three days later" the recogniser left out
            (tok.lower_ in ("before", "after", "later", "earlier")
             and _SPAN_OF_TIME.match(doc[tok.i - 2:tok.i].text.lower()))
            # "the following day", "the next morning"
            or (tok.lower_ in _PART_OF_DAY and doc[tok.i - 1].lower_ in _CHAIN_WORDS
                and doc[tok.i - 2].lower_ in ("the", "that"))
        ):
            span = doc[tok.i - 2:tok.i + 1]
            expr = parse_expression(span.text)
            if expr is not None:
                found.append((span, expr))
                taken.update(range(span.start, span.end))
    return found


def _with_day(ent: Any, sent: Any) -> Any:
    """"Around 16 January 2022": the recogniser may leave the day out of the entity
    ("January 2022"); a day number just before a month name belongs to the date."""
    doc = ent.doc
    start = ent.start
    if start > sent.start and ent[0].text in _MONTH_NAMES:
        prev = doc[start - 1]
        if prev.shape_ in ("d", "dd") and 1 <= int(prev.text) <= 31:
            return doc[start - 1:ent.end]
    return ent


_MONTH_NAMES = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
})

_SPAN_OF_TIME = re.compile(r"^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) "
                           r"(?:day|week|month|year)s?$")
_PART_OF_DAY = {"day", "morning", "afternoon", "evening", "night"}
_CHAIN_WORDS = {"next", "following", "previous", "preceding", "same"}
#: the other words :func:`_time_expressions` looks at: "[a day] before", "[the following] day"
_OPENING_WORDS = frozenset({"before", "after", "later", "earlier"} | _PART_OF_DAY)


def _ancestors(tok: Any) -> list[int]:
    """``[t.i for t in tok.ancestors]``, from the token table's heads (no Token objects;
    like spaCy, at most as many steps as the document has tokens)."""
    head = token_table(tok.doc).head
    out: list[int] = []
    i = tok.i
    while head[i] != i and len(out) < len(head):
        i = head[i]
        out.append(i)
    return out


def _depth_path(tok: Any) -> dict[int, int]:
    out = {tok.i: 0}
    for n, anc in enumerate(_ancestors(tok), 1):
        out[anc] = n
    return out


def tree_distance(a: Any, b: Any) -> int:
    """Edges between two tokens of one parse (through their lowest common ancestor)."""
    up = _depth_path(a)
    if b.i in up:
        return up[b.i]
    for n, anc in enumerate(_ancestors(b), 1):
        if anc in up:
            return n + up[anc]
    return 99


def _pick(candidates: list[tuple[Any, TimeExpression]], trigger: Any) -> tuple[Any, TimeExpression]:
    def cost(item: tuple[Any, TimeExpression]) -> tuple[float, int]:
        span, expr = item
        dist = tree_distance(span.root, trigger) if trigger is not None else 0
        bonus = 1.5 if expr.absolute and expr.kind != "year" else 0.0
        linear = abs(span.start - trigger.i) if trigger is not None else span.start
        return (dist - bonus, linear)

    return min(candidates, key=cost)


_CLAUSE_DEPS = {"ccomp", "relcl", "acl", "csubj", "parataxis"}


def _embedded_under(tok: Any, trigger: Any) -> bool:
    """Does ``tok`` sit in a clause embedded under ``trigger`` ("said [that ... on Saturday]")?

    The time of what a speaker talks about is not the time of the speaking.
    """
    if trigger is None:
        return False
    cur = tok
    embedded = False
    for _ in range(12):
        if cur.i == trigger.i:
            return embedded
        if cur.dep_ in _CLAUSE_DEPS:
            embedded = True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def resolve_event_date(sentence: Any, trigger: Any, doc_date: str | None, *,
                       future: bool = False, verbal: bool = False) -> DateResolution:
    """The date of the event carried by ``trigger`` in ``sentence`` (a spaCy Span).

    ``verbal`` says the event is a speech act (a statement, an accusation, an appeal):
    only dates of its own clause date it. A material event (an attack, an arrest)
    falls back on a date inside a clause under it ("dispersed people protesting ...
    on Tuesday") before borrowing one from an earlier sentence.
    """
    doc = _iso(doc_date)
    tense = "future" if future else tense_of(trigger) if trigger is not None else "unknown"
    found = time_expressions(sentence)
    # "X did Y, the ministry said on Wednesday": Wednesday is when it was said
    told = [c for c in found if not _reporting_time(c[0], trigger)]
    found = told or found
    candidates = [c for c in found if not _embedded_under(c[0].root, trigger)]
    if not candidates and not verbal and not future:
        candidates = found
    if future and trigger is not None:
        # "will provide aid, the embassy announced on Wednesday": the announcement's date
        # is not the promised event's; only the event's own clause dates it
        own = {t.i for t in trigger.subtree}
        candidates = [c for c in candidates if c[0].root.i in own]
        if not candidates:
            return DateResolution(None, "unknown", None)
    if candidates:
        span, expr = _pick(candidates, trigger)
        res = _in_text(sentence, span, expr, doc, tense, trigger=trigger)
        if res is not None:
            return res
        # the nearest expression is not usable (no publication date): an absolute one may be
        for _span, other in candidates:
            if other.absolute:
                res = _anchored(other, doc, tense)
                if res is not None:
                    return res
        if doc is None:
            return DateResolution(None, "unknown", span.text)
    if tense in ("past", "present", "unknown") and sentence is not None:
        # "the army said its aircraft had struck ...": a past perfect with no date of its own
        # happened before the report, at the story's time, however far back the story gave it
        reach = _REFERENCE_SENTENCES if trigger is not None and _past_perfect(trigger) else _CARRY_SENTENCES
        borrowed = _borrow(sentence, doc, tense, reach)
        if borrowed is not None:
            return borrowed
    if doc is None:
        return DateResolution(None, "unknown", None)
    return DateResolution(doc.isoformat(), "week", None)


def _story_time(sent: Any) -> tuple[Any, TimeExpression] | None:
    """The expression that dates what ``sent`` tells, if any.

    Not the time something was said ("..., police said on Wednesday"), not a toll
    update's ("by Thursday the toll had risen to 14"), not a quotation's.
    """
    memo = doc_memo(sent.doc)
    key = ("story_time", sent.start, sent.end)
    if key not in memo:  # asked for every undated event after it: read each sentence once
        memo[key] = _read_story_time(sent)
    return memo[key]


def _read_story_time(sent: Any) -> tuple[Any, TimeExpression] | None:
    if _QUOTE.search(span_text(sent)) or sentence_update(sent) is not None:
        return None
    candidates = [c for c in time_expressions(sent) if not _reporting_time(c[0], None)]
    if not candidates:
        return None
    return _pick(candidates, sent.root)


def _past_perfect(trigger: Any) -> bool:
    """Is the trigger's verb in the past perfect ("had struck", "had been killed")?"""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _verb_of(trigger)
    return verb is not None and verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _borrow(sentence: Any, doc: date | None, tense: str, reach: int = _CARRY_SENTENCES) -> DateResolution | None:
    """The story time of one of the previous sentences, if they give one.

    Wire copy writes a paragraph a sentence: the lead's date carries into the next
    paragraphs as it does within one.
    """
    # the same for every undated event of the sentence (``tense`` plays no part): read once
    memo = doc_memo(sentence.doc)
    key = ("borrow", sentence.start, sentence.end, doc, reach)
    if key not in memo:
        memo[key] = _borrowed(sentence, doc, reach)
    return memo[key]  # type: ignore[no-any-return]


def _borrowed(sentence: Any, doc: date | None, reach: int) -> DateResolution | None:
    """:func:`_borrow`, read from the text."""
    pdoc = sentence.doc
    sents = [s for s in doc_sents(pdoc) if s.start_char < sentence.start_char]
    memo = doc_memo(pdoc)
    for prev in reversed(sents[-reach:]):
        picked = _story_time(prev)
        if picked is None:
            continue
        key = ("story date", prev.start, prev.end, doc)  # each later sentence may ask again
        if key in memo:
            res = memo[key]
        else:
            span, expr = picked
            res = memo[key] = _in_text(prev, span, expr, doc, tense_of(prev.root))
        if res is not None:
            return DateResolution(res.date, res.precision, res.text, res.end, borrowed=True)
    return None


def _verb_of(tok: Any) -> Any:
    """The verb a time expression's word hangs from (its nearest verbal ancestor)."""
    cur = tok
    for _ in range(12):
        if cur.head is cur:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _reporting_time(span: Any, trigger: Any) -> bool:
    """Is ``span`` the time of a report about the trigger's event, not of the event?

    True when it hangs from a reporting verb ("said on Wednesday") that governs the
    trigger, or, with no trigger (a sentence whose story time is wanted), any
    reporting verb.
    """
    verb = _verb_of(span.root)
    if verb is None or verb.lemma_.lower() not in _REPORTING:
        return False
    if trigger is None:
        return True
    if verb.i == trigger.i:
        return False
    return any(a.i == verb.i for a in trigger.ancestors)


#: how many links of "the next day ... two days later ..." are followed back
_MAX_CHAIN = 4
#: how many sentences back a chained expression looks for its reference
_REFERENCE_SENTENCES = 8


def _in_text(sentence: Any, span: Any, expr: TimeExpression, doc: date | None, tense: str,
             depth: int = 0, trigger: Any = None) -> DateResolution | None:
    """Anchor ``expr`` (read from ``span`` of ``sentence``), chained ones to the story's time."""
    if expr.kind != "chained":
        return _anchored(expr, doc, tense)
    if trigger is not None and _counts_to(span, trigger):
        # "the ambush came three days after [the group seized a police station]": the
        # seizure is three days before the story's time, not after
        expr = replace(expr, amount=-expr.amount)
    reference = _reference(sentence, span, doc, depth)
    return _anchored(expr, doc, tense, reference) if reference is not None else None


def _counts_to(span: Any, trigger: Any) -> bool:
    """Is ``trigger`` the event an "N days after/before ..." expression counts to?"""
    last = span[-1]
    if last.lower_ not in ("after", "before"):
        return False
    if last.dep_ == "mark":
        return bool(last.head.i == trigger.i)
    return any(t.i == trigger.i for t in last.subtree if t.i != last.i)


def _reference(sentence: Any, span: Any, doc: date | None, depth: int) -> Anchored | None:
    """The story time a chained expression at ``span`` counts from, if the text gave one."""
    if depth >= _MAX_CHAIN:
        return None
    # "attacked on Monday and died two days later": an earlier expression of the sentence
    before = [(s, e) for s, e in time_expressions(sentence)
              if s.end <= span.start and e.kind != "chained" and not _reporting_time(s, None)]
    for s, e in reversed(before):
        res = _anchored(e, doc, tense_of(s.root.head))
        if res is not None:
            return _as_anchor(res)
    pdoc = sentence.doc
    earlier = [s for s in doc_sents(pdoc) if s.start_char < sentence.start_char]
    for prev in reversed(earlier[-_REFERENCE_SENTENCES:]):
        picked = _story_time(prev)
        if picked is None:
            continue
        pspan, pexpr = picked
        res = _in_text(prev, pspan, pexpr, doc, tense_of(prev.root), depth + 1)
        if res is not None:
            return _as_anchor(res)
    return None


def _as_anchor(res: DateResolution) -> Anchored | None:
    d = _iso(res.date)
    return Anchored(d, res.precision) if d else None


# a quoted sentence speaks of its own time, not the narrative's
_QUOTE = re.compile(r"^\s*[\"\u201c]")
