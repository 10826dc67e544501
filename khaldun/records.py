"""The records every part of khaldun speaks.

:class:`EventRecord` is the contract of ``../shared/spec/event-record.md``
(``schema_version`` "1"): fields may be added, never renamed or dropped.
Unknown values are ``None``, never an empty string or a guess. The JSON
Schema shipped in ``khaldun/data/event_record.schema.json`` describes
``EventRecord.to_dict()`` and every output format is tested against it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from dataclasses import replace as _dc_replace
from operator import attrgetter
from typing import Any, TypeVar

SCHEMA_VERSION = "1"

_T = TypeVar("_T")


def fast_init(cls: type[_T]) -> type[_T]:
    """A faster ``__init__`` for a frozen slotted dataclass (apply it above ``@dataclass``).

    The ``__init__`` that ``dataclass(frozen=True)`` writes sets each field through
    ``object.__setattr__(self, name, value)``, which looks the slot up in the type on every
    call: building records, actors, mentions and candidates was about 8 % of coding. This one
    stores each argument through the field's own slot descriptor (what ``object.__setattr__``
    ends up calling): same signature and defaults, same type, same fields, still immutable
    (the class's ``__setattr__`` is untouched). A class it cannot do exactly (not frozen and
    slotted, a ``__post_init__``, an ``init=False``, keyword-only or ``default_factory``
    field) is returned as it is.
    """
    params = getattr(cls, "__dataclass_params__", None)
    fs = fields(cls)  # type: ignore[arg-type]
    if (params is None or not params.frozen or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__")
            or any(not f.init or f.kw_only or f.default_factory is not MISSING for f in fs)):
        return cls
    ns: dict[str, Any] = {}
    args: list[str] = []
    body: list[str] = []
    for n, f in enumerate(fs):
        ns[f"_s{n}"] = cls.__dict__[f.name].__set__
        if f.default is MISSING:
            args.append(f.name)
        else:
            ns[f"_d{n}"] = f.default
            args.append(f"{f.name}=_d{n}")
        body.append(f"    _s{n}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(args)}):\n" + "\n".join(body or ["    pass"]) + "\n", ns)  # noqa: S102
    init = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[misc]
    return cls



_REPLACE_NAMES: dict[type, tuple[str, ...] | None] = {}


def replace(obj: _T, /, **changes: Any) -> _T:
    """``dataclasses.replace`` without its per-call walk over the field objects.

    The same result and errors for every dataclass: a class whose fields are all plain
    ``init`` fields (no ``init=False``, ``InitVar`` or ``ClassVar``) has its field names
    listed once and each field not in ``changes`` read by name; any other class is
    handed to ``dataclasses.replace``. Actors, frames and candidates are replaced
    thousands of times an article batch (``dataclasses.replace`` was 2.5 % of coding).
    """
    cls = type(obj)
    try:
        names = _REPLACE_NAMES[cls]
    except KeyError:
        all_fields = getattr(cls, "__dataclass_fields__", None)
        names = None
        if all_fields is not None:
            fs = fields(cls)  # type: ignore[arg-type]
            if len(fs) == len(all_fields) and all(f.init for f in fs):
                names = tuple(f.name for f in fs)
        _REPLACE_NAMES[cls] = names
    if names is None:
        return _dc_replace(obj, **changes)  # type: ignore[type-var]
    for name in names:
        if name not in changes:
            changes[name] = getattr(obj, name)
    return cls(**changes)  # type: ignore[call-arg]


@fast_init
@dataclass(frozen=True, slots=True)
class Actor:
    """Someone who acts, is acted upon, or speaks."""

    text: str
    """the words as written ("Iranian Foreign Minister Hossein Amirabdollahian")"""
    name: str | None = None
    """canonical name ("Hossein Amirabdollahian", "Iran", "Hamas")"""
    country: str | None = None
    """ISO 3166-1 alpha-3, or "IGO" style codes for international organisations"""
    sector: str | None = None
    """PLOVER/CAMEO agent code: GOV, MIL, POL, JUD, LEG, REB, INS, OPP, PTY, CVL, MED, ..."""
    kind: str | None = None
    """person, organization, country or group"""
    wikidata: str | None = None
    """Wikidata QID when known"""


@fast_init
@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place."""

    text: str
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None
    """point, city, admin1 or country"""


