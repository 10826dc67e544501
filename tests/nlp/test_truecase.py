"""Text as it comes: lower-case and all-caps lines are re-cased before parsing, keeping offsets."""

from __future__ import annotations

import pytest

from khaldun.nlp.truecase import line_casing, truecase


@pytest.mark.parametrize("text", [
    "dharwad: police arrested 40 bjp workers in new delhi on tuesday. mr sharma said i was there.",
    "THE POLICE OPENED FIRE IN MUMBAI, INDIA. TWO DIED.",
    "Title\n\nin lower case: \u201cquoted\u201d and i\u0307 with a dot, nothing else.",
])
def test_only_letter_case_changes(text):
    out = truecase(text)
    assert len(out) == len(text)
    assert out.lower() == text.lower()


def test_lower_case_line_gets_sentence_starts_and_known_names():
    out = truecase("dharwad: police arrested 40 bjp workers in new delhi on tuesday. they said i was in pakistan.")
    assert out.startswith("Dharwad: police arrested 40 BJP workers in New Delhi on Tuesday. They said I was in Pakistan.")


def test_common_words_that_are_also_place_names_stay_lower_case():
    # "mobile", "reading" and "police" are towns as well as common words
    out = truecase("the mobile police unit was reading the charges to the crowd at the gate.")
    assert out == "The mobile police unit was reading the charges to the crowd at the gate."


def test_all_caps_line_is_lowered_then_cased():
    assert truecase("POLICE FIRED ON PROTESTERS IN KARACHI, PAKISTAN.") == "Police fired on protesters in Karachi, Pakistan."


def test_edited_text_is_left_alone():
    text = "Police in Lahore said the march was peaceful. the rest is ordinary."
    assert truecase(text) == text


def test_only_uninformative_lines_change():
    text = "Police Report From Lahore\n\npolice arrested three men in lahore on friday."
    assert truecase(text) == "Police Report From Lahore\n\nPolice arrested three men in Lahore on Friday."


def test_honorific_names_the_next_word():
    assert truecase("the statement was read out by mr kumarasamy at noon.") == "The statement was read out by Mr Kumarasamy at noon."


def test_line_casing():
    assert line_casing(["the", "police", "came"]) == "lower"
    assert line_casing(["THE", "POLICE", "CAME"]) == "caps"
    assert line_casing(["The", "police", "came"]) == "mixed"
    assert line_casing(["ok"]) == "mixed"


def test_the_parser_finds_names_in_lower_case_text(nlp):
    text = "police arrested two men in karachi and sent them to lahore."
    doc = nlp(text)
    assert len(doc.text) == len(text)
    places = {e.text for e in doc.ents if e.label_ == "GPE"}
    assert {"Karachi", "Lahore"} <= places


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "POLICE ARRESTED 40 PROTESTERS IN MUMBAI ON TUESDAY, OFFICIALS SAID.",
    "police arrested 40 protesters in mumbai on tuesday, officials said.",
])
def test_records_quote_the_document_as_written(nlp, text):
    from khaldun.ingest import make_document
    from khaldun.pipeline import Pipeline

    doc = make_document(text, "test", 100_000, doc_date="2024-03-10")
    [(_, events)] = list(Pipeline().outcomes([doc]))
    assert events
    for event in events:
        ev = event.evidence
        assert doc.text[ev.start:ev.end].strip() == ev.sentence
        quoted = [ev.trigger, event.date_text, *(a.text for a in (event.actor, event.recipient) if a),
                  *(c.text for c in (event.arrested, event.fatalities) if c),
                  event.location.text if event.location else None]
        for words in filter(None, quoted):
            assert words in doc.text, words
