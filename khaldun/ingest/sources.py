"""Where input bytes come from: files, folders, standard input, gzip, each with bounds.

Memory never depends on the size of an input: files are streamed, a line is
read up to a limit, a ``.gz`` stops inflating at ``max_decompressed_bytes``
(a gzip bomb is cut there and rejected), and a folder walk follows each
folder once, so a symlink loop is reported, not followed forever.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from khaldun.errors import DecompressionLimit, InputError, UnreadableFile

#: bytes a line of JSON may take beyond six per character of text (a ``\\uXXXX``
#: escape is six bytes): room for the other fields of the record
LINE_SLACK = 1 << 20
#: bytes an HTML page may take beyond four per character of text: markup
HTML_SLACK = 8 << 20
#: bytes a feed or a JSON array may take beyond six per character of text
COLLECTION_SLACK = 64 << 20
#: bytes read to tell text from binary and find the encoding
HEAD_BYTES = 8192


@dataclass(frozen=True)
class ReadOptions:
    """What :func:`khaldun.ingest.read_inputs` needs from the settings."""

    max_chars: int = 1_000_000
    """longest document text, in characters (``max_doc_chars``)"""
    text_column: str = "text"
    """CSV column with the article text"""
    languages: tuple[str, ...] = ("en",)
    """languages kept; an empty tuple keeps every language"""
    max_decompressed_bytes: int = 4_000_000_000
    """a ``.gz`` is cut where it inflates past this many bytes"""

    @property
    def text_bytes(self) -> int:
        """Most bytes one plain-text document of ``max_chars`` characters can take (UTF-8: 4 a character)."""
        return self.max_chars * 4

    @property
    def line_chars(self) -> int:
        """Longest line (characters) a JSON record or CSV row of ``max_chars`` characters of text can take."""
        return self.max_chars * 6 + LINE_SLACK

    @property
    def html_bytes(self) -> int:
        return self.max_chars * 4 + HTML_SLACK

    @property
    def collection_bytes(self) -> int:
        """Most bytes of a feed or JSON array, which are parsed whole."""
        return self.max_chars * 6 + COLLECTION_SLACK


class Source(io.RawIOBase):
    """A readable byte stream that counts, caps decompression and names its errors.

    Read errors (a truncated or corrupt gzip, an I/O error) become
    :class:`UnreadableFile`; inflating past ``cap`` bytes raises
    :class:`DecompressionLimit`. Either ends the input; what came before stands.
    """

    def __init__(self, raw: BinaryIO, origin: str, cap: int | None = None, close_raw: bool = True) -> None:
        super().__init__()
        self._raw = raw
        self._origin = origin
        self._cap = cap
        self._close_raw = close_raw
        self._replay = b""
        self._replay_at = 0  # offset into _replay: slicing it on each read would copy it each time
        self.count = 0

    def readable(self) -> bool:
        return True

    def head(self, n: int) -> bytes:
        """Up to ``n`` first bytes, which later reads return again (call before any read)."""
        chunks = [self._replay]
        got = len(self._replay)
        while got < n:
            chunk = self._read_raw(n - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        self._replay = b"".join(chunks)
        return self._replay[:n]

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        n = len(buffer)
        if self._replay_at < len(self._replay):
            data = memoryview(self._replay)[self._replay_at : self._replay_at + n]
            self._replay_at += len(data)
            if self._replay_at == len(self._replay):
                self._replay, self._replay_at = b"", 0
        else:
            data = memoryview(self._read_raw(n))
        buffer[: len(data)] = data
        return len(data)

    def _read_raw(self, n: int) -> bytes:
        if self._cap is not None:
            n = min(n, self._cap + 1 - self.count)
        try:
            data = self._raw.read(n)
        except (OSError, EOFError, zlib.error) as exc:
            raise UnreadableFile(f"{self._origin}: cannot read past byte {self.count:,} ({exc})") from exc
        self.count += len(data)
        if self._cap is not None and self.count > self._cap:
            raise DecompressionLimit(
                f"{self._origin}: expands past {self._cap:,} bytes (max_decompressed_bytes), "
                "which looks like a gzip bomb; the rest is not read"
            )
        return data

    def close(self) -> None:
        if self._close_raw and not self.closed:
            self._raw.close()
        super().close()


def open_source(path: Path, origin: str, max_decompressed_bytes: int) -> Source:
    """A :class:`Source` for a file; ``.gz`` files are inflated, up to the cap."""
    try:
        raw: BinaryIO = open(path, "rb")  # noqa: SIM115 - Source closes it
    except FileNotFoundError as exc:
        raise UnreadableFile(f"{origin}: no such file (it may have been moved or deleted)") from exc
    except PermissionError as exc:
        raise UnreadableFile(f"{origin}: permission denied") from exc
    except OSError as exc:
        raise UnreadableFile(f"{origin}: cannot open ({exc.strerror or exc})") from exc
    return stream_source(raw, path.name, origin, max_decompressed_bytes)


def stream_source(raw: BinaryIO, name: str, origin: str, max_decompressed_bytes: int) -> Source:
    """A :class:`Source` over an open byte stream of the file ``name``; ``.gz`` is inflated, up to the cap."""
    if name.lower().endswith(".gz"):
        return Source(gzip.GzipFile(fileobj=raw, mode="rb"), origin, max_decompressed_bytes)  # type: ignore[arg-type]
    return Source(raw, origin)


def read_bounded(source: Source, limit: int) -> bytes | None:
    """All of ``source`` when it is at most ``limit`` bytes, else ``None`` (having read ``limit + 1``)."""
    chunks: list[bytes] = []
    got = 0
    while got <= limit:
        # small reads: a raw read allocates all it is asked for, filled or not
        chunk = source.read(min(limit + 1 - got, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks) if got <= limit else None


def bounded_lines(text: io.TextIOBase, limit: int) -> Iterator[tuple[str, bool]]:
    """``(line, whole)`` for each line of ``text``, each at most ``limit`` characters.

    A longer line is given cut at ``limit`` with ``whole`` False, and the rest
    of it is skipped, never held in memory.
    """
    while True:
        line = text.readline(limit)
        if not line:
            return
        if len(line) < limit or line.endswith("\n"):
            yield line, True
            continue
        while True:  # skip the rest of an overlong line, a chunk at a time
            rest = text.readline(limit)
            if not rest or rest.endswith("\n"):
                break
        yield line, False


# -- paths and folders ----------------------------------------------------------


def expand(
    paths: list[str | Path] | tuple[str | Path, ...], wanted: Callable[[str], bool]
) -> Iterator[tuple[str, Path | InputError | None]]:
    """``(origin, path)`` for each input (``None`` for standard input), or ``(origin, error)``.

    Folders are walked in sorted order; hidden entries and files ``wanted``
    refuses are left out. A symlink to a folder already being read (a loop)
    or to nothing, and anything in a folder that is not a regular file (a
    FIFO would block), is reported once and not read.
    """
    for p in paths:
        if str(p) == "-":
            yield "-", None
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, wanted, set())
        else:
            # A path named on the command line may be a FIFO or /dev/stdin: read it.
            yield str(path), path


def _walk(folder: Path, wanted: Callable[[str], bool], seen: set[tuple[int, int]]) -> Iterator[tuple[str, Path | InputError]]:
    try:
        st = folder.stat()
    except OSError as exc:
        yield str(folder), UnreadableFile(f"{folder}: cannot open folder ({exc.strerror or exc})")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        yield str(folder), UnreadableFile(f"{folder}: symlink loop or folder linked twice (it points to {os.path.realpath(folder)}, already read); not followed")
        return
    seen.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield str(folder), UnreadableFile(f"{folder}: cannot list folder ({exc.strerror or exc})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            st = os.stat(entry.path)  # follows symlinks
        except FileNotFoundError:
            if wanted(entry.name):
                if entry.is_symlink():
                    yield str(child), UnreadableFile(f"{child}: broken symlink (points to {os.readlink(entry.path)}, which does not exist)")
                else:
                    yield str(child), UnreadableFile(f"{child}: no longer exists (deleted or moved after its folder was listed)")
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                yield str(child), UnreadableFile(f"{child}: symlink loop (the link points back to itself); not followed")
            elif wanted(entry.name):
                yield str(child), UnreadableFile(f"{child}: cannot read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(child, wanted, seen)
        elif wanted(entry.name):
            if stat.S_ISREG(st.st_mode):
                yield str(child), child
            else:
                yield str(child), UnreadableFile(f"{child}: not a regular file (a FIFO, socket or device); not read")