@fast_init
@dataclass(frozen=True, slots=True)
class Count:
    """A number of people, with the words that qualify it."""

    value: int
    qualifier: str = "exact"
    """exact, at_least, more_than, about or up_to"""
    text: str = ""


@fast_init
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the document an event was read."""

    sentence: str
    sentence_index: int
    start: int
    end: int
    trigger: str


@fast_init
@dataclass(frozen=True, slots=True)
class EventRecord:
    """One event as one document tells it."""

    event_id: str
    doc_id: str
    event_type: str | None
    mode: str | None
    context: tuple[str, ...]
    cameo_code: str
    cameo_root: str
    quad_class: int
    goldstein: float
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor: Actor | None
    recipient: Actor | None
    acled_inter1: int | None
    acled_inter2: int | None
    date: str | None
    date_precision: str
    date_text: str | None
    location: Place | None
    fatalities: Count | None
    injured: Count | None
    arrested: Count | None
    abducted: Count | None
    size: Count | None
    polarity: str
    modality: str
    source: str | None
    speaker: Actor | None
    evidence: Evidence
    confidence: float
    schema_version: str = SCHEMA_VERSION
    doc_date: str | None = None
    """publication date of the document (added field)"""
    cameo_name: str | None = None
    """human name of the CAMEO code (added field)"""
    merged_id: str | None = None
    """the merged event this report of it belongs to, once ``khaldun merge`` has run (added field;
    see ``docs/merging.md``)"""
    incident_class: str | None = None
    """what non-political incident the violence or the arrest belongs to, when it is one (added
    field; see ``docs/coding.md``): "natural_disaster" (an earthquake, a flood, a storm, an
    epidemic), "man_made_disaster" (an industrial, transport or other technological accident),
    "organized_crime" (gangs, cartels, smuggling, drug trafficking, fraud rings). None for
    political events. Disaster records have no ACLED type: they are outside ACLED's scope"""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready values (what ``dataclasses.asdict`` gives, with ``context`` a list).

        Written out field by field: ``asdict`` deep-copies every value and was a
        noticeable share of coding time when every record is serialised.
        """
        out: dict[str, Any] = {}
        plain, parts = _PLAIN, _PART_GETTERS
        # every field in one call of a precompiled getter (the nested records' too)
        for name, value in zip(_EVENT_FIELDS, _EVENT_GETTER(self)):
            nested = parts.get(type(value))
            if nested is not None:
                names, get = nested
                values = get(value)
                if not all(type(v) in plain for v in values):
                    return _slow_dict(self)
                value = dict(zip(names, values))
            elif type(value) not in plain and name != "context":
                return _slow_dict(self)
            out[name] = value
        out["context"] = list(self.context)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EventRecord:
        """The record ``to_dict()`` gave: ``EventRecord.from_dict(rec.to_dict()) == rec``.

        Keys this version does not know (fields a later version added) are
        ignored; a missing required field is a ``TypeError``.
        """
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        for role in ("actor", "recipient", "speaker"):
            kw[role] = _nested(Actor, kw.get(role))
        kw["location"] = _nested(Place, kw.get("location"))
        for name in ("fatalities", "injured", "arrested", "abducted", "size"):
            kw[name] = _nested(Count, kw.get(name))
        kw["evidence"] = _nested(Evidence, kw.get("evidence"))
        kw["context"] = tuple(kw.get("context") or ())
        return cls(**kw)


_EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(EventRecord))
#: the nested record types and their fields, in declaration order
_PARTS: dict[type, tuple[str, ...]] = {c: tuple(f.name for f in fields(c)) for c in (Actor, Place, Count, Evidence)}
_EVENT_GETTER = attrgetter(*_EVENT_FIELDS)
#: for each nested record type: its field names and a getter of all of them as a tuple
_PART_GETTERS: dict[type, tuple[tuple[str, ...], Any]] = {
    c: (names, attrgetter(*names) if len(names) > 1 else (lambda v, _n=names[0]: (getattr(v, _n),)))
    for c, names in _PARTS.items()
}
#: immutable scalar types, copied as they are (``asdict`` would deep-copy them to themselves)
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _slow_dict(record: EventRecord) -> dict[str, Any]:
    """``to_dict`` for a record holding values other than scalars and the nested types (never built by the coder)."""
    out = asdict(record)
    out["context"] = list(record.context)
    return out


def _nested(cls: type[_T], value: Any) -> _T | None:
    if value is None or isinstance(value, cls):
        return value
    known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in value.items() if k in known})


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One event as every report of it tells it: the mentions merged, and the reconciled record.

    ``record`` is the representative mention (the most specific and confident
    one) with ``merged_id`` set and its counts replaced by the reconciled ones:
    the latest report's figure (by publication date) with its qualifier, while
    ``count_ranges`` keeps the range over all reports.
    """

    merged_id: str
    record: EventRecord
    """the representative mention, with reconciled counts and ``merged_id`` set"""
    num_mentions: int
    """event records (mentions) merged into this event"""
    num_sources: int
    """distinct outlets reporting it: the document's source, else the URL's host, else the doc_id"""
    sources: tuple[str, ...]
    """those outlets, sorted"""
    first_seen: str | None
    """publication date of the earliest report, YYYY-MM-DD"""
    last_seen: str | None
    """publication date of the latest report, YYYY-MM-DD"""
    mention_ids: tuple[str, ...]
    """event ids of the mentions, in canonical order (publication date, event id)"""
    count_ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    """lowest and highest figure reported, per count field ({"fatalities": (6, 11)})"""
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """why each mention joined (event id -> criteria matched); the founding mention has ("first report",)"""

    def to_dict(self) -> dict[str, Any]:
        return {
            "merged_id": self.merged_id,
            "record": self.record.to_dict(),
            "num_mentions": self.num_mentions,
            "num_sources": self.num_sources,
            "sources": list(self.sources),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "mention_ids": list(self.mention_ids),
            "count_ranges": {k: [lo, hi] for k, (lo, hi) in self.count_ranges.items()},
            "reasons": {k: list(v) for k, v in self.reasons.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MergedEvent:
        """The merged event ``to_dict()`` gave (unknown keys ignored)."""
        return cls(
            merged_id=data["merged_id"],
            record=EventRecord.from_dict(data["record"]),
            num_mentions=int(data["num_mentions"]),
            num_sources=int(data["num_sources"]),
            sources=tuple(data.get("sources") or ()),
            first_seen=data.get("first_seen"),
            last_seen=data.get("last_seen"),
            mention_ids=tuple(data.get("mention_ids") or ()),
            count_ranges={k: (int(v[0]), int(v[1])) for k, v in (data.get("count_ranges") or {}).items()},
            reasons={k: tuple(v) for k, v in (data.get("reasons") or {}).items()},
        )


@dataclass(frozen=True, slots=True)
class Document:
    """One input document after ingestion: text plus metadata."""

    doc_id: str
    text: str
    """the event text, with any ``date`` prefix and dateline removed"""
    doc_date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    dateline: str | None = None
    """the agency dateline ("Beirut [Qatar], October 15"): where the story was filed"""
    origin: str | None = None
    """where it came from: a path, "path:line", or "<stdin>" """
    content_hash: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become a document, with the reason why."""

    origin: str
    reason: str
    """empty, binary, undecodable, too_large, malformed_json, no_text, malformed_csv, unreadable"""
    code: str
    message: str
    doc_id: str | None = None
    detail: str | None = None
    """the traceback of a coding failure, for the log (``--verbose``); not stored"""


def content_hash(text: str) -> str:
    """Stable short hash of a document's text (the default ``doc_id``)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_event_id(doc_id: str, sentence_index: int, trigger_start: int, *parts: str) -> str:
    """Stable event id: same document, same reading, same id on every machine."""
    key = "\x1f".join([doc_id, str(sentence_index), str(trigger_start), *parts])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
