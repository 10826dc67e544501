"""Reading text, JSON, CSV, folders, standard input and gzip into documents or rejections."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from khaldun.errors import REJECTION_REASONS
from khaldun.ingest import read_inputs
from khaldun.records import Document, Rejection, content_hash

ARTICLE = "Police arrested ten protesters in Nairobi on Friday, a spokesman said."


def read(*paths: str | Path, **kw: object) -> list[Document | Rejection]:
    return list(read_inputs(paths, **kw))  # type: ignore[arg-type]


def docs(items: list[Document | Rejection]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def rejections(items: list[Document | Rejection]) -> list[Rejection]:
    return [i for i in items if isinstance(i, Rejection)]


def only(items: list[Document | Rejection]) -> Document | Rejection:
    assert len(items) == 1, items
    return items[0]


# -- plain text --------------------------------------------------------------


def test_txt_date_prefix_and_dateline_are_metadata_not_text(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("date 2023-10-15 Beirut [Qatar], October 15 : " + ARTICLE, encoding="utf-8")
    doc = only(read(f))
    assert isinstance(doc, Document)
    assert doc.doc_date == "2023-10-15"
    assert doc.dateline == "Beirut [Qatar], October 15"
    assert doc.text == ARTICLE
    assert doc.origin == str(f)
    assert doc.doc_id == doc.content_hash == content_hash("2023-10-15\n" + ARTICLE)


@pytest.mark.parametrize(
    "raw, dateline",
    [
        ("  date 2024-03-09\nWASHINGTON (Reuters) - " + ARTICLE, "WASHINGTON (Reuters)"),
        ("date 2024-03-09 NAIROBI, Kenya (Khaldun Wire) - " + ARTICLE, "NAIROBI, Kenya (Khaldun Wire)"),
        ("date 2024-03-09 " + ARTICLE, None),
    ],
)
def test_txt_dateline_variants(tmp_path: Path, raw: str, dateline: str | None) -> None:
    f = tmp_path / "a.txt"
    f.write_text(raw, encoding="utf-8")
    doc = only(read(f))
    assert isinstance(doc, Document)
    assert (doc.doc_date, doc.dateline, doc.text) == ("2024-03-09", dateline, ARTICLE)


def test_txt_without_prefix_has_no_date(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE + "\n", encoding="utf-8")
    doc = only(read(f))
    assert isinstance(doc, Document) and doc.doc_date is None and doc.text == ARTICLE


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    got = read(tmp_path / "bom.txt", tmp_path / "u16.txt")
    assert [d.text for d in docs(got)] == [ARTICLE, ARTICLE]


# -- JSON ----------------------------------------------------------------------


def test_jsonl_fields_and_date_aliases(tmp_path: Path) -> None:
    rows = [
        {"id": "a1", "text": ARTICLE, "doc_date": "2024-02-14", "title": "T", "url": "https://x.example/1", "source": "Wire"},
        {"id": 7, "text": ARTICLE + " Two.", "date": "2024-02-15T10:00:00Z"},
        {"text": ARTICLE + " Three.", "published": "Fri, 16 Feb 2024 08:00:00 GMT"},
        {"text": ARTICLE + " Four.", "publish_date": "2024-02-17"},
    ]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    got = docs(read(f))
    assert [d.doc_date for d in got] == ["2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17"]
    first = got[0]
    assert (first.doc_id, first.title, first.url, first.source) == ("a1", "T", "https://x.example/1", "Wire")
    assert got[1].doc_id == "7"
    # without an id, the doc_id is the content hash
    assert got[2].doc_id == got[2].content_hash == content_hash("2024-02-16\n" + ARTICLE + " Three.")
    assert [d.origin for d in got] == [f"{f}:{i}" for i in (1, 2, 3, 4)]


def test_json_array_single_object_and_json_lines_in_a_json_file(tmp_path: Path) -> None:
    (tmp_path / "arr.json").write_text(json.dumps([{"id": "x", "text": ARTICLE}, {"id": "y", "text": ARTICLE}]))
    (tmp_path / "one.json").write_text(json.dumps({"id": "z", "text": ARTICLE}, indent=2))
    (tmp_path / "lines.json").write_text(json.dumps({"id": "w", "text": ARTICLE}) + "\n" + json.dumps({"id": "v", "text": ARTICLE}))
    got = docs(read(tmp_path / "arr.json", tmp_path / "one.json", tmp_path / "lines.json"))
    assert [d.doc_id for d in got] == ["x", "y", "z", "w", "v"]


# -- CSV -----------------------------------------------------------------------


def test_csv_text_column_and_metadata(tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    f.write_text('id,body,date,title\nc1,"' + ARTICLE + '",2024-01-02,Hello\n', encoding="utf-8")
    assert only(read(f)).reason == "malformed_csv"  # type: ignore[union-attr]
    doc = only(read(f, text_column="body"))
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.text, doc.doc_date, doc.title, doc.origin) == ("c1", ARTICLE, "2024-01-02", "Hello", f"{f}:2")


def test_tsv(tmp_path: Path) -> None:
    f = tmp_path / "in.tsv"
    f.write_text(f"id\ttext\nt1\t{ARTICLE}\n", encoding="utf-8")
    assert only(read(f)).doc_id == "t1"  # type: ignore[union-attr]


def test_csv_long_article_is_read_not_malformed(tmp_path: Path) -> None:
    # longer than the csv module's default field limit (131,072 characters)
    long = (ARTICLE + " ") * 3000
    f = tmp_path / "long.csv"
    f.write_text(f'id,text\nlong,"{long}"\nshort,"{ARTICLE}"\n', encoding="utf-8")
    got = read(f)
    assert [d.doc_id for d in docs(got)] == ["long", "short"], rejections(got)


def test_csv_row_with_extra_cells_is_rejected_alone(tmp_path: Path) -> None:
    f = tmp_path / "in.csv"
    f.write_text(f'id,text\nok,"{ARTICLE}"\nbad,"{ARTICLE}",extra\nok2,"{ARTICLE}"\n', encoding="utf-8")
    got = read(f)
    assert [d.doc_id for d in docs(got)] == ["ok", "ok2"]
    (rej,) = rejections(got)
    assert (rej.reason, rej.code, rej.origin) == ("malformed_csv", "K107", f"{f}:3")


# -- folders, several paths, stdin, gzip ----------------------------------------


def test_folder_is_read_recursively_in_order_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(ARTICLE + " A.")
    (tmp_path / "b" / "c" / "d.txt").write_text(ARTICLE + " D.")
    (tmp_path / "b" / "e.jsonl").write_text(json.dumps({"id": "e", "text": ARTICLE}))
    (tmp_path / ".hidden.txt").write_text(ARTICLE + " hidden")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    got = read(tmp_path)
    assert not rejections(got)
    assert [d.origin for d in docs(got)] == [
        str(tmp_path / "a.txt"), str(tmp_path / "b" / "c" / "d.txt"), f"{tmp_path / 'b' / 'e.jsonl'}:1",
    ]


def test_several_paths_in_the_order_given(tmp_path: Path) -> None:
    for name in ("x", "y"):
        (tmp_path / f"{name}.txt").write_text(f"{ARTICLE} {name}.")
    got = docs(read(tmp_path / "y.txt", tmp_path / "x.txt"))
    assert [Path(d.origin or "").name for d in got] == ["y.txt", "x.txt"]


@pytest.mark.parametrize(
    "data, ids",
    [
        (("date 2024-01-05 " + ARTICLE).encode(), None),
        (b'{"id": "s1", "text": "' + ARTICLE.encode() + b'"}\n{"id": "s2", "text": "' + ARTICLE.encode() + b'"}\n', ["s1", "s2"]),
        (json.dumps([{"id": "s1", "text": ARTICLE}, {"id": "s2", "text": ARTICLE}]).encode(), ["s1", "s2"]),
        (json.dumps({"id": "s1", "text": ARTICLE}, indent=2).encode(), ["s1"]),
    ],
    ids=["text", "json-lines", "json-array", "pretty-object"],
)
def test_standard_input(data: bytes, ids: list[str] | None) -> None:
    got = read("-", stdin=io.BytesIO(data))
    assert not rejections(got), rejections(got)
    if ids is None:
        (doc,) = docs(got)
        assert (doc.doc_date, doc.text, doc.origin) == ("2024-01-05", ARTICLE, "<stdin>")
    else:
        assert [d.doc_id for d in docs(got)] == ids


def test_gzip_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(("date 2024-01-05 " + ARTICLE).encode()))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "g", "text": ARTICLE}).encode()))
    (tmp_path / "bad.txt.gz").write_bytes(b"not gzip at all")
    got = read(tmp_path / "a.txt.gz", tmp_path / "b.jsonl.gz", tmp_path / "bad.txt.gz")
    a, b = docs(got)
    assert (a.doc_date, a.text, b.doc_id) == ("2024-01-05", ARTICLE, "g")
    assert [r.reason for r in rejections(got)] == ["unreadable"]


# -- identity --------------------------------------------------------------------


def test_content_hash_identifies_the_article_wherever_it_comes_from(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("date 2024-01-05 " + ARTICLE)
    (tmp_path / "two.txt").write_text("\n\ndate 2024-01-05\n" + ARTICLE + "\n")
    (tmp_path / "other-day.txt").write_text("date 2024-01-06 " + ARTICLE)
    one, two, other = docs(read(tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "other-day.txt"))
    assert one.doc_id == two.doc_id
    assert other.doc_id != one.doc_id


# -- every rejection reason, none stopping the batch ---------------------------


def test_each_rejection_reason_has_its_code_and_the_batch_goes_on(
    tmp_path: Path, write_bad_inputs: Callable[[Path], dict[str, str]]
) -> None:
    expected = write_bad_inputs(tmp_path)
    # a reused id is the pipeline's to reject (tests/test_pipeline.py); the reader reads both texts
    expected.pop("duplicate_id")
    (tmp_path / "dups.jsonl").unlink()
    (tmp_path / "good.txt").write_text(ARTICLE)
    paths = sorted({o.rsplit(":", 1)[0] if o.endswith((":2", ":3")) else o for o in expected.values()})
    got = read(*paths, tmp_path / "good.txt", max_chars=200)
    by_reason = {r.reason: r for r in rejections(got)}
    # the pipeline's reasons (duplicate_id, coding_failed, timeout) are not the reader's; language and
    # decompression_limit have their own tests (test_limits.py)
    later = {"duplicate_id", "coding_failed", "timeout", "language", "decompression_limit"}
    assert set(by_reason) == set(REJECTION_REASONS) - later == set(expected)
    for reason, rej in by_reason.items():
        assert rej.origin == expected[reason]
        assert rej.code == REJECTION_REASONS[reason]
        assert rej.message.startswith(f"[{rej.code}] ")
    assert by_reason["no_text"].doc_id == "nt"
    assert [d.doc_id for d in docs(got)] == ["good-1", content_hash("\n" + ARTICLE)]


def test_too_large_holds_for_multibyte_text_cut_mid_character(tmp_path: Path) -> None:
    f = tmp_path / "accents.txt"
    f.write_text("é" * 100, encoding="utf-8")  # 200 bytes; the reader stops at 41
    assert only(read(f, max_chars=10)).reason == "too_large"  # type: ignore[union-attr]
    assert isinstance(only(read(f, max_chars=100)), Document)


def test_too_large_applies_to_each_json_record(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "big", "text": "x " * 200}) + "\n" + json.dumps({"id": "ok", "text": ARTICLE}) + "\n")
    got = read(f, max_chars=100)
    assert [(r.reason, r.doc_id) for r in rejections(got)] == [("too_large", "big")]
    assert [d.doc_id for d in docs(got)] == ["ok"]


def test_only_a_date_or_dateline_is_empty(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-01-01 WASHINGTON (Reuters) - ")
    assert only(read(tmp_path / "a.txt")).reason == "empty"  # type: ignore[union-attr]


def test_json_text_not_a_string_and_not_an_object(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "n", "text": 42}\n[1, 2]\n')
    assert [(r.reason, r.code) for r in rejections(read(f))] == [("no_text", "K106"), ("malformed_json", "K105")]
