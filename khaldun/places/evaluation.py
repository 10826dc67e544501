"""Scoring dates and places on the incident fixtures (``tests/fixtures/incidents.jsonl``).

Each fixture is a short report with the gold date, place, country and coordinates
of its main event, named by its trigger word. Two modes:

- ``resolvers``: the report is parsed, the gold trigger's first occurrence is
  found, and :func:`khaldun.dates.resolve_event_date` and
  :meth:`DocumentPlaces.event_location` run on its sentence. This measures the
  date and place rules alone and is what the quality floor pins.
- ``pipeline``: the report goes through :class:`khaldun.pipeline.Pipeline`; the
  event whose ``evidence.trigger`` contains the gold trigger is scored, else the
  most confident event; a report with no event at all is scored with the
  resolvers on the trigger's sentence (counted in ``fallbacks``).

Metrics: date accuracy (exact ``YYYY-MM-DD``, null equal to null), precision
accuracy, country accuracy (ISO3), place-name accuracy (the predicted name equals
the gold name, or both are spellings of one gazetteer place), and the median
great-circle distance in km over reports where both sides have coordinates.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from khaldun.dates import resolve_event_date
from khaldun.ingest.text import split_date_prefix, split_dateline
from khaldun.places.gazetteer import normalise
from khaldun.places.resolver import PlaceResolver
from khaldun.records import Place

DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "incidents.jsonl"


@dataclass
class IncidentResult:
    """What was predicted for one report, beside its gold."""

    id: str
    gold: dict[str, Any]
    date: str | None
    precision: str
    date_text: str | None
    place: Place | None
    source: str
    """resolvers, pipeline or fallback"""
    date_ok: bool = False
    precision_ok: bool = False
    country_ok: bool = False
    name_ok: bool = False
    km: float | None = None


@dataclass
class IncidentReport:
    """Scores over all fixtures."""

    results: list[IncidentResult] = field(default_factory=list)
    mode: str = "resolvers"

    def _share(self, attr: str) -> float:
        return sum(getattr(r, attr) for r in self.results) / max(1, len(self.results))

    @property
    def date_accuracy(self) -> float:
        return self._share("date_ok")

    @property
    def precision_accuracy(self) -> float:
        return self._share("precision_ok")

    @property
    def country_accuracy(self) -> float:
        return self._share("country_ok")

    @property
    def place_accuracy(self) -> float:
        return self._share("name_ok")

    @property
    def median_km(self) -> float | None:
        kms = [r.km for r in self.results if r.km is not None]
        return round(median(kms), 2) if kms else None

    @property
    def fallbacks(self) -> int:
        return sum(r.source == "fallback" for r in self.results)

    def summary(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "reports": len(self.results),
            "date_accuracy": round(self.date_accuracy, 4),
            "precision_accuracy": round(self.precision_accuracy, 4),
            "country_accuracy": round(self.country_accuracy, 4),
            "place_accuracy": round(self.place_accuracy, 4),
            "median_km": self.median_km,
            "geocoded": sum(r.km is not None for r in self.results),
            "fallbacks": self.fallbacks,
        }

    def failures(self) -> list[IncidentResult]:
        return [r for r in self.results
                if not (r.date_ok and r.country_ok and r.name_ok)]


def load_incidents(path: Path = DEFAULT_FIXTURES) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _split(item: dict[str, Any]) -> tuple[str | None, str | None, str]:
    prefix_date, rest = split_date_prefix(item["text"])
    dateline, body = split_dateline(rest)
    return item.get("doc_date") or prefix_date, dateline, body


def _trigger_token(doc: Any, trigger: str) -> Any | None:
    words = trigger.split()
    for tok in doc:
        if tok.text == words[0] and doc[tok.i:tok.i + len(words)].text == trigger:
            return tok
    for tok in doc:
        if tok.lower_ == words[0].lower():
            return tok
    return None


def _score(result: IncidentResult, resolver: PlaceResolver) -> IncidentResult:
    gold = result.gold
    result.date_ok = result.date == gold.get("event_date")
    result.precision_ok = result.precision == gold.get("date_precision")
    p = result.place
    result.country_ok = (p.country if p else None) == gold.get("country")
    if p is not None and p.name and gold.get("place"):
        same = normalise(p.name) == normalise(gold["place"])
        if not same:
            same = any(normalise(e.name) == normalise(p.name) and e.country == p.country
                       for e in resolver.gazetteer.lookup(gold["place"]))
        result.name_ok = same
    else:
        result.name_ok = p is None and not gold.get("place")
    if p is not None and p.lat is not None and gold.get("lat") is not None:
        result.km = round(haversine_km(p.lat, p.lon or 0.0, gold["lat"], gold["lon"]), 2)
    return result


def _by_resolvers(item: dict[str, Any], nlp: Any, resolver: PlaceResolver,
                  source: str = "resolvers") -> IncidentResult:
    doc_date, dateline, body = _split(item)
    doc = nlp(body)
    gold = item["gold"]
    tok = _trigger_token(doc, gold["trigger"])
    sent = tok.sent if tok is not None else next(iter(doc.sents))
    places = resolver.for_document(doc, dateline=dateline)
    res = resolve_event_date(sent, tok, doc_date)
    place = places.event_location(sent, tok)
    return IncidentResult(item["id"], gold, res.date, res.precision, res.text, place, source)


def _by_pipeline(items: list[dict[str, Any]], nlp: Any, resolver: PlaceResolver) -> list[IncidentResult]:
    from khaldun.ingest import make_document  # type: ignore[attr-defined]
    from khaldun.pipeline import Pipeline

    docs = []
    for item in items:
        text = item["text"]
        if item.get("doc_date") and not text.lstrip().lower().startswith("date "):
            text = f"date {item['doc_date']} {text}"
        docs.append(make_document(text, origin=item["id"], max_chars=100_000))
    out = []
    for item, (_doc, result) in zip(items, Pipeline().outcomes(docs)):
        events = result if isinstance(result, list) else []  # a failed document predicts nothing
        trig = item["gold"]["trigger"].lower()
        chosen = [e for e in events if trig in e.evidence.trigger.lower()]
        pick = max(chosen or events, key=lambda e: e.confidence) if (chosen or events) else None
        if pick is None:
            out.append(_by_resolvers(item, nlp, resolver, "fallback"))
            continue
        out.append(IncidentResult(item["id"], item["gold"], pick.date, pick.date_precision,
                                  pick.date_text, pick.location, "pipeline"))
    return out


def evaluate_incidents(path: Path = DEFAULT_FIXTURES, *, mode: str = "resolvers",
                       nlp: Any = None) -> IncidentReport:
    """Score the date and place of every fixture; ``mode`` is resolvers, pipeline or auto."""
    from khaldun.nlp import load_model

    items = load_incidents(path)
    nlp = nlp or load_model()
    resolver = PlaceResolver.default()
    if mode == "auto":
        mode = "pipeline" if _pipeline_available() else "resolvers"
    if mode == "pipeline":
        results = _by_pipeline(items, nlp, resolver)
    elif mode == "resolvers":
        results = [_by_resolvers(item, nlp, resolver) for item in items]
    else:
        raise ValueError(f"unknown mode {mode!r}: resolvers, pipeline or auto")
    return IncidentReport([_score(r, resolver) for r in results], mode)


def _pipeline_available() -> bool:
    try:
        from khaldun.ingest import make_document  # type: ignore[attr-defined]  # noqa: F401
        from khaldun.pipeline import Pipeline  # noqa: F401
    except ImportError:
        return False
    return True
