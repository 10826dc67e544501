"""Hand-made event records for the evaluation tests."""

from __future__ import annotations

from khaldun.records import Actor, Count, EventRecord, Evidence, Place


def event(
    code: str = "042",
    event_type: str | None = "CONSULT",
    quad: int = 1,
    actor: str | None = None,
    recipient: str | None = None,
    *,
    sector: str | None = None,
    confidence: float = 0.8,
    polarity: str = "affirmed",
    modality: str = "asserted",
    start: int = 0,
    place: Place | None = None,
    deaths: int | None = None,
) -> EventRecord:
    return EventRecord(
        event_id=f"e{code}{start}", doc_id="d", event_type=event_type, mode=None, context=(),
        cameo_code=code, cameo_root=code[:2], quad_class=quad, goldstein=0.0,
        acled_event_type=None, acled_sub_event_type=None,
        actor=Actor(text=actor or "someone", country=actor, sector=sector) if actor or sector else None,
        recipient=Actor(text=recipient, country=recipient) if recipient else None,
        acled_inter1=None, acled_inter2=None, date=None, date_precision="unknown", date_text=None,
        location=place, fatalities=Count(deaths) if deaths is not None else None,
        injured=None, arrested=None, abducted=None, size=None,
        polarity=polarity, modality=modality, source=None, speaker=None,
        evidence=Evidence(sentence="s", sentence_index=0, start=start, end=start + 1, trigger="t"),
        confidence=confidence,
    )
