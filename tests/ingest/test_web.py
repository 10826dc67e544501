"""HTML pages (trafilatura), RSS/Atom feeds (feedparser) and WARC archives (warcio)."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from khaldun.ingest import read_inputs
from khaldun.records import Document, Rejection

PARAGRAPH = (
    "Police in the coastal city of Mombasa arrested 14 people on Friday after protesters "
    "blocked the main road to the port, a police spokesman said. About 300 demonstrators had "
    "gathered outside the county offices to demand lower fuel prices, witnesses said."
)

PAGE = f"""<!DOCTYPE html>
<html><head><title>Arrests in Mombasa</title>
<meta property="article:published_time" content="2024-03-08T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Arrests in Mombasa</h1>
<p>{PARAGRAPH}</p>
<p>The opposition leader condemned the arrests and accused the government of silencing dissent,
saying the protesters had done nothing wrong and should be released at once.</p>
</article>
<footer>Copyright Khaldun Wire. All rights reserved.</footer>
</body></html>"""

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Khaldun Wire</title><link>https://wire.example/</link>
<item><title>Arrests</title><link>https://wire.example/1</link><guid>wire-rss-1</guid>
<pubDate>Fri, 08 Mar 2024 09:00:00 GMT</pubDate><description>{PARAGRAPH}</description></item>
<item><title>Empty</title><link>https://wire.example/2</link><guid>wire-rss-2</guid><description>  </description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Khaldun Atom</title><id>urn:k</id>
<updated>2024-03-09T00:00:00Z</updated>
<entry><title>Talks</title><id>urn:k:1</id><link href="https://atom.example/1"/>
<updated>2024-03-09T10:00:00Z</updated>
<content type="html">&lt;p&gt;{PARAGRAPH}&lt;/p&gt;&lt;p&gt;The talks will resume next week in Addis Ababa, the ministry said in a statement on Saturday.&lt;/p&gt;</content>
</entry></feed>"""


def read(*paths: Path) -> list[Document | Rejection]:
    return list(read_inputs(paths))


def test_html_page_main_text_title_date(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    (doc,) = read(f)
    assert isinstance(doc, Document), doc
    assert PARAGRAPH in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Arrests in Mombasa"
    assert doc.doc_date == "2024-03-08"


def test_html_without_article_text_is_rejected_empty(tmp_path: Path) -> None:
    f = tmp_path / "blank.htm"
    f.write_text("<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>")
    (rej,) = read(f)
    assert isinstance(rej, Rejection) and (rej.reason, rej.code) == ("empty", "K101")


def test_rss_entries_become_documents_and_an_empty_entry_a_rejection(tmp_path: Path) -> None:
    f = tmp_path / "feed.rss"
    f.write_text(RSS, encoding="utf-8")
    doc, rej = read(f)
    assert isinstance(doc, Document) and isinstance(rej, Rejection)
    assert (doc.doc_id, doc.title, doc.url, doc.source, doc.doc_date) == (
        "wire-rss-1", "Arrests", "https://wire.example/1", "Khaldun Wire", "2024-03-08",
    )
    assert doc.text == PARAGRAPH
    assert (rej.origin, rej.reason) == (f"{f}#2", "empty")


def test_atom_html_content_is_stripped_of_markup(tmp_path: Path) -> None:
    f = tmp_path / "feed.atom.gz"
    f.write_bytes(gzip.compress(ATOM.encode("utf-8")))
    (doc,) = read(f)
    assert isinstance(doc, Document), doc
    assert doc.doc_id == "urn:k:1" and doc.doc_date == "2024-03-09"
    assert PARAGRAPH in doc.text and "<p>" not in doc.text


def test_xml_that_is_not_a_feed_is_rejected_not_dropped(tmp_path: Path) -> None:
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><settings><a>1</a></settings>')
    (tmp_path / "broken.xml").write_text("<rss><channel><item><title>oops")
    got = read(tmp_path / "config.xml", tmp_path / "broken.xml")
    assert len(got) == 2 and all(isinstance(r, Rejection) for r in got), got
    assert got[0].reason == "empty"  # type: ignore[union-attr]


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, ctype, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-03-10T12:00:00Z"},
        )
        writer.write_record(rec)
    return buf.getvalue()


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    page_without_date = PAGE.replace('<meta property="article:published_time" content="2024-03-08T09:00:00Z">', "")
    data = _warc([
        ("https://news.example/a", "text/html; charset=utf-8", page_without_date.encode("utf-8")),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://news.example/blank", "text/html", b"<html><body><script>var x = 1;</script></body></html>"),
    ])
    (tmp_path / "crawl.warc").write_bytes(data)
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(data))
    for name in ("crawl.warc", "crawl.warc.gz"):
        got = read(tmp_path / name)
        assert len(got) == 2, got
        doc, rej = got
        assert isinstance(doc, Document) and isinstance(rej, Rejection)
        assert PARAGRAPH in doc.text
        assert doc.url == "https://news.example/a"
        assert doc.origin == f"{tmp_path / name}#https://news.example/a"
        assert doc.doc_date is not None  # the page's own date, else the crawl date
        assert rej.reason == "empty" and rej.origin.endswith("#https://news.example/blank")


def test_warc_without_html_and_broken_warc_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "images.warc").write_bytes(_warc([("https://x.example/i.png", "image/png", b"\x89PNG")]))
    (tmp_path / "junk.warc").write_bytes(b"this is not a warc archive\n" * 10)
    got = read(tmp_path / "images.warc", tmp_path / "junk.warc")
    assert [(type(r).__name__, r.reason) for r in got] == [("Rejection", "empty"), ("Rejection", "unreadable")]  # type: ignore[union-attr]
