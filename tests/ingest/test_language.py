"""Language: documents confidently in a language khaldun does not code are rejected; English never is."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from khaldun.ingest import read_inputs
from khaldun.ingest.language import detect_language, parse_languages
from khaldun.records import Document, Rejection

FIXTURES = Path(__file__).parent / "fixtures"
EVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"
CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus.jsonl.gz"

ENGLISH = {
    "acled": "On 3 March 2024, protesters staged a demonstration in Kisumu (Kisumu, Kenya) over fuel prices.",
    "headline": "Troops shell rebel positions near Goma",
    "lower": (
        "police lathi-charged supporters of the samajwadi party near hazratganj on tuesday after they tried to "
        "march towards the vidhan sabha, officials said, and over forty workers including mla ram prakash yadav "
        "were detained and later released from the police lines in lucknow"
    ),
    "caps": (
        "GUNMEN KILLED AT LEAST TWELVE VILLAGERS IN AN OVERNIGHT RAID ON A SETTLEMENT NEAR MAIDUGURI, LOCAL "
        "OFFICIALS SAID ON SUNDAY, BLAMING ISLAMIST INSURGENTS WHO HAVE ATTACKED THE AREA SEVERAL TIMES THIS YEAR "
        "AND BURNED DOZENS OF HOMES BEFORE FLEEING INTO THE SAMBISA FOREST."
    ),
    "names": (
        "Abdelaziz Bouteflika, Ahmed Ouyahia, Abdelmadjid Tebboune, Saïd Chengriha, Noureddine Bedoui, "
        "Ramtane Lamamra, Sabri Boukadoum and Abdelkader Messahel met Mohamed Ould Ghazouani, Sheikh Tamim "
        "bin Hamad Al Thani, Recep Tayyip Erdoğan, Abdel Fattah el-Sisi and Mohammed bin Zayed Al Nahyan in "
        "Algiers, Oran, Tlemcen, Constantine and Tamanrasset."
    ),
}


def read_text(text: str, tmp_path: Path, **kw: object) -> Document | Rejection:
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    (item,) = read_inputs([f], **kw)  # type: ignore[arg-type]
    return item


@pytest.mark.parametrize("name, code, language", [("french", "fr", "French"), ("spanish", "es", "Spanish"), ("arabic", "ar", "Arabic")])
def test_foreign_news_is_rejected_with_its_language_named(name: str, code: str, language: str) -> None:
    f = FIXTURES / f"{name}.txt"
    (rej,) = read_inputs([f])
    assert isinstance(rej, Rejection)
    assert (rej.reason, rej.code, rej.origin) == ("language", "K111", str(f))
    assert f"document is in {language} ({code}, confidence " in rej.message
    assert "khaldun codes en" in rej.message
    assert detect_language(f.read_text(encoding="utf-8"))[0] == code


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_english_is_accepted_short_lower_case_capitals_or_full_of_names(name: str, tmp_path: Path) -> None:
    assert isinstance(read_text(ENGLISH[name], tmp_path), Document)


def test_the_languages_setting_decides(tmp_path: Path) -> None:
    french = (FIXTURES / "french.txt").read_text(encoding="utf-8")
    assert isinstance(read_text(french, tmp_path, languages="en,fr"), Document)
    assert isinstance(read_text(french, tmp_path, languages=("fr",)), Document)
    assert isinstance(read_text(french, tmp_path, languages=""), Document)  # empty: every language kept
    rej = read_text(ENGLISH["caps"] + " " + ENGLISH["lower"], tmp_path, languages="fr")
    assert isinstance(rej, Rejection) and rej.reason == "language" and "in English (en," in rej.message


def test_language_is_checked_in_every_format(tmp_path: Path) -> None:
    spanish = (FIXTURES / "spanish.txt").read_text(encoding="utf-8").split(" ", 2)[2]  # without the date prefix
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "es1", "text": spanish}) + "\n")
    (tmp_path / "in.csv").write_text("id,text\nes2," + json.dumps(spanish) + "\n")
    (tmp_path / "page.html").write_text(f"<html><body><article><p>{spanish}</p></article></body></html>")
    got = list(read_inputs([tmp_path]))
    assert [(r.reason, r.doc_id) for r in got if isinstance(r, Rejection)] == [("language", "es2"), ("language", "es1"), ("language", None)]


def test_parse_languages() -> None:
    assert parse_languages(" EN, fr,,en ") == ("en", "fr")
    assert parse_languages(("en",)) == ("en",)
    assert parse_languages("") == ()


def _eval_texts() -> list[tuple[str, str]]:
    texts = []
    for f in sorted(EVAL.glob("*.jsonl")):
        for i, raw in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            text = json.loads(raw).get("text") if raw.strip() else None
            if isinstance(text, str):
                texts.append((f"{f.name}:{i}", text))
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        texts += [(f"corpus:{i}", json.loads(raw)["text"]) for i, raw in enumerate(fh, 1)]
    return texts


@pytest.mark.slow
@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not here")
def test_no_english_text_in_the_eval_sets_or_the_benchmark_corpus_is_rejected_as_foreign(tmp_path: Path) -> None:
    texts = _eval_texts()
    assert len(texts) > 9000
    f = tmp_path / "all.jsonl"
    f.write_text("".join(json.dumps({"id": origin, "text": text}) + "\n" for origin, text in texts), encoding="utf-8")
    foreign = [r for r in read_inputs([f]) if isinstance(r, Rejection) and r.reason == "language"]
    assert foreign == []
