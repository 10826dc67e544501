"""Read documents from files, folders and standard input.

:func:`read_inputs` yields a :class:`~khaldun.records.Document` for every
readable document and a :class:`~khaldun.records.Rejection` for every one
that is not: a bad document never stops the batch and is never dropped
silently.

Formats are chosen by file suffix (``.txt``, ``.jsonl``, ``.json``, ``.csv``,
``.html``/``.htm``, ``.xml``/``.rss``/``.atom``, ``.warc``; any of them may
end in ``.gz``). Standard input (``-``) is JSON lines when its first
non-blank character is ``{``, else one plain-text article.

Inputs are streamed: memory stays flat however many documents a file holds,
and no line, page or inflated ``.gz`` is read past a bound derived from
``max_chars`` and ``max_decompressed_bytes`` (:mod:`khaldun.ingest.sources`).
Every text has its mojibake repaired before its id is computed, and is
rejected (``language``) when it is confidently in a language not kept
(:mod:`khaldun.ingest.language`).
"""

from __future__ import annotations

import csv
import io
import json
import re
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
from khaldun.ingest.language import check_language, parse_languages
from khaldun.ingest.sources import (
    HEAD_BYTES,
    ReadOptions,
    Source,
    bounded_lines,
    expand,
    open_source,
    read_bounded,
    stream_source,
)
from khaldun.ingest.text import normalise_date, repair_mojibake, split_date_prefix, split_dateline
from khaldun.records import Document, Rejection, content_hash

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES
DATE_KEYS = ("doc_date", "date", "published", "publish_date")

Item = Document | Rejection

# what surrogateescape decoding makes of bytes that are not UTF-8
_UNDECODED = re.compile("[\udc80-\udcff]")


def rejection(origin: str, err: InputError, doc_id: str | None = None) -> Rejection:
    """The rejection of an input (or of one document in it, ``doc_id``) that could not be read, with ``err``'s reason."""
    return Rejection(origin=origin, reason=err.reason, code=err.code, message=str(err), doc_id=doc_id)


_reject = rejection


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
    languages: str | tuple[str, ...] | None = None,
) -> Document:
    """Build a Document from raw article text and metadata, validating it.

    Mojibake is repaired first, so the id is that of the repaired text. With
    ``languages``, a text confidently in another language is rejected
    (:class:`~khaldun.errors.ForeignLanguage`).
    """
    if raw_text is None or not str(raw_text).strip():
        raise EmptyDocument(f"{origin}: the text is empty")
    raw_text = str(raw_text)
    if len(raw_text) > max_chars:
        raise DocumentTooLarge(
            f"{origin}: {len(raw_text):,} characters of text, over the limit of {max_chars:,} "
            "(raise it with --max-doc-chars)"
        )
    raw_text = repair_mojibake(raw_text)
    prefix_date, body = split_date_prefix(raw_text)
    dateline, body = split_dateline(body)
    body = body.strip()
    if not body:
        raise EmptyDocument(f"{origin}: only a date or dateline, no article text")
    if languages:
        check_language(body, parse_languages(languages) if isinstance(languages, str) else languages, origin)
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


def document_from_mapping(
    obj: Any, origin: str, max_chars: int, *, languages: str | tuple[str, ...] | None = None
) -> Document:
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
        languages=languages,
    )



