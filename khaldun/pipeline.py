"""The pipeline: documents in, event records out.

Stages, in order, each a module of its own: ``ingest`` (read and validate),
``nlp`` (spaCy parse), ``coding`` (event triggers, types, modality), ``actors``,
``dates``, ``places`` and ``counts`` (filled in by the coder for each event),
then ``store``. :class:`Pipeline` connects them; the CLI, the API and the
runners call it, never the stages directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from khaldun.config import Settings
from khaldun.errors import DuplicateDocument
from khaldun.records import Document, EventRecord, Rejection


@dataclass
class RunSummary:
    """What one run did, for the end-of-run summary and the API."""

    documents: int = 0
    rejected: int = 0
    events: int = 0
    seconds: float = 0.0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    """documents seen twice in the run (same id and text), coded once"""

    def add_rejection(self, rej: Rejection) -> None:
        self.rejected += 1
        self.rejected_by_reason[rej.reason] = self.rejected_by_reason.get(rej.reason, 0) + 1


class Pipeline:
    """Codes documents with one loaded model, lexicon, knowledge base and gazetteer."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def warm_up(self) -> None:
        """Load the model and every data file now rather than on the first document."""
        from khaldun.coding import EventCoder
        from khaldun.nlp import load_model
        from khaldun.places import PlaceResolver

        load_model(self.settings.model)
        EventCoder.default()
        PlaceResolver.default().warm_up()

    def code_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[EventRecord]]]:
        """Each document with its events, in input order (streamed in batches)."""
        it = iter(docs)
        chunk = max(1, self.settings.batch_size) * 4
        batch = list(islice(it, chunk))
        if not batch:
            return  # nothing readable: no need to spend seconds importing and loading the model
        from khaldun.coding import EventCoder
        from khaldun.nlp import load_model

        nlp = load_model(self.settings.model)
        coder = EventCoder.default()
        while batch:
            parsed = nlp.pipe((d.text for d in batch), batch_size=self.settings.batch_size)
            for doc, spacy_doc in zip(batch, parsed):
                events = coder.code(doc, spacy_doc)
                yield doc, [e for e in events if e.confidence >= self.settings.min_confidence]
            batch = list(islice(it, chunk))

    def run(
        self,
        items: Iterable[Document | Rejection],
        *,
        on_document: Callable[[Document, list[EventRecord]], None] | None = None,
        on_rejection: Callable[[Rejection], None] | None = None,
        code: Callable[[Iterable[Document]], Iterable[tuple[Document, list[EventRecord]]]] | None = None,
    ) -> RunSummary:
        """Code a mixed stream of documents and rejections, calling back for each.

        ``code`` turns documents into ``(document, events)`` pairs in input
        order; :meth:`code_documents` (this process) unless a runner passes
        its own (:class:`khaldun.runners.pool.PoolCoder`).
        """
        import time

        summary = RunSummary()
        start = time.perf_counter()
        seen: dict[str, str] = {}

        def documents() -> Iterator[Document]:
            for item in items:
                if isinstance(item, Document) and item.doc_id in seen:
                    if seen[item.doc_id] == item.content_hash:
                        summary.duplicates += 1  # the same article twice is coded once
                        continue
                    err = DuplicateDocument(
                        f"{item.origin}: id {item.doc_id!r} was already used for a different text in this run"
                    )
                    item = Rejection(origin=item.origin or "", reason=err.reason, code=err.code, message=str(err), doc_id=item.doc_id)
                if isinstance(item, Rejection):
                    summary.add_rejection(item)
                    if on_rejection:
                        on_rejection(item)
                    continue
                seen[item.doc_id] = item.content_hash
                yield item

        for doc, events in (code or self.code_documents)(documents()):
            summary.documents += 1
            summary.events += len(events)
            if on_document:
                on_document(doc, events)
        summary.seconds = time.perf_counter() - start
        return summary


def extract(
    paths: Iterable[str],
    settings: Settings | None = None,
) -> tuple[list[tuple[Document, list[EventRecord]]], list[Rejection], RunSummary]:
    """Read ``paths`` and code every document: the one-call library entry point."""
    from khaldun.ingest import read_inputs

    s = settings or Settings()
    results: list[tuple[Document, list[EventRecord]]] = []
    rejections: list[Rejection] = []
    summary = Pipeline(s).run(
        read_inputs(paths, max_chars=s.max_doc_chars, text_column=s.csv_text_column),
        on_document=lambda d, e: results.append((d, e)),
        on_rejection=rejections.append,
    )
    return results, rejections, summary
