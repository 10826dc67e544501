"""Scoring whole articles: expected events found, forbidden events coded.

The sentence-level sets (``khaldun eval``) score one label a sentence. Agency
articles hold several events, background paragraphs, denials, quotes, updated
tolls and chained relative dates; this check codes whole articles and asks,
for each event a careful human coder expects, whether khaldun coded it, and
for each reading the article must *not* yield (a denied attack, a hypothetical
strike, a meeting placed at the dateline, a background event at this week's
date), whether khaldun coded it as an affirmed event.

The fixture (``tests/fixtures/agency_articles.jsonl``, described in
``tests/fixtures/agency_articles.md``) holds one article a line::

    {"id", "doc_date", "text", "expected": [spec, ...], "forbidden": [spec, ...]}

A spec names the fields it constrains; a field that is null (or absent) is
not checked:

- ``event_type``: a PLOVER type or a list of accepted types;
  ``cameo_root``: two digits, accepted instead of the PLOVER type;
  ``mode``: when given, the event's PLOVER mode must equal it (abduct, arrest);
- ``actor_country``, ``recipient_country``: ISO3 (``IGO`` for international
  organisations) or a list of accepted codes, compared as the PETR2 scheme does;
- ``location_country``: ISO3 of the event's place;
- ``date``: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: the event's date must
  start with it (a background event "in August 2021" is ``2021-08``);
- ``actor_name``: a case-insensitive substring of the actor's text or name.

Expected specs also carry ``counts`` (``fatalities``, ``injured``,
``arrested``, ``abducted``, ``size``), ``date_precision``, ``polarity``,
``modality``, ``trigger`` and ``note``: counts are scored apart (among found
events), the rest is documentation.

**Counted events** are those the sentence-level schemes count
(:func:`khaldun.evaluation.schemes.counts_as_event`): polarity ``affirmed``
and modality not claimed, alleged, denied or hypothetical.

**Found.** An expected event is found when a counted event of its article
matches every field it gives. Expected events and events are paired one to
one (a maximum bipartite matching), so one coded attack cannot stand for two
attacks on different days.

**Why a miss.** For each expected event left unpaired the nearest event is
the one of the right type failing the fewest other fields (a counted one
before one that does not count, an unpaired one before a paired one); the miss
is put down to those fields (``date``, ``location_country`` ...), with ``not
counted`` added when that event was coded but denied, claimed, hypothetical or
negated. Other causes: ``type`` (no event of the type at all), ``shared`` (the
only matching events are paired with other expected events). The listing also
shows the event coded from the annotated trigger word, when there is one and
it is not the nearest, or says that no event came from it.

**Forbidden coded.** A forbidden spec is coded when an affirmed counted
event of its article matches every field it gives: a counted event whose
modality is not ``future`` (an event announced for later is not affirmed to
have happened, and the sentence-level schemes' counting of future events is
for PETRARCH's "about to restore ties").
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khaldun.config import Settings
from khaldun.errors import InputError, UsageError
from khaldun.evaluation.runner import Predictor, describe_event
from khaldun.evaluation.schemes import country_match, counts_as_event, predicted_country
from khaldun.records import EventRecord, Rejection

DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "agency_articles.jsonl"

FIELDS = ("type", "actor_country", "recipient_country", "location_country", "date", "actor_name")
"""the fields a spec may constrain, in the order misses are reported"""

COUNT_FIELDS = ("fatalities", "injured", "arrested", "abducted", "size")

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

NOT_COUNTED = "not counted"
SHARED = "shared"


def _codes(value: Any, what: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
        raise UsageError(f"{what} must be a non-empty string or a list of strings, got {value!r}")
    return tuple(items)


@dataclass(frozen=True, slots=True)
class EventSpec:
    """One expected or forbidden event of an article (see the module docstring)."""

    id: str
    event_type: tuple[str, ...] | None = None
    cameo_root: str | None = None
    mode: str | None = None
    actor_country: tuple[str, ...] | None = None
    recipient_country: tuple[str, ...] | None = None
    location_country: str | None = None
    date: str | None = None
    actor_name: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    trigger: str = ""
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> EventSpec:
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise UsageError(f"{where}: an event spec must be an object with a string id")
        sid = data["id"]
        root = data.get("cameo_root")
        if root is not None and (not isinstance(root, str) or len(root) != 2 or not root.isdigit()):
            raise UsageError(f"{where}: {sid}: cameo_root must be two digits, got {root!r}")
        date = data.get("date")
        if date is not None and (not isinstance(date, str) or not _DATE.fullmatch(date)):
            raise UsageError(f"{where}: {sid}: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
        counts = data.get("counts") or {}
        bad = [k for k, v in counts.items() if k not in COUNT_FIELDS or not isinstance(v, int)]
        if bad:
            raise UsageError(f"{where}: {sid}: unknown or non-integer counts {bad}")
        spec = cls(
            id=sid,
            event_type=_codes(data.get("event_type"), f"{where}: {sid}: event_type"),
            cameo_root=root,
            mode=data.get("mode"),
            actor_country=_codes(data.get("actor_country"), f"{where}: {sid}: actor_country"),
            recipient_country=_codes(data.get("recipient_country"), f"{where}: {sid}: recipient_country"),
            location_country=data.get("location_country"),
            date=date,
            actor_name=data.get("actor_name"),
            counts=dict(counts),
            trigger=str(data.get("trigger") or ""),
            note=str(data.get("note") or data.get("why") or ""),
        )
        if spec.event_type is None and spec.cameo_root is None and not spec.checked_fields():
            raise UsageError(f"{where}: {sid}: the spec constrains nothing")
        return spec

    def checked_fields(self) -> tuple[str, ...]:
        """The fields this spec constrains."""
        given = {
            "type": self.event_type is not None or self.cameo_root is not None or self.mode is not None,
            "actor_country": self.actor_country is not None,
            "recipient_country": self.recipient_country is not None,
            "location_country": self.location_country is not None,
            "date": self.date is not None,
            "actor_name": self.actor_name is not None,
        }
        return tuple(f for f in FIELDS if given[f])

    def describe(self) -> str:
        kind = "/".join(self.event_type or ()) or "*"
        if self.cameo_root:
            kind += f" [{self.cameo_root}]"
        if self.mode:
            kind += f" ({self.mode})"
        actor = "|".join(self.actor_country or ()) or self.actor_name or "-"
        recipient = "|".join(self.recipient_country or ()) or "-"
        return f"{kind} {actor}->{recipient} at {self.location_country or '-'} on {self.date or '-'}"


@dataclass(frozen=True, slots=True)
class Article:
    """One fixture article with its annotations."""

    id: str
    text: str
    doc_date: str | None
    expected: tuple[EventSpec, ...]
    forbidden: tuple[EventSpec, ...]


def load_articles(path: str | Path = DEFAULT_ARTICLES) -> list[Article]:
    """Read the fixture; a missing file or a malformed line is a :class:`UsageError` (K002)."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read the articles file {p}: {exc}") from exc
    out: list[Article] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{p.name}:{n}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{where}: not JSON: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not isinstance(data.get("id"), str):
            raise UsageError(f"{where}: an article needs a string id and text")
        expected = tuple(EventSpec.from_dict(d, where) for d in data.get("expected") or [])
        forbidden = tuple(EventSpec.from_dict(d, where) for d in data.get("forbidden") or [])
        ids = [s.id for s in (*expected, *forbidden)] + [data["id"]]
        dup = seen.intersection(ids) or {i for i in ids if ids.count(i) > 1}
        if dup:
            raise UsageError(f"{where}: duplicate ids {sorted(dup)}")
        seen.update(ids)
        out.append(Article(data["id"], data["text"], data.get("doc_date"), expected, forbidden))
    if not out:
        raise UsageError(f"{p}: no articles")
    return out


