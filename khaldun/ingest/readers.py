"""Read documents from files, folders and standard input.

:func:`read_inputs` yields a :class:`~khaldun.records.Document` for every
readable document and a :class:`~khaldun.records.Rejection` for every one
that is not: a bad document never stops the batch and is never dropped
silently.

Formats are chosen by file suffix (``.txt``, ``.jsonl``, ``.json``, ``.csv``,
``.html``/``.htm``, ``.xml``/``.rss``/``.atom``, ``.warc``; any of them may
end in ``.gz``). Standard input (``-``) is JSON lines when its first
non-blank character is ``{``, else one plain-text article.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from khaldun.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    InputError,
    MalformedCSV,
    MalformedJSON,
    MissingText,
    UndecodableDocument,
    UnreadableFile,
)
from khaldun.ingest.text import normalise_date, split_date_prefix, split_dateline
from khaldun.records import Document, Rejection, content_hash

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES
DATE_KEYS = ("doc_date", "date", "published", "publish_date")

Item = Document | Rejection


def _reject(origin: str, err: InputError, doc_id: str | None = None) -> Rejection:
    return Rejection(origin=origin, reason=err.reason, code=err.code, message=str(err), doc_id=doc_id)


def decode_bytes(data: bytes, origin: str) -> str:
    """Bytes to text, or an :class:`InputError` saying why not."""
    if not data.strip():
        raise EmptyDocument(f"{origin}: no text")
    head = data[:8192]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableDocument(f"{origin}: broken UTF-16 ({exc.reason})") from exc
    if b"\x00" in head or _control_ratio(head) > 0.10:
        raise BinaryDocument(f"{origin}: binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UndecodableDocument(
            f"{origin}: not valid UTF-8 at byte {exc.start} ({exc.reason}); re-encode the file as UTF-8"
        ) from exc


def _control_ratio(head: bytes) -> float:
    if not head:
        return 0.0
    bad = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(head)


def make_document(
    raw_text: str,
    origin: str,
    max_chars: int,
    *,
    doc_id: Any = None,
    doc_date: Any = None,
    title: Any = None,
    url: Any = None,
    source: Any = None,
    extra: dict[str, Any] | None = None,
) -> Document:
    """Build a Document from raw article text and metadata, validating it."""
    if raw_text is None or not str(raw_text).strip():
        raise EmptyDocument(f"{origin}: the text is empty")
    raw_text = str(raw_text)
    if len(raw_text) > max_chars:
        raise DocumentTooLarge(
            f"{origin}: {len(raw_text):,} characters of text, over the limit of {max_chars:,} "
            "(raise it with --max-doc-chars)"
        )
    prefix_date, body = split_date_prefix(raw_text)
    dateline, body = split_dateline(body)
    body = body.strip()
    if not body:
        raise EmptyDocument(f"{origin}: only a date or dateline, no article text")
    when = normalise_date(doc_date) if doc_date is not None else prefix_date
    chash = content_hash((when or "") + "\n" + body)
    did = str(doc_id).strip() if doc_id is not None and str(doc_id).strip() else chash
    return Document(
        doc_id=did,
        text=body,
        doc_date=when,
        title=str(title) if title else None,
        url=str(url) if url else None,
        source=str(source) if source else None,
        dateline=dateline,
        origin=origin,
        content_hash=chash,
        extra=extra or {},
    )


def document_from_mapping(obj: Any, origin: str, max_chars: int) -> Document:
    """A Document from a JSON object / CSV row with ``text`` and optional metadata."""
    if not isinstance(obj, dict):
        raise MalformedJSON(f"{origin}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if text is None or (isinstance(text, str) and not text.strip() and "text" not in obj):
        keys = ", ".join(sorted(map(str, obj))) or "none"
        raise MissingText(f"{origin}: no 'text' field (fields: {keys})")
    if not isinstance(text, str):
        raise MissingText(f"{origin}: 'text' is {type(text).__name__}, not a string")
    when = next((obj[k] for k in DATE_KEYS if obj.get(k)), None)
    return make_document(
        text,
        origin,
        max_chars,
        doc_id=obj.get("id"),
        doc_date=when,
        title=obj.get("title"),
        url=obj.get("url"),
        source=obj.get("source"),
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    # For one-document formats, plain text is at most 4 bytes a character:
    # reading a little past that bound tells a file is too large without
    # loading all of it. Multi-document formats are read whole (limit -1).
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            return fh.read(limit)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise UnreadableFile(f"{path}: cannot read ({exc})") from exc


def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def iter_text(data: bytes, origin: str, max_chars: int) -> Iterator[Item]:
    try:
        text = decode_bytes(data, origin)
        yield make_document(text, origin, max_chars)
    except InputError as err:
        yield _reject(origin, err)


def iter_json(data: bytes, origin: str, max_chars: int, *, whole: bool) -> Iterator[Item]:
    try:
        text = decode_bytes(data, origin)
    except InputError as err:
        yield _reject(origin, err)
        return
    if whole:
        stripped = text.strip()
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError:
            obj = None  # a .json file may hold JSON lines; try that below
        if obj is not None:
            items = obj if isinstance(obj, list) else [obj]
            for i, item in enumerate(items, 1):
                where = f"{origin}[{i}]" if isinstance(obj, list) else origin
                try:
                    yield document_from_mapping(item, where, max_chars)
                except InputError as err:
                    yield _reject(where, err, _id_of(item))
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _reject(where, MalformedJSON(f"{where}: malformed JSON line ({exc.msg} at column {exc.colno})"))
            continue
        try:
            yield document_from_mapping(obj, where, max_chars)
        except InputError as err:
            yield _reject(where, err, _id_of(obj))


def _id_of(obj: Any) -> str | None:
    if isinstance(obj, dict) and obj.get("id") is not None:
        return str(obj["id"])
    return None


def iter_csv(data: bytes, origin: str, max_chars: int, text_column: str, delimiter: str) -> Iterator[Item]:
    try:
        text = decode_bytes(data, origin)
    except InputError as err:
        yield _reject(origin, err)
        return
    # The csv module refuses fields over 131,072 characters by default, which
    # would lose every row after one long article; the text is already in
    # memory, and make_document applies the real limit (too_large) per row.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields = reader.fieldnames or []
    if text_column not in fields:
        err = MalformedCSV(
            f"{origin}: no {text_column!r} column (columns: {', '.join(fields) or 'none'}); "
            "name the text column with --text-column"
        )
        yield _reject(origin, err)
        return
    try:
        for rowno, row in enumerate(reader, 2):
            where = f"{origin}:{rowno}"
            if None in row:  # more cells than header columns
                yield _reject(where, MalformedCSV(f"{where}: {len(fields) + len(row[None])} cells for {len(fields)} columns"))
                continue
            mapping = dict(row)
            mapping["text"] = row.get(text_column)
            try:
                yield document_from_mapping(mapping, where, max_chars)
            except InputError as err:
                yield _reject(where, err, _id_of(mapping))
    except csv.Error as exc:
        yield _reject(origin, MalformedCSV(f"{origin}: {exc}"))


def iter_bytes(data: bytes, origin: str, suffix: str, max_chars: int, text_column: str) -> Iterator[Item]:
    """Documents in ``data``, read as the format ``suffix`` names."""
    if suffix in JSON_SUFFIXES:
        yield from iter_json(data, origin, max_chars, whole=suffix == ".json")
    elif suffix in CSV_SUFFIXES:
        yield from iter_csv(data, origin, max_chars, text_column, "\t" if suffix == ".tsv" else ",")
    else:
        from khaldun.ingest import web  # HTML, feeds and WARC: imported only when used

        handler = web.READERS.get(suffix)
        if handler is not None:
            yield from handler(data, origin, max_chars)
        else:
            yield from iter_text(data, origin, max_chars)


def _expand(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | None]]:
    for p in paths:
        if str(p) == "-":
            yield "-", None
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and _base_suffix(child) in _ALL_SUFFIXES():
                    yield str(child), child
        else:
            yield str(path), path


def _ALL_SUFFIXES() -> set[str]:
    from khaldun.ingest import web

    return KNOWN_SUFFIXES | set(web.READERS)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_chars: int = 1_000_000,
    text_column: str = "text",
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every document (or rejection) in ``paths``, in order. Folders are read recursively."""
    for origin, path in _expand(paths):
        if path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            first = data.lstrip()[:1]
            # ".json" reads a whole JSON value (an array, a pretty-printed object)
            # and falls back to JSON lines when the text is not one value.
            suffix = ".json" if first in (b"{", b"[") else ".txt"
            yield from iter_bytes(data, "<stdin>", suffix, max_chars, text_column)
            continue
        if not path.exists():
            yield _reject(origin, UnreadableFile(f"{origin}: no such file or folder"))
            continue
        try:
            suffix = _base_suffix(path)
            # Only plain text is cut short: markup (HTML, feeds, WARC) and
            # multi-document formats are read whole, since their size says
            # little about the length of the text inside.
            single = suffix not in JSON_SUFFIXES | CSV_SUFFIXES and suffix not in _ALL_SUFFIXES() - KNOWN_SUFFIXES
            limit = max_chars * 4 + 1 if single else -1
            data = _read_bytes(path, limit)
            if single and len(data) >= limit:
                # More bytes than max_chars characters can take in any encoding we
                # read; decoding the cut-off head could fail mid-character and
                # misreport the file as undecodable.
                raise DocumentTooLarge(
                    f"{origin}: over {limit - 1:,} bytes, more than the limit of {max_chars:,} "
                    "characters (raise it with --max-doc-chars)"
                )
        except InputError as err:
            yield _reject(origin, err)
            continue
        yield from iter_bytes(data, origin, suffix, max_chars, text_column)
