"""The single writer: parses posted articles, codes them and stores them, one request at a time.

Each request goes through :func:`khaldun.pipeline.run_into` (the library's
extract-to-store loop) in one writer thread (so the event loop keeps answering
reads) under one lock (so writes to the database never interleave). The
documents are parsed and coded in the server's coding process
(:class:`~khaldun.service.coder.CodingProcess`), where ``doc_timeout`` is
enforced; the events come back and this process stores them. The model and
data files are loaded once, at start-up, by :meth:`Writer.warm_up`.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from typing import Any

from khaldun.config import Settings
from khaldun.errors import InputError
from khaldun.ingest.readers import document_from_mapping
from khaldun.pipeline import run_into
from khaldun.records import Document, EventRecord, Rejection
from khaldun.service.coder import GRACE_S, CodingProcess
from khaldun.service.errors import BadRequest, PayloadTooLarge
from khaldun.store import EventQuery, Store

META_KEYS = ("id", "date", "doc_date", "published", "publish_date", "title", "url", "source")


def documents_from_json(body: Any, settings: Settings, max_batch: int) -> list[Document | Rejection]:
    """Documents (or rejections with their reasons) from a posted JSON body.

    The body is one article (``{"text": ..., "id"?, "date"?, "title"?, "url"?, "source"?}``),
    a list of them, or ``{"documents": [...]}``.
    """
    if isinstance(body, dict) and "documents" in body and "text" not in body:
        body = body["documents"]
    items = body if isinstance(body, list) else [body]
    if not items:
        raise BadRequest("no documents in the request")
    if len(items) > max_batch:
        raise PayloadTooLarge(f"{len(items)} documents in one request; the limit is {max_batch} (send several requests)")
    out: list[Document | Rejection] = []
    for i, obj in enumerate(items):
        origin = f"request[{i}]"
        try:
            if isinstance(obj, dict):
                obj = {k: v if v is None or isinstance(v, str) or k == "text" else str(v) for k, v in obj.items()}
            out.append(document_from_mapping(obj, origin, settings.max_doc_chars, languages=settings.languages))
        except InputError as err:
            doc_id = obj.get("id") if isinstance(obj, dict) and isinstance(obj.get("id"), str) else None
            out.append(Rejection(origin=origin, reason=err.reason, code=err.code, message=str(err), doc_id=doc_id))
    return out


def document_from_text(text: str, meta: dict[str, str | None], settings: Settings) -> Document | Rejection:
    """A document (or its rejection) from a ``text/plain`` body and its query-string metadata."""
    return documents_from_json({"text": text, **{k: v for k, v in meta.items() if v is not None}}, settings, 1)[0]


class Writer:
    """Codes and stores documents for the server, one batch at a time."""

    def __init__(self, store: Store, settings: Settings, *, grace_s: float = GRACE_S) -> None:
        self.settings = settings.replace(workers=1)
        self.store = store
        self.coder = CodingProcess(self.settings, grace_s=grace_s)
        self.lock = threading.Lock()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="khaldun-writer")
        self.ready = False

    def warm_up(self) -> None:
        """Start the coding process and wait until it has loaded the model."""
        self.coder.start()
        self.ready = True

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        self.coder.close()

    def write(self, items: list[Document | Rejection]) -> dict[str, Any]:
        """Code and store ``items``; each document's events (or its rejection) in input order."""
        coded: dict[str, list[EventRecord]] = {}
        rejections: list[Rejection] = []
        with self.lock:
            summary = run_into(
                self.store, items, self.settings,
                on_events=lambda doc, events: coded.__setitem__(doc.doc_id, events),
                on_rejection=rejections.append,
                code=self.coder.outcomes,
            )
            self.ready = True
            # a document stored before with the same text is not coded again: answer with its stored events
            known = [d.doc_id for d in items if isinstance(d, Document) and d.doc_id not in coded]
            stored = {d: self.store.events(EventQuery(doc_id=d)) for d in dict.fromkeys(known)}
        rejected_ids = {r.doc_id for r in rejections if r.doc_id}
        documents = []
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, Document) or item.doc_id in seen:
                continue
            seen.add(item.doc_id)
            if item.doc_id in coded:
                status, events = "coded", coded[item.doc_id]
            elif item.doc_id in stored and item.doc_id not in rejected_ids:
                status, events = "already_stored", stored[item.doc_id]
            else:
                continue
            documents.append({
                "doc_id": item.doc_id, "status": status, "title": item.title, "doc_date": item.doc_date,
                "events": [e.to_dict() for e in events],
            })
        return {
            "documents": documents,
            "rejections": [{k: v for k, v in asdict(r).items() if k != "detail"} for r in rejections],
            "summary": {
                "documents": summary.documents, "events": summary.events, "skipped": summary.skipped,
                "rejected": len(rejections), "seconds": round(summary.seconds, 3),
            },
        }

    async def submit(self, items: list[Document | Rejection]) -> dict[str, Any]:
        """:meth:`write` in the writer thread, awaited without blocking the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.write, items)
