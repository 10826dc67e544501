"""Whole-document views of a parsed ``Doc``, computed once per document.

spaCy rebuilds ``Doc.text`` from every token on each access, creates new
``Span`` objects each time ``Doc.sents`` is iterated and a new ``Token`` object
for each ``doc[i]``. The coder asks for these many times per document
(paragraph starts for dates and places, apposition gaps and n-gram lookups for
actors): on 350-word news articles that was about half of the coding time.
These helpers keep the answers for the document being coded.

The cache holds the last document only, compared by identity (it keeps a
reference, so an ``id`` cannot be reused while cached): documents are coded one
after another, and a parsed ``Doc`` is not changed once coding starts.
"""

from __future__ import annotations

from typing import Any


class TokenTable:
    """Plain Python lists of the token attributes hot loops read, one entry per token."""

    __slots__ = ("dep", "head", "is_punct", "lemma", "lower", "tag", "text", "ws")

    def __init__(self, doc: Any) -> None:
        rows = [(t.text, t.whitespace_, t.lemma_, t.is_punct, t.tag_, t.lower_, t.dep_, t.head.i) for t in doc]
        self.text: list[str] = [r[0] for r in rows]
        self.ws: list[str] = [r[1] for r in rows]
        self.lemma: list[str] = [r[2] for r in rows]
        self.is_punct: list[bool] = [r[3] for r in rows]
        self.tag: list[str] = [r[4] for r in rows]
        self.lower: list[str] = [r[5] for r in rows]
        self.dep: list[str] = [r[6] for r in rows]
        self.head: list[int] = [r[7] for r in rows]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (spaCy keeps at most one space after a token)."""
        if end - start == 1:
            return self.text[start]
        return "".join([w + s for w, s in zip(self.text[start : end - 1], self.ws[start : end - 1])]) + self.text[end - 1]


_last_doc: Any = None
_text: str | None = None
_sents: tuple[Any, ...] | None = None
_table: TokenTable | None = None
_memo: dict[Any, Any] = {}


def _for(doc: Any) -> None:
    global _last_doc, _text, _sents, _table, _memo
    if doc is not _last_doc:
        _last_doc, _text, _sents, _table, _memo = doc, None, None, None, {}


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per document."""
    global _text
    _for(doc)
    if _text is None:
        _text = doc.text
    return _text


def doc_sents(doc: Any) -> tuple[Any, ...]:
    """``tuple(doc.sents)``, built once per document."""
    global _sents
    _for(doc)
    if _sents is None:
        _sents = tuple(doc.sents)
    return _sents


def token_table(doc: Any) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once per document."""
    global _table
    _for(doc)
    if _table is None:
        _table = TokenTable(doc)
    return _table


def doc_memo(doc: Any) -> dict[Any, Any]:
    """A dict for per-document results (key them by stage and token range), emptied for the next document."""
    _for(doc)
    return _memo


def forget() -> None:
    """Drop the cached document (so that its memory can be freed)."""
    _for(None)