# --- matching -------------------------------------------------------------------


def _actor_name_ok(name: str, event: EventRecord) -> bool:
    actor = event.actor
    if actor is None:
        return False
    wanted = name.casefold()
    return any(wanted in (s or "").casefold() for s in (actor.text, actor.name))


def field_failures(spec: EventSpec, event: EventRecord) -> tuple[str, ...]:
    """The fields of ``spec`` that ``event`` does not meet (empty: it matches)."""
    failed: list[str] = []
    mode_ok = spec.mode is None or event.mode == spec.mode
    type_ok = mode_ok and (
        (spec.event_type is None and spec.cameo_root is None)
        or (spec.event_type is not None and event.event_type in spec.event_type)
        or (spec.cameo_root is not None and event.cameo_root == spec.cameo_root)
    )
    if not type_ok:
        failed.append("type")
    for role, wanted in (("actor_country", spec.actor_country), ("recipient_country", spec.recipient_country)):
        if wanted is not None:
            pred = predicted_country(event.actor if role == "actor_country" else event.recipient)
            if not any(country_match(w, pred) for w in wanted):
                failed.append(role)
    if spec.location_country is not None:
        pred_loc = event.location.country if event.location else None
        if pred_loc != spec.location_country:
            failed.append("location_country")
    if spec.date is not None and not (event.date or "").startswith(spec.date):
        failed.append("date")
    if spec.actor_name is not None and not _actor_name_ok(spec.actor_name, event):
        failed.append("actor_name")
    return tuple(failed)


