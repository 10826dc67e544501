"""Hand-made mentions for the merge tests."""

from __future__ import annotations

from dataclasses import replace

from khaldun.records import Actor, Count, EventRecord, Evidence, Place

BOKO = Actor(text="Boko Haram", name="Boko Haram", country="NGA", sector="REB", kind="organization")
ISWAP = Actor(text="ISWAP", name="Islamic State West Africa Province", country="NGA", sector="REB", kind="organization")
GUNMEN = Actor(text="gunmen", name="gunmen", country="NGA", sector="UAF", kind="group")
ARMY = Actor(text="Nigerian army", name="Nigerian army", country="NGA", sector="MIL", kind="group")
SOLDIERS = Actor(text="soldiers", name="soldiers", country="NGA", sector="MIL", kind="group")
KENYA = Actor(text="Kenya", name="Kenya", country="KEN", sector="GOV", kind="country")
ETHIOPIA = Actor(text="Ethiopia", name="Ethiopia", country="ETH", sector="GOV", kind="country")
MAIDUGURI = Place(text="Maiduguri", name="Maiduguri", country="NGA", admin1="Borno", lat=11.85, lon=13.16,
                  geonameid=2331447, precision="city")
BORNO = Place(text="Borno State", name="Borno", country="NGA", admin1="Borno", lat=11.6, lon=13.0, precision="admin1")
KANO = Place(text="Kano", name="Kano", country="NGA", admin1="Kano", lat=12.0, lon=8.5, geonameid=2335204, precision="city")


def rec(event_id: str, doc_id: str | None = None, *, code: str = "190", event_type: str | None = "ASSAULT",
        actor: Actor | None = BOKO, recipient: Actor | None = SOLDIERS, date: str | None = "2024-03-04",
        precision: str = "day", place: Place | None = MAIDUGURI, killed: int | None = 6, qualifier: str = "exact",
        doc_date: str = "2024-03-05", confidence: float = 0.7) -> EventRecord:
    return EventRecord(
        event_id=event_id, doc_id=doc_id or f"doc-{event_id}", event_type=event_type, mode=None, context=(),
        cameo_code=code, cameo_root=code[:2], quad_class=4, goldstein=-10.0, acled_event_type=None,
        acled_sub_event_type=None, actor=actor, recipient=recipient, acled_inter1=None, acled_inter2=None,
        date=date, date_precision=precision if date else "unknown", date_text=None, location=place,
        fatalities=Count(killed, qualifier) if killed is not None else None, injured=None, arrested=None,
        abducted=None, size=None, polarity="affirmed", modality="asserted", source=None, speaker=None,
        evidence=Evidence(f"Sentence of {event_id}.", 0, 0, 10, "attacked"), confidence=confidence, doc_date=doc_date,
    )


__all__ = ["ARMY", "BOKO", "BORNO", "ETHIOPIA", "GUNMEN", "ISWAP", "KANO", "KENYA", "MAIDUGURI", "SOLDIERS", "rec", "replace"]
