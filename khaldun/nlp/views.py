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

from bisect import bisect_right
from typing import Any

from spacy.tokens import Span as _Span


class TokenTable:
    """Plain Python lists of the token attributes hot loops read, one entry per token."""

    __slots__ = ("dep", "ent_type", "head", "is_punct", "is_title", "lemma", "lower", "pos", "tag", "text", "ws")

    def __init__(self, doc: Any) -> None:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_TITLE, LEMMA, LOWER, ORTH, POS, SPACY, TAG

        # one C pass over the doc, then string lookups: no Token objects
        if len(doc):
            import numpy

            arr = doc.to_array([ORTH, SPACY, LEMMA, IS_PUNCT, TAG, LOWER, DEP, HEAD, POS, ENT_TYPE, IS_TITLE])
            # HEAD is a signed offset stored in an unsigned array: the cast to int64 gives it back
            heads = (arr[:, 7].astype(numpy.int64) + numpy.arange(len(doc), dtype=numpy.int64)).tolist()
            cols = arr.T.tolist()
        else:
            heads, cols = [], [[]] * 11
        strings = _strings_of(doc.vocab.strings)
        self.text: list[str] = strings(cols[0])
        self.ws: list[str] = list(map(_WS.__getitem__, cols[1]))
        self.lemma: list[str] = strings(cols[2])
        self.is_punct: list[bool] = list(map(bool, cols[3]))
        self.tag: list[str] = strings(cols[4])
        self.lower: list[str] = strings(cols[5])
        self.dep: list[str] = strings(cols[6])
        self.head: list[int] = heads
        self.pos: list[str] = strings(cols[8])
        self.ent_type: list[str] = strings(cols[9])
        self.is_title: list[bool] = list(map(bool, cols[10]))

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (spaCy keeps at most one space after a token)."""
        if end - start == 1:
            return self.text[start]
        return "".join([w + s for w, s in zip(self.text[start : end - 1], self.ws[start : end - 1])]) + self.text[end - 1]


_WS = ("", " ")

#: hash -> string, as the string store answered: ``StringStore[hash]`` costs about
#: ten times a dict probe, and the same few thousand words, tags and labels recur in
#: every document. One memo per string store; emptied when it grows past the limit.
_STRINGS: dict[int, tuple[Any, dict[int, str]]] = {}
_STRINGS_LIMIT = 500_000


def _strings_of(store: Any) -> Any:
    """A function from a column of hashes to their strings, through the memo of ``store``."""
    entry = _STRINGS.get(id(store))
    if entry is None or entry[0] is not store:
        _STRINGS.clear()  # one model per process in practice: keep one store's memo
        entry = _STRINGS[id(store)] = (store, {})
    memo = entry[1]
    if len(memo) > _STRINGS_LIMIT:
        memo.clear()

    def strings(hashes: list[int]) -> list[str]:
        try:
            return list(map(memo.__getitem__, hashes))
        except KeyError:  # a word this memo has not seen yet
            for h in hashes:
                if h not in memo:
                    memo[h] = store[h]
            return list(map(memo.__getitem__, hashes))

    return strings


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
        # what ``Doc.text`` joins (each token's text and its trailing space), read from the
        # token table: spaCy makes a ``Token`` object for every token of the document
        table = token_table(doc)
        _text = "".join(map(str.__add__, table.text, table.ws))
    return _text


def doc_sents(doc: Any) -> tuple[Any, ...]:
    """``tuple(doc.sents)``, built once per document."""
    global _sents
    _for(doc)
    if _sents is None:
        _sents = tuple(doc.sents)
    return _sents


def slice_span(doc: Any, start: int, end: int) -> Any:
    """``doc[start:end]``; for a range inside the document (``0 <= start <= end <= len(doc)``)
    the ``Span`` is made directly, without spaCy's pure-Python ``normalize_slice``, which
    ``Doc.__getitem__`` calls for every slice (2 to 4 % of coding). Any other range goes
    through ``doc[start:end]`` as before."""
    if 0 <= start <= end <= len(doc):
        return _Span(doc, start, end)
    return doc[start:end]


def sentence_of(tok: Any) -> Any:
    """``tok.sent`` as :func:`doc_sents` holds it (one bisect over the sentence starts).
    spaCy's ``Token.sent`` makes two ``Span`` objects through ``normalize_slice`` and walks
    the sentence's tokens on every call; both read the same ``sent_start`` flags. A
    document with sentence hooks (none of ours has one) is asked as before."""
    doc = tok.doc
    if doc.user_hooks or doc.user_span_hooks or doc.user_token_hooks:
        return tok.sent
    sents = doc_sents(doc)
    memo = doc_memo(doc)
    starts = memo.get(_SENT_STARTS)
    if starts is None:
        starts = memo[_SENT_STARTS] = [s.start for s in sents]
    return sents[bisect_right(starts, tok.i) - 1]


_SENT_STARTS = ("views", "sentence starts")


def span_text(span: Any) -> str:
    """``span.text`` cut from :func:`doc_text` (spaCy joins the span's tokens again on each access)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def token_table(doc: Any) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once per document."""
    global _table
    if doc is _last_doc and _table is not None:
        return _table  # asked tens of thousands of times per document batch: no call to _for
    _for(doc)
    if _table is None:
        _table = TokenTable(doc)
    return _table


def child_indices(doc: Any) -> list[list[int]]:
    """For each token index, the indices of its syntactic children, in order."""
    memo = doc_memo(doc)
    found = memo.get("children")
    if found is None:
        table = token_table(doc)
        found = [[] for _ in table.head]
        for i, h in enumerate(table.head):
            if h != i:
                found[h].append(i)
        memo["children"] = found
    return found


def subtree_indices(doc: Any, i: int) -> list[int]:
    """``[t.i for t in doc[i].subtree]``, in the same order (each left child's subtree, the
    token, each right child's subtree), from :func:`child_indices`: no ``Token`` objects."""
    kids = child_indices(doc)
    out: list[int] = []
    stack: list[tuple[int, bool]] = [(i, False)]
    while stack:
        j, ready = stack.pop()
        if ready:
            out.append(j)
            continue
        below = kids[j]
        stack.extend((k, False) for k in reversed(below) if k > j)
        stack.append((j, True))
        stack.extend((k, False) for k in reversed(below) if k < j)
    return out


def doc_tokens(doc: Any) -> list[Any]:
    """``list(doc)``, built once per document: one ``Token`` per index, where ``doc[i]`` and
    iterating a ``Span`` make a new one on every call (about twelve a token a document).
    Index it instead of ``doc[i]`` and slice it (``[span.start:span.end]``) instead of
    iterating a span where a ``Token`` is wanted."""
    memo = doc_memo(doc)
    found = memo.get(_TOKENS)
    if found is None:
        found = memo[_TOKENS] = list(doc)
    return found  # type: ignore[no-any-return]


_TOKENS = ("views", "tokens")


def doc_ents(doc: Any) -> tuple[Any, ...]:
    """``tuple(doc.ents)``, built once per document (``Span.ents`` rebuilds every entity on each access)."""
    memo = doc_memo(doc)
    found = memo.get("ents")
    if found is None:
        found = memo["ents"] = tuple(doc.ents)
    return found


#: spaCy's English noun-chunk labels (``spacy/lang/en/syntax_iterators.py``)
_NP_DEPS = frozenset(["oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"])
_NP_POS = frozenset(["NOUN", "PROPN", "PRON"])


def noun_chunks(doc: Any) -> tuple[Any, ...]:
    """``tuple(doc.noun_chunks)``, built once per document.

    For the English iterator, its rule is applied to the token table: spaCy's
    version makes a ``Token`` object and reads its attributes for every token of
    the document; this one only for the nouns and pronouns (their left edges).
    The chunks are the same ``NP`` spans; another language's iterator is called as it is.
    """
    memo = doc_memo(doc)
    found = memo.get("noun_chunks")
    if found is None:
        found = memo["noun_chunks"] = _noun_chunks(doc)
    return found


def _noun_chunks(doc: Any) -> tuple[Any, ...]:
    from spacy.lang.en.syntax_iterators import noun_chunks as english
    from spacy.tokens import Span

    if doc.noun_chunks_iterator is not english or not doc.has_annotation("DEP"):
        return tuple(doc.noun_chunks)  # other languages; spaCy's own error without a parse
    table = token_table(doc)
    pos, dep, head = table.pos, table.dep, table.head
    kids = child_indices(doc)
    out = []
    prev_end = -1
    for i in [i for i, p in enumerate(pos) if p in _NP_POS]:
        # spaCy reads the left edge first; a token whose label makes no chunk changes
        # nothing either way, so the label is tested first and only a chunk's head has its
        # left edge computed (from the child table: no ``Token`` objects)
        if dep[i] in _NP_DEPS:
            pass
        elif dep[i] == "conj":
            h = head[i]
            while dep[h] == "conj" and head[h] < h:
                h = head[h]
            if dep[h] not in _NP_DEPS:
                continue
        else:
            continue
        left = left_edge_index(kids, head, i)
        if left < 0:
            left = doc[i].left_edge.i
        if left <= prev_end:
            continue
        prev_end = i
        out.append(Span(doc, left, i + 1, label="NP"))
    return tuple(out)


def left_edge_index(kids: list[list[int]], head: list[int], i: int) -> int:
    """``doc[i].left_edge.i`` from :func:`child_indices` (``kids``) and the head list, or -1
    where spaCy's value is not sure to be this one (ask the ``Token`` then).

    The answer is the smallest index ``m`` in the token's subtree. spaCy's ``l_edge``
    (``set_children_from_heads``) is never below it (edges only pass from child to head)
    and reaches it in the first forward pass when the heads from ``m`` up to ``i`` rise
    strictly, as in every projective subtree; on a non-projective path spaCy's passes may
    stop short, so -1 (also when the walk meets more tokens than the document has: heads
    in a loop, which no parser gives)."""
    low = i
    stack = list(kids[i])
    left = len(kids)
    while stack:
        left -= 1
        if left < 0:
            return -1
        j = stack.pop()
        low = min(low, j)
        stack.extend(kids[j])
    j = low
    while j != i:
        up = head[j]
        if up <= j:
            return -1
        j = up
    return low


def sentence_ents(sent: Any) -> list[Any]:
    """The entities inside one sentence span, from the document's cached list."""
    return [e for e in doc_ents(sent.doc) if e.start >= sent.start and e.end <= sent.end]


def of_object(tok: Any) -> Any | None:
    """The object of ``tok``'s "of" ("thousands *of* workers", "one *of* the victims"), or None."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def doc_memo(doc: Any) -> dict[Any, Any]:
    """A dict for per-document results (key them by stage and token range), emptied for the next document."""
    if doc is not _last_doc:
        _for(doc)
    return _memo


def forget() -> None:
    """Drop the cached document (so that its memory can be freed)."""
    _for(None)
