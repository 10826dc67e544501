"""Hand-made records and documents for the store tests (and their child processes).

Imported by the tests (``from ._factory import ...``) and by ``_child.py``,
which runs as a separate process, so it imports nothing from the tests.
"""

from __future__ import annotations

from khaldun.records import Actor, Count, Document, EventRecord, Evidence, Place, Rejection, content_hash


def record(
    event_id: str,
    doc_id: str,
    *,
    event_type: str | None = "ASSAULT",
    code: str = "190",
    actor: Actor | None = None,
    recipient: Actor | None = None,
    location: Place | None = None,
    date: str | None = "2024-03-08",
    sentence_index: int = 0,
    sentence: str = "Troops attacked.",
) -> EventRecord:
    return EventRecord(
        event_id=event_id, doc_id=doc_id, event_type=event_type, mode=None, context=(),
        cameo_code=code, cameo_root=code[:2], quad_class=4 if code >= "14" else 1, goldstein=-10.0,
        acled_event_type=None, acled_sub_event_type=None, actor=actor, recipient=recipient,
        acled_inter1=None, acled_inter2=None, date=date, date_precision="day" if date else "unknown",
        date_text=None, location=location, fatalities=Count(3, "at_least", "at least three"), injured=None,
        arrested=None, abducted=None, size=None, polarity="affirmed", modality="asserted", source=None,
        speaker=None, evidence=Evidence(sentence, sentence_index, 0, 16, "attacked"), confidence=0.7,
        doc_date="2024-03-09", cameo_name="Use conventional military force",
    )


ISRAEL = Actor(text="Israeli troops", name="Israeli troops", country="ISR", sector="MIL", kind="group")
HAMAS = Actor(text="Hamas", name="Hamas", country="PSE", sector="REB", kind="organization")
IRAN = Actor(text="Iran", name="Iran", country="IRN", kind="country")
KENYA_POLICE = Actor(text="police", name="Kenya Police", country="KEN", sector="COP", kind="organization")
GAZA = Place(text="Gaza", name="Gaza", country="PSE", lat=31.5, lon=34.47, geonameid=281133, precision="city")
BEIRUT = Place(text="Beirut", name="Beirut", country="LBN", precision="city")

DOC_A = Document(doc_id="a", text="Troops attacked.", doc_date="2024-03-09", origin="a.txt", content_hash="ha")
DOC_B = Document(doc_id="b", text="Iran met Hamas.", doc_date="2024-01-02", origin="b.txt", content_hash="hb")
EVENTS_A = [
    record("e1", "a", actor=ISRAEL, recipient=HAMAS, location=GAZA, date="2024-03-08"),
    record("e2", "a", event_type="PROTEST", code="141", actor=None, location=BEIRUT, date=None, sentence_index=1),
    record("e3", "a", event_type="COERCE", code="173", actor=KENYA_POLICE, date="2024-03-07", sentence_index=2),
]
EVENTS_B = [record("e4", "b", event_type="CONSULT", code="042", actor=IRAN, recipient=HAMAS, date="2024-01-01")]

# every nested field filled in: speaker, context, counts with qualifiers, a full place
FULL = EventRecord(
    event_id="f1", doc_id="f", event_type="COERCE", mode="arrest", context=("political", "protest"),
    cameo_code="173", cameo_root="17", quad_class=4, goldstein=-5.0,
    acled_event_type="Strategic developments", acled_sub_event_type="Arrests", actor=KENYA_POLICE,
    recipient=Actor(text="14 people", kind="group"), acled_inter1=1, acled_inter2=7,
    date="2024-03-08", date_precision="day", date_text="Friday",
    location=Place(text="Mombasa", name="Mombasa", country="KEN", admin1="Mombasa", lat=-4.05, lon=39.66,
                   geonameid=186301, precision="city"),
    fatalities=None, injured=Count(2, "more_than", "more than two"), arrested=Count(14, "exact", "14"),
    abducted=None, size=Count(300, "about", "About 300"), polarity="affirmed", modality="reported",
    source="Khaldun Wire", speaker=Actor(text="a police spokesman", sector="COP"),
    evidence=Evidence('Police arrested 14 people, "a spokesman" said,\nin Mombasa.', 1, 120, 180, "arrested"),
    confidence=0.8, doc_date="2024-03-09", cameo_name="Arrest, detain",
)
DOC_F = Document(doc_id="f", text=FULL.evidence.sentence, doc_date="2024-03-09", origin="f.txt",
                 content_hash=content_hash(FULL.evidence.sentence), extra={"lang": "en"})

REJ_EMPTY = Rejection(origin="x.txt", reason="empty", code="K101", message="[K101] x.txt: no text")


def batch(prefix: str, n_docs: int, n_events: int, *, words: int = 20) -> list[tuple[Document, list[EventRecord]]]:
    """``n_docs`` documents ``{prefix}-{i}`` with ``n_events`` events each (for the concurrency tests)."""
    out = []
    for i in range(n_docs):
        doc_id = f"{prefix}-{i}"
        text = f"{doc_id}: " + "Troops attacked the village. " * words
        doc = Document(doc_id=doc_id, text=text, origin=f"{doc_id}.txt", content_hash=content_hash(text))
        out.append((doc, [record(f"{doc_id}-{j}", doc_id, sentence_index=j, sentence=text[:200]) for j in range(n_events)]))
    return out
