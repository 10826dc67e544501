"""Web formats: HTML pages (trafilatura), RSS/Atom feeds (feedparser), WARC archives (warcio).

Each reader takes one input as a :class:`~khaldun.ingest.sources.Source` and
yields documents or rejections, like the readers in :mod:`khaldun.ingest.readers`.
A page or feed is read no further than a bound derived from ``max_chars``;
a WARC archive is streamed record by record.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from khaldun.errors import DocumentTooLarge, EmptyDocument, InputError, UnreadableFile
from khaldun.ingest.sources import HEAD_BYTES, ReadOptions, Source, read_bounded
from khaldun.records import Document, Rejection

Item = Document | Rejection


def _reject(origin: str, err: InputError) -> Rejection:
    return Rejection(origin=origin, reason=err.reason, code=err.code, message=str(err))


def html_document(
    html: str | bytes, origin: str, max_chars: int, url: str | None = None, languages: tuple[str, ...] | None = None
) -> Document:
    """Main text, title and date of an HTML page."""
    import trafilatura

    from khaldun.ingest.readers import make_document

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_precision=True)
    if extracted is None:
        raise EmptyDocument(f"{origin}: no article text found in the HTML page")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text")
    if not text or not text.strip():
        raise EmptyDocument(f"{origin}: no article text found in the HTML page")
    return make_document(
        text,
        origin,
        max_chars,
        doc_date=data.get("date"),
        title=data.get("title"),
        url=url or data.get("url"),
        source=data.get("sitename") or data.get("hostname"),
        languages=languages,
    )


def _page_bytes(source: io.RawIOBase | Source, origin: str, opts: ReadOptions) -> bytes:
    data = read_bounded(source, opts.html_bytes)  # type: ignore[arg-type]
    if data is None:
        raise DocumentTooLarge(
            f"{origin}: HTML page over {opts.html_bytes:,} bytes, more than a page with the limit of "
            f"{opts.max_chars:,} characters of text is taken to hold (raise it with --max-doc-chars)"
        )
    return data


def iter_html(source: Source, origin: str, opts: ReadOptions) -> Iterator[Item]:
    from khaldun.ingest.readers import decode_bytes

    try:
        html = decode_bytes(_page_bytes(source, origin, opts), origin)
        yield html_document(html, origin, opts.max_chars, languages=opts.languages)
    except InputError as err:
        yield _reject(origin, err)


def iter_feed(source: Source, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """Entries of an RSS or Atom feed; the entry summary/content is the text."""
    import feedparser

    from khaldun.ingest.readers import make_document
    from khaldun.ingest.text import normalise_date

    try:
        data = read_bounded(source, opts.collection_bytes)
        if data is None:
            raise DocumentTooLarge(f"{origin}: a feed over {opts.collection_bytes:,} bytes; split it")
    except InputError as err:
        yield _reject(origin, err)
        return
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield _reject(origin, UnreadableFile(f"{origin}: not a readable feed ({parsed.get('bozo_exception')})"))
        return
    if not parsed.entries:
        # well-formed XML that is not a feed, or a feed with no items: say so
        # rather than yield nothing
        yield _reject(origin, EmptyDocument(f"{origin}: no RSS or Atom entries"))
        return
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{i}"
        body = ""
        if entry.get("content"):
            body = " ".join(c.get("value", "") for c in entry["content"])
        body = body or entry.get("summary", "")
        try:
            if "<" in body and ">" in body:
                doc = html_document(f"<html><body><article>{body}</article></body></html>", where, opts.max_chars, entry.get("link"))
                body = doc.text
            published = entry.get("published") or entry.get("updated")
            yield make_document(
                body,
                where,
                opts.max_chars,
                doc_id=entry.get("id"),
                doc_date=normalise_date(published),
                title=entry.get("title"),
                url=entry.get("link"),
                source=parsed.feed.get("title"),
                languages=opts.languages,
            )
        except InputError as err:
            yield _reject(where, err)


def iter_warc(source: Source, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """HTML responses in a WARC archive (Common Crawl news), one document each, streamed."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from khaldun.ingest.readers import decode_bytes
    from khaldun.ingest.text import normalise_date

    try:
        head = source.head(HEAD_BYTES)
    except InputError as err:
        yield _reject(origin, err)
        return
    if not head.lstrip().startswith((b"WARC/", b"\x1f\x8b")):
        # warcio reads any other bytes as a run of broken ARC records, each a
        # nameless "empty" document; one clear rejection says more
        yield _reject(origin, UnreadableFile(f"{origin}: not a WARC archive (no WARC/ header)"))
        return
    found = 0
    try:
        for record in ArchiveIterator(io.BufferedReader(source)):
            if record.rec_type != "response":
                continue
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            if ctype and "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{url}"
            found += 1
            try:
                # the rest of an oversized record is skipped by the iterator, not kept
                doc = html_document(decode_bytes(_page_bytes(record.content_stream(), where, opts), where),
                                    where, opts.max_chars, url, languages=opts.languages)
                warc_date = record.rec_headers.get_header("WARC-Date")
                if doc.doc_date is None and warc_date:
                    from dataclasses import replace

                    doc = replace(doc, doc_date=normalise_date(warc_date))
                yield doc
            except InputError as err:
                yield _reject(where, err)
    except ArchiveLoadFailed as exc:
        yield _reject(origin, UnreadableFile(f"{origin}: not a readable WARC archive ({exc})"))
        return
    except InputError as err:  # a read error or the decompression limit: the rest is lost
        yield _reject(origin, err)
        return
    if not found:
        yield _reject(origin, EmptyDocument(f"{origin}: no HTML responses in the WARC archive"))


READERS: dict[str, Callable[[Source, str, ReadOptions], Iterator[Item]]] = {
    ".html": iter_html,
    ".htm": iter_html,
    ".xml": iter_feed,
    ".rss": iter_feed,
    ".atom": iter_feed,
    ".warc": iter_warc,
}
