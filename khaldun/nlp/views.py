"""Whole-document views of a parsed ``Doc``, computed once per document.

spaCy rebuilds ``Doc.text`` from every token on each access and creates new
``Span`` objects each time ``Doc.sents`` is iterated. The coder asks for both
many times per document (paragraph starts for dates and places, apposition
gaps for actors): on 350-word news articles that was about a quarter of the
coding time. These helpers keep the answer for the document being coded.

The cache holds the last document only, compared by identity (it keeps a
reference, so an ``id`` cannot be reused while cached): documents are coded one
after another, and a parsed ``Doc`` is not changed once coding starts.
"""

from __future__ import annotations

from typing import Any

_last_doc: Any = None
_text: str | None = None
_sents: tuple[Any, ...] | None = None


def _for(doc: Any) -> None:
    global _last_doc, _text, _sents
    if doc is not _last_doc:
        _last_doc, _text, _sents = doc, None, None


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


def forget() -> None:
    """Drop the cached document (so its memory can be freed)."""
    global _last_doc, _text, _sents
    _last_doc, _text, _sents = None, None, None
