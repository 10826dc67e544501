"""What the Spark runner reads through :mod:`khaldun.ingest`'s public interface, without Spark.

A file an executor gets as bytes (``binaryFiles`` from HDFS or S3) must give
exactly what ``khaldun extract`` gives for that file on a local path:
``read_stream`` over its content against ``read_inputs`` over the path, for
every format and with the reading rejections.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from khaldun.errors import UnreadableFile
from khaldun.ingest import expand, read_inputs, read_stream, readable_name, rejection

ARTICLE = "Police arrested ten protesters in Nairobi on Friday, a spokesman said."


def _files(folder: Path) -> list[Path]:
    lines = [json.dumps({"id": "a", "text": ARTICLE}), "{not json", json.dumps({"id": "b", "text": "  "}),
             json.dumps({"id": "c", "title": "no text"}), json.dumps({"id": "d", "text": ARTICLE + " More."})]
    jsonl = "\n".join(lines) + "\n"
    files = {
        "a.jsonl": jsonl.encode(),
        "b.jsonl.gz": gzip.compress(jsonl.encode()),
        "c.txt": ARTICLE.encode(),
        "d.csv": f'id,text\nx,"{ARTICLE}"\ny,\n'.encode(),
        "e.txt": b"\x00\x01\x02binary" * 50,
        "f.jsonl.gz": b"\x1f\x8b\x08\x00broken",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]


def test_read_stream_gives_what_read_inputs_gives_for_the_same_file(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    kinds: set[str] = set()
    for path in paths:
        expected = list(read_inputs([path]))
        got = list(read_stream(io.BytesIO(path.read_bytes()), str(path)))
        assert got == expected, path.name
        kinds |= {type(i).__name__ for i in got}
    assert kinds == {"Document", "Rejection"}


def test_read_stream_takes_the_format_from_name_when_the_origin_has_none(tmp_path: Path) -> None:
    path = _files(tmp_path)[1]  # b.jsonl.gz
    origin = "s3a://bucket/object-without-suffix"
    got = list(read_stream(io.BytesIO(path.read_bytes()), origin, name=path.name))
    assert [getattr(i, "doc_id", None) for i in got] == [getattr(i, "doc_id", None) for i in read_inputs([path])]
    assert {i.origin.split(":", 1)[0] for i in got} == {"s3a"}


def test_readable_name_expand_and_rejection(tmp_path: Path) -> None:
    _files(tmp_path)
    (tmp_path / "notes.docx").write_bytes(b"x")
    assert readable_name("x.warc.gz") and readable_name("x.JSONL") and not readable_name("notes.docx")
    listed = [Path(str(p)).name for _, p in expand([tmp_path], readable_name)]
    assert "notes.docx" not in listed and len(listed) == 6
    err = UnreadableFile("s3a://b/x.txt: gone")
    rej = rejection("s3a://b/x.txt", err, doc_id="d1")
    assert (rej.origin, rej.reason, rej.code, rej.message, rej.doc_id) == ("s3a://b/x.txt", "unreadable", "K108", str(err), "d1")


@pytest.mark.parametrize("limit", [10, 1_000_000])
def test_read_stream_keeps_the_limits(tmp_path: Path, limit: int) -> None:
    path = _files(tmp_path)[2]  # c.txt
    got = list(read_stream(io.BytesIO(path.read_bytes()), str(path), max_chars=limit))
    assert got == list(read_inputs([path], max_chars=limit))
    assert (type(got[0]).__name__ == "Rejection") == (limit < len(ARTICLE))
