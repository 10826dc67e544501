"""Extreme inputs: each is rejected with a reason, in bounded memory, and the batch goes on."""

from __future__ import annotations

import gzip
import json
import os
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from khaldun.errors import REJECTION_REASONS
from khaldun.ingest import read_inputs
from khaldun.records import Document, Rejection, content_hash

ARTICLE = "Police arrested ten protesters in Nairobi on Friday, a spokesman said."
MB = 1 << 20
Item = Document | Rejection


def read(*paths: str | Path, **kw: object) -> list[Item]:
    return list(read_inputs(paths, **kw))  # type: ignore[arg-type]


def summary(items: list[Item]) -> list[tuple[str, str]]:
    """(``doc`` or the rejection reason, origin) for each item."""
    return [("doc", i.origin or "") if isinstance(i, Document) else (i.reason, i.origin) for i in items]


def line(doc_id: str, text: str = ARTICLE) -> str:
    return json.dumps({"id": doc_id, "text": text}) + "\n"


def peak_bytes(consume: Callable[[], object]) -> int:
    """Peak memory Python allocated while ``consume`` ran."""
    tracemalloc.start()
    try:
        consume()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def drain(items: Iterator[Item]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        key = "doc" if isinstance(item, Document) else item.reason
        counts[key] = counts.get(key, 0) + 1
    return counts


# -- huge lines and deep nesting -------------------------------------------------


def test_a_10_mb_json_line_is_too_large_and_the_next_line_is_read(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    f.write_text(line("a") + line("huge", "word " * (2 * MB)) + line("b"))
    got = read(f)  # the default limit: 1,000,000 characters
    assert summary(got) == [("doc", f"{f}:1"), ("too_large", f"{f}:2"), ("doc", f"{f}:3")]
    assert got[1].code == "K104" and got[1].doc_id is None  # type: ignore[union-attr]


def test_a_line_far_over_the_limit_is_never_held_whole(tmp_path: Path) -> None:
    # a 40 MB line with no newline at all: read in pieces no larger than the line limit, then skipped
    f = tmp_path / "endless.jsonl"
    with f.open("w") as fh:
        fh.write(line("a"))
        fh.write('{"id": "endless", "text": "')
        for _ in range(40):
            fh.write("x" * MB)
    box: dict[str, list[Item]] = {}
    peak = peak_bytes(lambda: box.update(got=read(f, max_chars=10_000)))
    got = box["got"]
    assert summary(got) == [("doc", f"{f}:1"), ("too_large", f"{f}:2")]
    assert "line over" in got[1].message  # type: ignore[union-attr]
    assert peak < 12 * MB, f"peak {peak / MB:.1f} MB"


def test_a_json_record_within_the_line_limit_but_over_max_chars_is_too_large(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(line("long", "é" * 300) + line("ok"))
    got = read(f, max_chars=200)
    assert [(r.reason, r.doc_id) for r in got if isinstance(r, Rejection)] == [("too_large", "long")]


def test_deeply_nested_json_is_malformed_not_a_crash(tmp_path: Path) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    f = tmp_path / "deep.jsonl"
    f.write_text(line("a") + '{"id": "deep", "text": ' + deep + "}\n" + line("b"))
    got = read(f)
    assert summary(got) == [("doc", f"{f}:1"), ("malformed_json", f"{f}:2"), ("doc", f"{f}:3")]
    assert "nested too deeply" in got[1].message  # type: ignore[union-attr]
    whole = tmp_path / "deep.json"
    whole.write_text(deep)
    (rej,) = read(whole)
    assert isinstance(rej, Rejection) and rej.reason == "malformed_json" and "nested too deeply" in rej.message


# -- gzip bombs --------------------------------------------------------------------


def _gzip_stream(path: Path, head: bytes, filler: bytes, size: int) -> None:
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(head)
        for _ in range(size // len(filler)):
            fh.write(filler)


def test_a_gzip_bomb_of_json_lines_keeps_what_came_before_and_rejects_the_rest(tmp_path: Path) -> None:
    f = tmp_path / "bomb.jsonl.gz"
    _gzip_stream(f, (line("a") + line("b")).encode(), b" " * MB, 64 * MB)  # ~64 KB on disk
    assert f.stat().st_size < MB
    box: dict[str, list[Item]] = {}
    peak = peak_bytes(lambda: box.update(got=read(f, max_decompressed_bytes=8 * MB)))
    got = box["got"]
    assert [s[0] for s in summary(got)] == ["doc", "doc", "decompression_limit"]
    rej = got[-1]
    assert isinstance(rej, Rejection) and rej.code == REJECTION_REASONS["decompression_limit"] == "K110"
    assert "8,388,608 bytes" in rej.message and "gzip bomb" in rej.message
    assert peak < 24 * MB, f"peak {peak / MB:.1f} MB"


def test_a_single_document_gzip_never_inflates_past_its_text_limit(tmp_path: Path) -> None:
    txt, html = tmp_path / "bomb.txt.gz", tmp_path / "bomb.html.gz"
    _gzip_stream(txt, b"", b"Police fired. " * 1000, 200 * MB)
    _gzip_stream(html, b"<html><body><p>", b"Police fired. " * 1000, 200 * MB)
    for f, bound in ((txt, 1 * MB), (html, 20 * MB)):  # text: 4 bytes a character; HTML: that plus 8 MB of markup
        box: dict[str, list[Item]] = {}
        peak = peak_bytes(lambda f=f, box=box: box.update(got=read(f, max_chars=10_000)))
        (rej,) = box["got"]
        assert isinstance(rej, Rejection) and rej.reason == "too_large", rej
        assert peak < bound, f"{f.name}: peak {peak / MB:.1f} MB"
    # and under a decompression limit smaller than the text limit, the limit names the cause
    (rej,) = read(txt, max_decompressed_bytes=1000)
    assert isinstance(rej, Rejection) and rej.reason == "decompression_limit"


def test_a_truncated_gzip_keeps_what_came_before(tmp_path: Path) -> None:
    data = gzip.compress("".join(line(f"d{i}", f"{ARTICLE} Number {i}.") for i in range(2000)).encode())
    f = tmp_path / "cut.jsonl.gz"
    f.write_bytes(data[: len(data) // 2])
    got = read(f)
    assert len(got) > 100 and all(isinstance(i, Document) for i in got[:-1])
    assert isinstance(got[-1], Rejection) and got[-1].reason == "unreadable" and got[-1].code == "K108"


# -- invalid UTF-8 in every reader -----------------------------------------------------


def test_invalid_utf8_rejects_only_its_record(tmp_path: Path) -> None:
    jl = tmp_path / "in.jsonl"
    jl.write_bytes(line("a").encode() + b'{"id": "bad", "text": "Caf\xe9 owners protested."}\n' + line("b").encode())
    csvf = tmp_path / "in.csv"
    csvf.write_bytes(b'id,text\nc1,"' + ARTICLE.encode() + b'"\nc2,"Caf\xe9 owners protested."\nc3,"' + ARTICLE.encode() + b'"\n')
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><article><p>Caf\xe9 owners protested in Paris.</p></article></body></html>")
    got = read(jl, csvf, page)
    assert summary(got) == [
        ("doc", f"{jl}:1"), ("undecodable", f"{jl}:2"), ("doc", f"{jl}:3"),
        ("doc", f"{csvf}:2"), ("undecodable", f"{csvf}:3"), ("doc", f"{csvf}:4"),
        ("undecodable", str(page)),
    ]
    assert all(r.code == "K103" for r in got if isinstance(r, Rejection))


def test_invalid_utf8_in_a_warc_record(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, body in (("https://x.example/bad", b"<html><body><p>Caf\xe9 owners protested.</p></body></html>"),):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    f = tmp_path / "crawl.warc"
    f.write_bytes(buf.getvalue())
    (rej,) = read(f)
    assert isinstance(rej, Rejection) and (rej.reason, rej.origin) == ("undecodable", f"{f}#https://x.example/bad")


# -- many documents: a generator with flat memory -----------------------------------------


def _many(path: Path, n: int) -> Path:
    with path.open("w") as fh:
        for i in range(n):
            fh.write(line(f"d{i}", f"Police arrested {i} people in Nairobi."))
    return path


@pytest.mark.parametrize(
    "few, many",
    [(2_000, 10_000), pytest.param(20_000, 100_000, marks=pytest.mark.slow)],
    ids=["10k", "100k"],
)
def test_many_tiny_documents_stream_in_flat_memory(tmp_path: Path, few: int, many: int) -> None:
    small, large = _many(tmp_path / "few.jsonl", few), _many(tmp_path / "many.jsonl", many)
    first = next(read_inputs([large]))  # a true generator: the first document comes before the file is read
    assert isinstance(first, Document) and first.doc_id == "d0"
    counts: dict[str, dict[str, int]] = {}
    peak_small = peak_bytes(lambda: counts.update(small=drain(read_inputs([small]))))
    peak_large = peak_bytes(lambda: counts.update(large=drain(read_inputs([large]))))
    assert counts == {"small": {"doc": few}, "large": {"doc": many}}
    assert peak_large < 4 * MB, f"peak {peak_large / MB:.1f} MB"
    # five times the documents, not five times the memory: nothing accumulates per document
    assert peak_large < peak_small + MB // 4, (peak_small, peak_large)


# -- files that cannot be read, folders that loop ------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_without_read_permission_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(ARTICLE)
    f.chmod(0)
    try:
        (rej,) = read(f)
    finally:
        f.chmod(0o644)
    assert isinstance(rej, Rejection) and rej.reason == "unreadable" and "permission denied" in rej.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_rejected_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text(ARTICLE)
    got = read(tmp_path)
    assert summary(got) == [("doc", str(tmp_path / "ok.txt")), ("unreadable", str(tmp_path / "pipe.txt"))]
    assert "not a regular file" in got[1].message  # type: ignore[union-attr]


def test_a_folder_named_like_a_file_is_read_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "odd.txt").mkdir()
    (tmp_path / "odd.txt" / "inner.txt").write_text(ARTICLE)
    assert summary(read(tmp_path / "odd.txt")) == [("doc", str(tmp_path / "odd.txt" / "inner.txt"))]


def test_symlink_loops_are_reported_once_and_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE)
    (root / "sub" / "b.txt").write_text(ARTICLE + " B.")
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # back to an ancestor
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "here").symlink_to(".", target_is_directory=True)  # the folder it is in
    got = read(root)
    assert summary(got) == [
        ("doc", str(root / "a.txt")),
        ("unreadable", str(root / "here")),
        ("unreadable", str(root / "self")),
        ("doc", str(root / "sub" / "b.txt")),
        ("unreadable", str(root / "sub" / "up")),
    ]
    assert all("loop" in r.message for r in got if isinstance(r, Rejection))


def test_a_broken_symlink_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "gone.png").symlink_to(tmp_path / "nowhere.png")  # not an input type: left out, as a real .png would be
    (tmp_path / "ok.txt").write_text(ARTICLE)
    got = read(tmp_path)
    assert summary(got) == [("unreadable", str(tmp_path / "gone.txt")), ("doc", str(tmp_path / "ok.txt"))]
    assert "broken symlink" in got[0].message  # type: ignore[union-attr]
    (named,) = read(tmp_path / "gone.txt")
    assert isinstance(named, Rejection) and named.reason == "unreadable"


def test_a_file_that_vanishes_between_listing_and_reading(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{ARTICLE} {name}")
    items = read_inputs([tmp_path])
    first = next(items)  # the folder is listed by now
    (tmp_path / "b.txt").unlink()
    got = [first, *items]
    assert summary(got) == [("doc", str(tmp_path / "a.txt")), ("unreadable", str(tmp_path / "b.txt")), ("doc", str(tmp_path / "c.txt"))]


# -- mojibake -------------------------------------------------------------------------------


def test_mojibake_is_repaired_before_the_id_is_computed(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    broken = "The minister said itâ€™s â€œtoo earlyâ€\x9d to talk of a ceasefire in GazaÂ City."
    clean = "Protesters in Zürich said it’s “too early” – and a café closed… « Non » ½ &amp; 'x'"
    f.write_text(json.dumps({"text": broken}) + "\n" + json.dumps({"text": clean}) + "\n")
    fixed, kept = read(f)
    assert isinstance(fixed, Document) and isinstance(kept, Document)
    assert fixed.text == "The minister said it’s “too early” to talk of a ceasefire in Gaza\xa0City."
    assert fixed.doc_id == content_hash("\n" + fixed.text)
    assert kept.text == clean  # curly quotes, entities, symbols: clean text is left as it is