def _pair(ok: list[list[bool]], order: list[list[int]] | None = None, first: list[int] | None = None) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): expected index -> event index.

    ``order[i]`` lists the events in the order expected event ``i`` tries them
    (by default as given), and ``first`` the order the expected events are
    taken in: among equally large pairings the earlier choices win.
    """
    owner: dict[int, int] = {}  # event -> expected

    def augment(i: int, seen: set[int]) -> bool:
        for j in (order[i] if order else range(len(ok[i]))):
            if ok[i][j] and j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in (first if first is not None else range(len(ok))):
        augment(i, set())
    return {i: j for j, i in owner.items()}


@dataclass(frozen=True, slots=True)
class ExpectedResult:
    """One expected event: found or not, and why not."""

    article_id: str
    spec: EventSpec
    found: bool
    event: EventRecord | None
    """the event paired with it, else the nearest event of its type (None when none)"""
    cause: str | None
    """None when found; else ``type``, ``not counted``, ``shared`` or the failing fields joined by '+'"""
    failing: tuple[str, ...] = ()
    """the causes one by one (``not counted`` and the failing fields)"""
    counts_right: tuple[str, ...] = ()
    counts_wrong: tuple[str, ...] = ()
    trigger_event: EventRecord | None = None
    """for a miss: an event (counted or not) whose trigger shares a word with the annotated trigger"""


@dataclass(frozen=True, slots=True)
class ForbiddenResult:
    """One forbidden reading: coded or not."""

    article_id: str
    spec: EventSpec
    coded: bool
    event: EventRecord | None


_TRIGGER_STOP = frozenset({"the", "and", "for", "out", "off", "on", "of", "a", "an", "to", "in", "at", "up"})


def _by_trigger(spec: EventSpec, events: Sequence[EventRecord]) -> EventRecord | None:
    """An event coded from the annotated trigger's words, one of the spec's type first."""
    words = {w for w in spec.trigger.casefold().split() if w not in _TRIGGER_STOP}
    hits = [e for e in events if words & set(e.evidence.trigger.casefold().split())]
    typed = [e for e in hits if not spec.event_type or e.event_type in spec.event_type]
    return (typed or hits or [None])[0]


def _count_check(spec: EventSpec, event: EventRecord) -> tuple[tuple[str, ...], tuple[str, ...]]:
    right, wrong = [], []
    for name, value in spec.counts.items():
        got = getattr(event, name)
        (right if got is not None and got.value == value else wrong).append(name)
    return tuple(right), tuple(wrong)


def match_article(article: Article, events: Sequence[EventRecord]) -> tuple[list[ExpectedResult], list[ForbiddenResult]]:
    """Score one article's events against its expected and forbidden specs."""
    counted = [e for e in events if counts_as_event(e)]
    uncounted = [e for e in events if not counts_as_event(e)]
    fails = [[field_failures(s, e) for e in counted] for s in article.expected]
    # an expected event tries first the events whose counts agree with its own, and expected
    # events that have such an event choose first (two arrests on one day, one coded: it pairs
    # with the annotation whose count it has)
    off = [[len(_count_check(sp, e)[1]) for e in counted] for sp in article.expected]
    ok = [[not f for f in row] for row in fails]
    order = [sorted(range(len(counted)), key=lambda j, i=i: off[i][j]) for i in range(len(ok))]
    first = sorted(range(len(ok)), key=lambda i: min((w for w, good in zip(off[i], ok[i]) if good), default=99))
    pairs = _pair(ok, order, first)
    results: list[ExpectedResult] = []
    for i, spec in enumerate(article.expected):
        if i in pairs:
            ev = counted[pairs[i]]
            right, wrong = _count_check(spec, ev)
            results.append(ExpectedResult(article.id, spec, True, ev, None, (), right, wrong))
            continue
        row = fails[i]
        trig = _by_trigger(spec, events)
        full = [j for j, f in enumerate(row) if not f]
        if full:  # matching events exist, all paired with other expected events
            results.append(ExpectedResult(article.id, spec, False, counted[full[0]], SHARED, (SHARED,),
                                          trigger_event=trig))
            continue
        # the nearest event of the right type: fewest failing fields, then counted before not
        # counted (denied, claimed, hypothetical, negated), then one no other expected event took
        used = {counted[j].event_id for j in pairs.values()}
        candidates = [(row[j], e, True) for j, e in enumerate(counted) if "type" not in row[j]]
        candidates += [(f, e, False) for e in uncounted if "type" not in (f := field_failures(spec, e))]
        if not candidates:
            results.append(ExpectedResult(article.id, spec, False, None, "type", ("type",), trigger_event=trig))
            continue
        failing, near, is_counted = min(candidates, key=lambda c: (len(c[0]), not c[2], c[1].event_id in used))
        parts = ([] if is_counted else [NOT_COUNTED]) + list(failing)
        results.append(ExpectedResult(article.id, spec, False, near, "+".join(parts), tuple(parts),
                                      trigger_event=trig))
    affirmed = [e for e in counted if e.modality != "future"]
    forbidden: list[ForbiddenResult] = []
    for spec in article.forbidden:
        hit = next((e for e in affirmed if not field_failures(spec, e)), None)
        forbidden.append(ForbiddenResult(article.id, spec, hit is not None, hit))
    return results, forbidden


