"""The per-document views give what spaCy's own accessors give, for every token."""

from __future__ import annotations

from khaldun.coding.lexicon import Lexicon
from khaldun.nlp.views import sentence_of, slice_span, token_table

TEXT = ("Police arrested 40 workers in Dharwad on Tuesday. \u201cThey fired,\u201d a witness said.\n\n"
        "Protesters  blocked the road near the town hall; the army  later cleared it. "
        "A sit-in and a hunger strike followed.")


def test_sentence_of_is_the_tokens_sentence(nlp):
    doc = nlp(TEXT)
    assert len(list(doc.sents)) > 2
    for tok in doc:
        assert (sentence_of(tok).start, sentence_of(tok).end) == (tok.sent.start, tok.sent.end)


def test_slice_span_is_the_documents_slice(nlp):
    doc = nlp(TEXT)
    n = len(doc)
    for a, b in [(0, n), (0, 1), (3, 3), (5, 9), (n, n), (-3, n), (4, n + 5), (7, 2)]:
        got, want = slice_span(doc, a, b), doc[a:b]
        assert (got.start, got.end, got.text) == (want.start, want.end, want.text)


def test_table_span_text_is_the_spans_text(nlp):
    doc = nlp(TEXT)
    cut = token_table(doc).span_text
    for a in range(len(doc)):
        for b in range(a + 1, min(a + 6, len(doc)) + 1):
            assert cut(a, b) == doc[a:b].text


def test_event_noun_at_is_event_noun(nlp):
    lex = Lexicon.default()
    doc = nlp(TEXT)
    found = [lex.event_noun_at(doc, t.i) for t in doc]
    assert found == [lex.event_noun(t) for t in doc]
    assert any(found)  # "sit-in", "hunger strike"


def test_subtree_indices_are_the_subtree(nlp):
    from khaldun.nlp.views import subtree_indices

    doc = nlp(TEXT)
    for tok in doc:
        assert subtree_indices(doc, tok.i) == [t.i for t in tok.subtree]


def test_left_edge_index_is_the_tokens_left_edge(nlp):
    from khaldun.nlp.views import child_indices, left_edge_index

    doc = nlp(TEXT + " The U.S. and its allies, France and Britain, sent troops and aid to the rebels.")
    kids, head = child_indices(doc), token_table(doc).head
    found = [left_edge_index(kids, head, t.i) for t in doc]
    assert [f for f in found if f >= 0] == [t.left_edge.i for t, f in zip(doc, found) if f >= 0]
    assert -1 not in found  # a projective parse: every answer from the tables
    assert any(t.left_edge.i < t.i for t in doc)
    assert left_edge_index([[1], [0]], [1, 0], 0) == -1  # heads in a loop: the caller asks the Token
    assert left_edge_index([[], [0, 2], []], [1, 1, 1], 1) == 0
    # a non-projective path from the leftmost token up (0 -> 3 -> 2): no answer from the tables
    assert left_edge_index([[], [], [1, 3], [0]], [3, 2, 2, 2], 2) == -1


def test_table_columns_are_the_tokens_attributes(nlp):
    doc = nlp(TEXT + " The U.S.-backed forces of Deir ez-Zor and McDonald's said so.")
    table = token_table(doc)
    for t in doc:
        i = t.i
        assert (table.text[i], table.lower[i], table.lemma[i], table.pos[i], table.tag[i], table.dep[i]) == \
            (t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_)
        assert (table.ent_type[i], table.head[i], table.is_punct[i], table.is_title[i], table.ws[i]) == \
            (t.ent_type_, t.head.i, t.is_punct, t.is_title, t.whitespace_)
    assert any(table.is_title) and not all(table.is_title)


def test_noun_chunks_are_spacys(nlp):
    from khaldun.nlp.views import noun_chunks

    text = (TEXT + " The U.S. and its allies, France and Britain, sent troops and aid to the rebels and the "
            "civilians of Aleppo. Whom did the president of the republic meet? Him and her.")
    doc = nlp(text)
    got = [(s.start, s.end, s.label_) for s in noun_chunks(doc)]
    assert got == [(s.start, s.end, s.label_) for s in doc.noun_chunks]
    assert len(got) > 10
