"""Robustness: whatever text comes in, the pipeline never raises and every record is valid.

Hypothesis writes the documents: news-like sentences from templates filled with
words from the shipped lexicons and knowledge base ("<ACTOR> <VERB> <TARGET> in
<PLACE> on <DATE>, killing <NUM> people"), long lists of names, numbers and
dates in every form, mixed scripts, control and zero-width characters,
unbalanced brackets and quotes, very long sentences, all caps and all lower
case. Each run is derandomized, so CI sees the same documents every time.

The strategies are plain functions so that a longer fuzz campaign can reuse
them (``documents(max_words=...)``) with more examples.
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parents[1] / "khaldun" / "data"


#: first column of the header row, where a shipped TSV has one
HEADERS = {"lemma", "iso3", "name", "term", "kind", "alias", "demonym", "phrase", "word"}


def _rows(path: Path) -> list[list[str]]:
    """Data rows of a shipped TSV, header and comments skipped."""
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return rows[1:] if rows and rows[0][0] in HEADERS else rows


def _inflect(lemma: str) -> list[str]:
    """Rough verb forms (wrong ones are welcome: this is fuzz input)."""
    stem = lemma.removesuffix("e")
    return [lemma, stem + "ed", stem + "ing", lemma + "s", "will " + lemma, "did not " + lemma]


@cache
def vocabulary() -> dict[str, list[str]]:
    """Words from the shipped lexicons, knowledge base and gazetteer, by kind."""
    verbs = sorted({r[0] for r in _rows(DATA / "lexicon" / "verbs.tsv") if r and r[0]})
    nouns = sorted({r[0] for r in _rows(DATA / "lexicon" / "nouns.tsv") if r and r[0]})
    modes = sorted({r[0] for r in _rows(DATA / "lexicon" / "modes.tsv") if r and r[0]})
    countries: set[str] = set()
    demonyms: set[str] = set()
    capitals: set[str] = set()
    for r in _rows(DATA / "actors" / "countries.tsv"):
        if len(r) >= 5:
            countries.add(r[1])
            countries.update(a for a in r[2].split("|") if a)
            demonyms.update(d for d in r[3].split("|") if d)
            capitals.update(c for c in r[4].split("|") if c)
    orgs: set[str] = set()
    for r in _rows(DATA / "actors" / "organizations.tsv"):
        if len(r) >= 2:
            orgs.add(r[0])
            orgs.update(a for a in r[1].split("|") if a)
    people: set[str] = set()
    for r in _rows(DATA / "actors" / "people.tsv"):
        if len(r) >= 2:
            people.add(r[0])
            people.update(a for a in r[1].split("|") if a)
    roles = sorted({r[0] for r in _rows(DATA / "actors" / "roles.tsv") if r and r[0]})
    places: set[str] = set(capitals)
    gazetteer = _rows(DATA / "places" / "gazetteer.tsv")
    for r in gazetteer[:: max(1, len(gazetteer) // 1500)]:  # a fixed, spread sample
        if len(r) >= 3:
            places.add(r[2])
    places.update(r[0] for r in _rows(DATA / "places" / "regions.tsv") if r and r[0])
    return {
        "verb": sorted({form for v in verbs for form in _inflect(v)}),
        "noun": nouns,
        "mode": modes,
        "country": sorted(countries),
        "demonym": sorted(demonyms),
        "org": sorted(orgs),
        "person": sorted(people),
        "role": roles,
        "place": sorted(places),
    }


def _pick(kind: str) -> st.SearchStrategy[str]:
    return st.sampled_from(vocabulary()[kind])


NUMBER_WORDS = ["one", "two", "three", "ten", "twelve", "twenty-five", "ninety-nine", "a hundred", "a thousand", "a dozen", "dozens",
                "hundreds", "thousands", "millions", "scores", "several", "a handful", "zero", "no", "none", "half a million"]
NUMBERS = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**7).map(str),
    st.integers(min_value=0, max_value=10**12).map(lambda n: f"{n:,}"),
    st.integers(min_value=10**15, max_value=10**40).map(str),
    st.floats(min_value=0, max_value=1e4, allow_nan=False).map(lambda f: f"{f:.1f} million"),
    st.sampled_from(NUMBER_WORDS),
    st.tuples(st.integers(0, 10**4), st.integers(0, 10**4)).map(lambda p: f"{p[0]}-{p[1]}"),
    st.tuples(st.integers(0, 500), st.integers(0, 500)).map(lambda p: f"between {p[0]} and {p[1]}"),
    st.integers(min_value=1, max_value=10**5).map(lambda n: f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"),
    st.sampled_from(["1e9", "٣٤", "½", "3/4", "10 to 15", "at least 7", "more than 1,000,000,000,000,000", "0.0001", "-0", "1,2,3",
                     "12.5.6", "1,000.000,5", "100,00", ",5", "5,", "--3", "1O", "twenty-five thousand", "fifty-fifty", "100%"]),
)
DATES = st.one_of(
    st.sampled_from(["31 February 2022", "February 30", "year 99999", "in 99999", "0000-00-00", "2022-13-45", "99/99/9999",
                     "Monday", "last Tuesday", "yesterday", "tomorrow", "the 1990s", "3000 BC", "AD 5", "10,000 BC", "in 1066",
                     "2023-10-15T25:61:00", "October 32, 2023", "the 32nd of March", "mid-2024", "early next year",
                     "Sunday, 29 February 2023", "1 January 0001", "31 December 9999", "June 1st, 1", "the year 2 billion"]),
    st.tuples(st.integers(-5, 40), st.sampled_from(["January", "Feb", "March", "Sept.", "December"]), st.integers(-1, 10**6))
    .map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
    st.tuples(st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99)).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
)
NOISE = st.sampled_from([
    "\u200b", "\u200d", "\ufeff", "\u200e", "\u202e", "\u00ad", "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
    "\r", "\t", "\n\n", "\u2028", "\u00a0", "\u3000", "(", ")", "((", "))", "[", "]", "{", "}", '"', "'", "\u201c", "\u201d",
    "\u00ab", "\u00bb", "...", "!!!", "???", "--", "\u2014", ";;", ",,", "::", "/", "\\", "@", "#", "&amp;", "<b>", "</p>",
    "\U0001f4a5", "\U0001f525\U0001f1fa\U0001f1e6", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
    "\u5317\u4eac\u5e02", "\u041c\u043e\u0441\u043a\u0432\u0430", "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd", "\u0915\u093f\u0924\u093e\u092c",
    "\u0301", "e\u0301", "\ufffd", "\ud7ff", "\U0010ffff",
])
SCRIPT_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),  # CJK
        st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F6FF),  # emoji
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=80,
)
FILLER = ["the", "a", "of", "and", "in", "on", "said", "after", "near", "people", "police", "rebels", "troops", "protesters",
          "government", "officials", "village", "town", "said on", "according to", "reported", "at least", "killing", "wounding"]


def _actor() -> st.SearchStrategy[str]:
    return st.one_of(
        _pick("country"), _pick("org"), _pick("person"),
        st.tuples(_pick("demonym"), _pick("role")).map(" ".join),
        st.tuples(_pick("role"), _pick("person")).map(lambda t: f"{t[0].title()} {t[1]}"),
        st.tuples(_pick("demonym"), _pick("role"), _pick("person")).map(lambda t: f"The {t[0]} {t[1]}, {t[2]},"),
        st.sampled_from(["Police", "Gunmen", "Unidentified gunmen", "Protesters", "He", "They", "It", "The two countries", "Both sides"]),
    )


@st.composite
def news_sentence(draw: Any) -> str:
    """One sentence from a template, its slots filled from the lexicons and the KB."""
    actor, target, place = draw(_actor()), draw(_actor()), draw(_pick("place"))
    verb, noun, mode = draw(_pick("verb")), draw(_pick("noun")), draw(_pick("mode"))
    num, num2, date = draw(NUMBERS), draw(NUMBERS), draw(DATES)
    templates = [
        f"{actor} {verb} {target} in {place} on {date}, killing {num} people.",
        f"{actor} {verb} {target} in {place} on {date}, killing {num} people and wounding {num2}.",
        f"{num} people were killed and {num2} injured when {actor} carried out an {noun} with {mode} in {place} on {date}.",
        f"{actor} said {target} had {verb} {num} {draw(_pick('role'))}s near {place}, {date}.",
        f"In {place}, {num} {mode} {noun}s by {actor} left {num2} dead, {target} said {date}.",
        f"{actor} and {target} {verb} ({place}) \u201c{noun}\u201d {date} {num}",
        f"{actor} arrested {num} protesters in {place} on {date}; {num2} were released.",
        f"{target} accused {actor} of {verb} {mode} in {place} {date}.",
        f"{actor} will {verb} {target} if {target} does not {verb} by {date}.",
        f"{draw(_pick('person'))}, {draw(_pick('role'))} of {draw(_pick('country'))}, met {draw(_pick('person'))} in {place} on {date}.",
    ]
    return draw(st.sampled_from(templates))


@st.composite
def name_list(draw: Any, max_names: int = 60) -> str:
    """ "A, B, C, ... and Z" with countries, organisations, people and places."""
    n = draw(st.integers(min_value=2, max_value=max_names))
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    vocab = vocabulary()
    names = [rng.choice(vocab[rng.choice(["country", "org", "person", "place", "demonym"])]) for _ in range(n)]
    head = ", ".join(names[:-1]) + " and " + names[-1]
    verb = draw(_pick("verb"))
    return draw(st.sampled_from([f"{head} {verb} {draw(_actor())}.", f"{draw(_actor())} {verb} {head}.", head]))


@st.composite
def long_sentence(draw: Any, max_words: int = 400) -> str:
    """A run-on sentence: many words, no full stop (drawn from a seed: thousands of words fit no example buffer)."""
    n = draw(st.integers(min_value=50, max_value=max_words))
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    vocab = vocabulary()
    pools = [FILLER, FILLER, vocab["verb"], vocab["place"], vocab["country"], vocab["person"], NUMBER_WORDS]
    return " ".join(rng.choice(rng.choice(pools)) for _ in range(n))


@st.composite
def noisy(draw: Any, base: str) -> str:
    """``base`` with noise characters, script runs and brackets inserted at random places."""
    pieces = list(base)
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        at = draw(st.integers(min_value=0, max_value=len(pieces)))
        pieces.insert(at, draw(st.one_of(NOISE, SCRIPT_TEXT)))
    return "".join(pieces)


def sentence() -> st.SearchStrategy[str]:
    return st.one_of(
        news_sentence(), news_sentence(), news_sentence(), name_list(), NUMBERS, DATES, SCRIPT_TEXT,
        st.lists(NOISE, min_size=1, max_size=20).map("".join),
    )


@st.composite
def documents(draw: Any, max_sentences: int = 8, max_words: int = 400) -> str:
    """A whole document: sentences, perhaps a run-on one, then a transformation."""
    parts = draw(st.lists(st.one_of(sentence(), sentence(), long_sentence(max_words)), min_size=1, max_size=max_sentences))
    sep = draw(st.sampled_from([" ", " ", "\n\n", "\n", "", " ... ", " \u2022 ", "\r\n"]))
    text = sep.join(parts)
    transform = draw(st.sampled_from(["none", "none", "upper", "lower", "nostop", "noise", "noise", "repeat"]))
    if transform == "upper":
        text = text.upper()
    elif transform == "lower":
        text = text.lower()
    elif transform == "nostop":
        text = text.replace(".", " ").replace(";", ",")
    elif transform == "noise":
        text = draw(noisy(text))
    elif transform == "repeat":
        text = (text + " ") * draw(st.integers(min_value=2, max_value=6))
    return text


# -- the property ---------------------------------------------------------------------------


def check_results(texts: list[str], results: list[tuple[Any, list[Any]]], rejections: list[Any], summary: Any) -> None:
    """Every input comes back once, no coding failure, every record valid and placed in its text."""
    from khaldun.schema import validation_errors

    failed = [r for r in rejections if r.reason in ("coding_failed", "timeout")]
    assert not failed, failed
    assert len(results) + len(rejections) + summary.duplicates == len(texts)
    for doc, events in results:
        for event in events:
            record = event.to_dict()
            assert not validation_errors(record), (doc.doc_id, validation_errors(record))
            ev = event.evidence
            assert 0 <= ev.start <= ev.end <= len(doc.text), (doc.doc_id, ev)
            assert doc.text[ev.start : ev.end].strip() == ev.sentence, (doc.doc_id, ev)


#: publication dates, the ends of the calendar among them ("tomorrow" on 9999-12-31)
DOC_DATES = st.one_of(
    st.none(),
    st.sampled_from(["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30", "2024-02-29", "1900-03-01"]),
    st.dates().map(lambda d: d.isoformat()),
)


def run_texts(texts: list[str], folder: Path, dates: list[str | None] | None = None) -> None:
    """Write ``texts`` as one JSONL input, run the one-call pipeline over it and check the results."""
    from khaldun.config import Settings
    from khaldun.pipeline import extract

    path = folder / "fuzz.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for n, text in enumerate(texts):
            obj = {"id": f"fuzz-{n}", "text": text}
            if dates and dates[n % len(dates)]:
                obj["date"] = dates[n % len(dates)]
            f.write(json.dumps(obj) + "\n")
    results, rejections, summary = extract([str(path)], Settings(workers=1))
    check_results(texts, results, rejections, summary)


@pytest.mark.slow
@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
@given(docs=st.lists(st.tuples(documents(), DOC_DATES), min_size=1, max_size=4))
def test_pipeline_never_raises(nlp: Any, tmp_path_factory: pytest.TempPathFactory, docs: list[tuple[str, str | None]]) -> None:
    run_texts([t for t, _ in docs], tmp_path_factory.mktemp("fuzz"), [d for _, d in docs])


@pytest.mark.slow
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
@given(text=long_sentence(max_words=3000), names=name_list(max_names=400))
def test_very_long_sentences_and_lists(nlp: Any, tmp_path_factory: pytest.TempPathFactory, text: str, names: str) -> None:
    run_texts([text, names, text.upper() + " " + names], tmp_path_factory.mktemp("fuzz-long"))


@pytest.mark.slow
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
@given(names=name_list(max_names=150), text=long_sentence(max_words=300))
def test_mentions_before_a_point_match_a_scan(nlp: Any, names: str, text: str) -> None:
    """``DocumentActors._before`` bisects; on name-dense text, where mentions nest, it equals a plain scan."""
    from khaldun.actors import ActorResolver

    doc = nlp(f"{names}. {text}. The minister, the spokesman, {names}")
    actors = ActorResolver.default().for_document(doc, None)
    mentions = actors.mentions
    points = sorted({0, len(doc.text)} | {m.start for m in mentions} | {m.end for m in mentions} | {m.end - 1 for m in mentions})
    for char in points:
        assert actors._before(char) == [m for m in mentions if m.end <= char], char