# --- running ----------------------------------------------------------------------


@dataclass
class ArticlesReport:
    """Expected events found and forbidden events coded over all articles."""

    expected: list[ExpectedResult] = field(default_factory=list)
    forbidden: list[ForbiddenResult] = field(default_factory=list)
    events: dict[str, list[EventRecord]] = field(default_factory=dict)
    """every event khaldun gave, by article id"""
    failed: list[str] = field(default_factory=list)
    """articles that could not be coded (scored as giving no event)"""
    seconds: float = 0.0

    @property
    def n_found(self) -> int:
        return sum(r.found for r in self.expected)

    @property
    def n_forbidden_coded(self) -> int:
        return sum(r.coded for r in self.forbidden)

    def misses(self) -> list[ExpectedResult]:
        return [r for r in self.expected if not r.found]

    def by_cause(self) -> Counter[str]:
        """Misses by cause (a combination of failing fields counts as one cause)."""
        return Counter(r.cause or "" for r in self.misses())

    def by_field(self) -> Counter[str]:
        """Misses by field: each failing field of a miss counts once (a miss may count under two)."""
        c: Counter[str] = Counter()
        for r in self.misses():
            c.update(r.failing or (r.cause or "",))
        return c

    def summary(self) -> dict[str, Any]:
        right = sum(len(r.counts_right) for r in self.expected if r.found)
        checked = right + sum(len(r.counts_wrong) for r in self.expected if r.found)
        return {
            "articles": len(self.events) + len(self.failed),
            "expected": len(self.expected),
            "found": self.n_found,
            "forbidden": len(self.forbidden),
            "forbidden_coded": self.n_forbidden_coded,
            "events": sum(len(v) for v in self.events.values()),
            "counts_right": right,
            "counts_checked": checked,
            "misses_by_cause": dict(self.by_cause().most_common()),
            "misses_by_field": dict(self.by_field().most_common()),
            "failed_articles": list(self.failed),
            "seconds": round(self.seconds, 2),
        }


