"""The per-document cue index (``compose.cue_index``) never hides a cue or a name."""

from __future__ import annotations

from typing import Any

from khaldun.actors import compose

TEXT = ("Former Iranian Foreign Minister Hossein Amirabdollahian met U.N. Secretary-General Kofi Annan "
        "in Tehran on Tuesday. The attack, which the U.S.-backed rebels denied, killed 12 people. "
        "Kenyan police and ex-President Mwai Kibaki's supporters clashed; the two sides blamed Hamas. "
        "Tamil civilian refugees fled the pro-government militia, local councillor Zorbat Quenlin told Dalmor Weekly.")


def test_an_unflagged_range_reads_no_cue_and_no_name(nlp: Any, resolver: Any) -> None:
    doc = nlp(TEXT)
    kb = resolver.kb
    flags = compose.cue_index(kb, doc)
    assert len(flags) == len(doc) and any(flags) and not all(flags)
    hidden = skipped = 0
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 7, len(doc)) + 1):
            reading = compose.read_range(kb, doc, start, end)
            if not compose.may_read(kb, doc, start, end):
                skipped += 1
                hidden += bool(reading.cues or reading.name_tokens)
    assert skipped and not hidden


def test_cues_start_only_at_flagged_tokens(nlp: Any, resolver: Any) -> None:
    doc = nlp(TEXT)
    kb = resolver.kb
    flags = compose.cue_index(kb, doc)
    cues, names = [], []
    for chunk in doc.noun_chunks:
        reading = compose.read(kb, chunk)
        if reading is not None:
            cues += reading.cues
            names += reading.name_tokens
    assert cues and names
    assert all(flags[c.start] for c in cues)
    assert all(flags[t.i] for t in names)


def test_the_index_reads_the_same_in_a_fresh_document(nlp: Any, resolver: Any) -> None:
    # remembered by token form across documents: a second parse gives the same flags
    kb = resolver.kb
    first = compose.cue_index(kb, nlp(TEXT))
    assert compose.cue_index(kb, nlp(TEXT)) == first