def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def sniff_encoding(source: Source, origin: str) -> str:
    """The codec of a streamed text input, from its head; or why it is not text."""
    head = source.head(HEAD_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if not head.strip() and len(head) < HEAD_BYTES:
        raise EmptyDocument(f"{origin}: no text")
    if b"\x00" in head or _control_ratio(head) > 0.10:
        raise BinaryDocument(f"{origin}: binary content, not text")
    return "utf-8-sig"


def _text_stream(source: Source, encoding: str, newline: str | None) -> io.TextIOWrapper:
    # Bytes that are not UTF-8 become lone surrogates (surrogateescape), so one
    # bad record is rejected alone instead of ending the file.
    return io.TextIOWrapper(io.BufferedReader(source), encoding=encoding, errors="surrogateescape", newline=newline)


def _undecodable(text: str, where: str) -> UndecodableDocument | None:
    bad = _UNDECODED.search(text)
    if bad is None:
        return None
    return UndecodableDocument(
        f"{where}: not valid UTF-8 at character {bad.start() + 1} ({bad.group()[0].encode('utf-8', 'surrogateescape')!r}); "
        "re-encode the file as UTF-8"
    )


def iter_text(source: Source, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """One plain-text document, read no further than ``max_chars`` characters can take."""
    try:
        # Reading just past 4 bytes a character tells a file is too large without
        # loading it; decoding a cut-off head could fail mid-character and
        # misreport the file as undecodable, so it is not decoded.
        data = read_bounded(source, opts.text_bytes)
        if data is None:
            raise DocumentTooLarge(
                f"{origin}: over {opts.text_bytes:,} bytes, more than the limit of {opts.max_chars:,} "
                "characters (raise it with --max-doc-chars)"
            )
        yield make_document(decode_bytes(data, origin), origin, opts.max_chars, languages=opts.languages)
    except InputError as err:
        yield _reject(origin, err)


def _json_record(line: str, where: str, opts: ReadOptions) -> Item:
    bad = _undecodable(line, where)
    if bad is not None:
        return _reject(where, bad)
    try:
        obj = json.loads(line)
    except RecursionError:
        return _reject(where, MalformedJSON(f"{where}: malformed JSON line (nested too deeply to read)"))
    except json.JSONDecodeError as exc:
        return _reject(where, MalformedJSON(f"{where}: malformed JSON line ({exc.msg} at column {exc.colno})"))
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        return _reject(where, MalformedJSON(f"{where}: malformed JSON line ({exc})"))
    try:
        return document_from_mapping(obj, where, opts.max_chars, languages=opts.languages)
    except InputError as err:
        return _reject(where, err, _id_of(obj))


def iter_json_lines(source: Source, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """One document per line, streamed: memory holds one line at a time."""
    lineno = 0
    try:
        text = _text_stream(source, sniff_encoding(source, origin), newline=None)
        for line, whole in bounded_lines(text, opts.line_chars):
            lineno += 1
            where = f"{origin}:{lineno}"
            if not whole:
                yield _reject(where, DocumentTooLarge(
                    f"{where}: line over {opts.line_chars:,} characters, more than a record with the limit of "
                    f"{opts.max_chars:,} characters of text can take (raise it with --max-doc-chars); line skipped"
                ))
            elif line.strip():
                yield _json_record(line, where, opts)
    except InputError as err:
        yield _reject(f"{origin}:{lineno + 1}" if lineno else origin, err)


def iter_json(source: Source, origin: str, opts: ReadOptions) -> Iterator[Item]:
    """A ``.json`` file: one JSON value (an array, an object) or, failing that, JSON lines."""
    try:
        data = source.head(opts.collection_bytes + 1)
        if len(data) > opts.collection_bytes:
            # Too big to parse whole: JSON lines are streamed, an array is refused.
            if data.lstrip()[:1] == b"[":
                raise DocumentTooLarge(
                    f"{origin}: a JSON array over {opts.collection_bytes:,} bytes; write large collections "
                    "as JSON lines (.jsonl), which are read one record at a time"
                )
            del data
            yield from iter_json_lines(source, origin, opts)
            return
        text = decode_bytes(data, origin)
    except InputError as err:
        yield _reject(origin, err)
        return
    try:
        obj = json.loads(text)
    except RecursionError:
        yield _reject(origin, MalformedJSON(f"{origin}: malformed JSON (nested too deeply to read)"))
        return
    except ValueError:
        obj = None  # a .json file may hold JSON lines; read it so below
    if obj is None:
        yield from iter_json_lines(Source(io.BytesIO(data), origin), origin, opts)
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items, 1):
        where = f"{origin}[{i}]" if isinstance(obj, list) else origin
        try:
            yield document_from_mapping(item, where, opts.max_chars, languages=opts.languages)
        except InputError as err:
            yield _reject(where, err, _id_of(item))


def _id_of(obj: Any) -> str | None:
    if isinstance(obj, dict) and obj.get("id") is not None:
        return str(obj["id"])
    return None


class _RowLines:
    """Lines for the csv module, refusing a row (which may span lines) longer than ``limit``."""

    def __init__(self, text: io.TextIOWrapper, limit: int, origin: str) -> None:
        self.text, self.limit, self.origin = text, limit, origin
        self.row_chars = 0
        self.rowno = 1

    def __iter__(self) -> _RowLines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(self.limit)
        if not line:
            raise StopIteration
        self.row_chars += len(line)
        if self.row_chars >= self.limit:
            raise DocumentTooLarge(
                f"{self.origin}:{self.rowno}: row over {self.limit:,} characters, more than a row with the limit of "
                "text can take (raise it with --max-doc-chars); the rest of the file is not read"
            )
        return line


def iter_csv(source: Source, origin: str, opts: ReadOptions, delimiter: str) -> Iterator[Item]:
    """One document per row, streamed."""
    text_column = opts.text_column
    try:
        lines = _RowLines(_text_stream(source, sniff_encoding(source, origin), newline=""), opts.line_chars, origin)
        # The csv module refuses fields over 131,072 characters by default, which
        # would lose every row after one long article; _RowLines bounds a row,
        # and make_document applies the real limit (too_large) to its text.
        csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
        reader = csv.DictReader(lines, delimiter=delimiter)
        fields = reader.fieldnames or []
        if text_column not in fields:
            raise MalformedCSV(
                f"{origin}: no {text_column!r} column (columns: {', '.join(fields) or 'none'}); "
                "name the text column with --text-column"
            )
        lines.rowno = 2
        lines.row_chars = 0
        for row in reader:
            where = f"{origin}:{lines.rowno}"
            lines.rowno += 1
            lines.row_chars = 0
            if None in row:  # more cells than header columns
                yield _reject(where, MalformedCSV(f"{where}: {len(fields) + len(row[None])} cells for {len(fields)} columns"))
                continue
            mapping = dict(row)
            mapping["text"] = row.get(text_column)
            bad = next(filter(None, (_undecodable(v, where) for v in mapping.values() if isinstance(v, str))), None)
            if bad is not None:
                yield _reject(where, bad, _id_of(mapping))
                continue
            try:
                yield document_from_mapping(mapping, where, opts.max_chars, languages=opts.languages)
            except InputError as err:
                yield _reject(where, err, _id_of(mapping))
    except InputError as err:
        yield _reject(origin, err)
    except csv.Error as exc:
        yield _reject(origin, MalformedCSV(f"{origin}: {exc}"))


def iter_source(source: Source, origin: str, suffix: str, opts: ReadOptions) -> Iterator[Item]:
    """Documents in ``source``, read as the format ``suffix`` names."""
    if suffix in (".jsonl", ".ndjson"):
        yield from iter_json_lines(source, origin, opts)
    elif suffix == ".json":
        yield from iter_json(source, origin, opts)
    elif suffix in CSV_SUFFIXES:
        yield from iter_csv(source, origin, opts, "\t" if suffix == ".tsv" else ",")
    else:
        from khaldun.ingest import web  # HTML, feeds and WARC: imported only when used

        handler = web.READERS.get(suffix)
        if handler is not None:
            yield from handler(source, origin, opts)
        else:
            yield from iter_text(source, origin, opts)


def readable_name(name: str) -> bool:
    """Whether a file of this name is read when found in a folder (its suffix is one of the known formats)."""
    return _base_suffix(Path(name)) in _ALL_SUFFIXES()


_wanted = readable_name


def _ALL_SUFFIXES() -> set[str]:
    from khaldun.ingest import web

    return KNOWN_SUFFIXES | set(web.READERS)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_chars: int = 1_000_000,
    text_column: str = "text",
    stdin: BinaryIO | None = None,
    languages: str | tuple[str, ...] = ("en",),
    max_decompressed_bytes: int = 4_000_000_000,
) -> Iterator[Item]:
    """Every document (or rejection) in ``paths``, in order. Folders are read recursively.

    A generator: documents are read as they are asked for, so memory does not
    grow with the number of documents. ``languages`` (ISO 639-1 codes, a tuple
    or ``"en,fr"``) are the languages kept; empty keeps every language.
    """
    opts = ReadOptions(max_chars, text_column, parse_languages(languages), max_decompressed_bytes)
    for origin, target in expand(list(paths), _wanted):
        if isinstance(target, InputError):
            yield _reject(origin, target)
            continue
        if target is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            source = Source(stream, "<stdin>", close_raw=False)
            try:
                first = source.head(HEAD_BYTES).lstrip()[:1]
            except InputError as err:
                yield _reject("<stdin>", err)
                continue
            # ".json" reads a whole JSON value (an array, a pretty-printed object)
            # and falls back to JSON lines when the text is not one value.
            yield from _guarded(source, "<stdin>", ".json" if first in (b"{", b"[") else ".txt", opts)
            continue
        if not target.exists() and not target.is_symlink():
            yield _reject(origin, UnreadableFile(f"{origin}: no such file or folder"))
            continue
        try:
            source = open_source(target, origin, opts.max_decompressed_bytes)
        except InputError as err:
            yield _reject(origin, err)
            continue
        with source:
            yield from _guarded(source, origin, _base_suffix(target), opts)


def read_stream(
    raw: BinaryIO,
    origin: str,
    *,
    name: str | None = None,
    max_chars: int = 1_000_000,
    text_column: str = "text",
    languages: str | tuple[str, ...] = ("en",),
    max_decompressed_bytes: int = 4_000_000_000,
) -> Iterator[Item]:
    """Every document (or rejection) of one file's bytes, read as :func:`read_inputs` reads that file.

    For a file that is not on a local path (an object store, HDFS): ``raw`` is
    its content, ``origin`` the name documents and rejections carry, and
    ``name`` (default: the last part of ``origin``) gives the format by its
    suffix, ``.gz`` inflated within ``max_decompressed_bytes``. The stream is
    closed at the end.
    """
    opts = ReadOptions(max_chars, text_column, parse_languages(languages), max_decompressed_bytes)
    name = name or origin.rstrip("/").rsplit("/", 1)[-1]
    with stream_source(raw, name, origin, max_decompressed_bytes) as source:
        yield from _guarded(source, origin, _base_suffix(Path(name)), opts)


def _guarded(source: Source, origin: str, suffix: str, opts: ReadOptions) -> Iterator[Item]:
    # The format readers reject what they cannot read; this is the last line
    # that keeps an unforeseen failure in one file (a parser's own exception)
    # from ending the batch: the rest of that file is rejected, with the cause.
    try:
        yield from iter_source(source, origin, suffix, opts)
    except InputError as err:
        yield _reject(origin, err)
    except Exception as exc:  # noqa: BLE001 - see above
        yield _reject(origin, UnreadableFile(f"{origin}: cannot read ({type(exc).__name__}: {exc})"))