def evaluate_articles(
    path: str | Path = DEFAULT_ARTICLES,
    settings: Settings | None = None,
    predict: Predictor | None = None,
) -> ArticlesReport:
    """Code every article of ``path`` with the pipeline (or ``predict``) and score it."""
    from khaldun.ingest.readers import make_document

    settings = settings or Settings()
    started = time.perf_counter()
    articles = load_articles(path)
    report = ArticlesReport()
    docs = []
    by_doc: dict[str, Article] = {}
    for art in articles:
        try:
            doc = make_document(art.text, f"{Path(path).name}:{art.id}", settings.max_doc_chars,
                                doc_id=art.id, doc_date=art.doc_date)
        except InputError:
            report.failed.append(art.id)
            _score(report, art, [])
            continue
        docs.append(doc)
        by_doc[doc.doc_id] = art
    if predict is None:
        from khaldun.pipeline import Pipeline

        predict = Pipeline(settings).outcomes
    for doc, result in predict(docs):
        art = by_doc[doc.doc_id]
        if isinstance(result, Rejection):
            report.failed.append(art.id)
            _score(report, art, [])
            continue
        report.events[art.id] = list(result)
        _score(report, art, result)
    report.seconds = time.perf_counter() - started
    return report


def _score(report: ArticlesReport, article: Article, events: Sequence[EventRecord]) -> None:
    expected, forbidden = match_article(article, events)
    report.expected.extend(expected)
    report.forbidden.extend(forbidden)


def _event_line(e: EventRecord | None) -> str:
    if e is None:
        return "none"
    where = e.location.country if e.location else None
    return f"{describe_event(e)} at {where or '-'} on {e.date or '-'}"


def format_articles_report(report: ArticlesReport, show_events: bool = False) -> str:
    """Found / expected, forbidden coded, then the misses grouped by cause."""
    s = report.summary()
    lines = [
        f"expected events found: {s['found']} of {s['expected']}",
        f"forbidden events coded: {s['forbidden_coded']} of {s['forbidden']}",
        f"counts right on found events: {s['counts_right']} of {s['counts_checked']}",
        f"articles: {s['articles']} ({len(report.failed)} not coded), events: {s['events']}, {s['seconds']} s",
        "",
        "misses by field (a miss may count under two): "
        + ", ".join(f"{k} {v}" for k, v in s["misses_by_field"].items()),
    ]
    groups: dict[str, list[ExpectedResult]] = {}
    for r in report.misses():
        groups.setdefault(r.cause or "", []).append(r)
    for cause, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append("")
        lines.append(f"== {cause} ({len(items)})")
        for r in items:
            lines.append(f"  {r.spec.id}: want {r.spec.describe()}  -- {r.spec.note}")
            lines.append(f"      nearest: {_event_line(r.event)}")
            if r.trigger_event is not None and r.trigger_event is not r.event:
                lines.append(f"      from the trigger {r.spec.trigger!r}: {_event_line(r.trigger_event)}")
            elif r.trigger_event is None and r.spec.trigger:
                lines.append(f"      no event from the trigger {r.spec.trigger!r}")
    coded = [r for r in report.forbidden if r.coded]
    if coded:
        lines.append("")
        lines.append(f"== forbidden coded ({len(coded)})")
        for f in coded:
            lines.append(f"  {f.spec.id}: {f.spec.describe()}  -- {f.spec.note}")
            lines.append(f"      by: {_event_line(f.event)}")
    if show_events:
        for art_id, evs in report.events.items():
            lines.append("")
            lines.append(f"-- {art_id}: {len(evs)} events")
            lines.extend(f"  {_event_line(e)}" for e in evs)
    return "\n".join(lines)

