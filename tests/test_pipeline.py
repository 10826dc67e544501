"""The pipeline's own duties: one coding per article, reused ids rejected, summary counts."""

from __future__ import annotations

import pytest

from khaldun.ingest import make_document
from khaldun.pipeline import Pipeline
from khaldun.records import Rejection

TEXT = "Police arrested ten protesters in Nairobi on Friday, a spokesman said."


def test_same_article_twice_is_coded_once_and_a_reused_id_is_rejected(nlp):
    a = make_document(TEXT, "a.jsonl:1", 10_000, doc_id="x1", doc_date="2024-03-10")
    again = make_document(TEXT, "a.jsonl:2", 10_000, doc_id="x1", doc_date="2024-03-10")
    other = make_document("Rebels attacked a convoy near Goma.", "a.jsonl:3", 10_000, doc_id="x1", doc_date="2024-03-10")
    coded, rejected = [], []
    summary = Pipeline().run([a, again, other], on_document=lambda d, e: coded.append(d), on_rejection=rejected.append)
    assert [d.origin for d in coded] == ["a.jsonl:1"]
    assert summary.duplicates == 1
    [rej] = rejected
    assert isinstance(rej, Rejection) and rej.reason == "duplicate_id" and rej.code == "K109"
    assert rej.origin == "a.jsonl:3" and rej.doc_id == "x1"
    assert summary.rejected_by_reason == {"duplicate_id": 1}


def test_articles_in_other_languages_are_rejected_with_the_language_named() -> None:
    from pathlib import Path

    from khaldun.config import Settings
    from khaldun.pipeline import extract

    fixtures = Path(__file__).parent / "ingest" / "fixtures"
    results, rejections, summary = extract([str(fixtures / f) for f in ("french.txt", "spanish.txt", "arabic.txt")], Settings(workers=1))
    assert results == [] and summary.rejected_by_reason == {"language": 3}
    named = [r.message for r in rejections]
    assert [("French" in named[0]), ("Spanish" in named[1]), ("Arabic" in named[2])] == [True, True, True]
    assert all(r.code == "K111" for r in rejections)


@pytest.mark.slow
def test_event_ids_are_unique_across_a_corpus() -> None:
    """Two records of one trigger (an attack reported as denied, and the denial) never share an id."""
    import gzip
    import json
    from pathlib import Path

    from khaldun.config import Settings
    from khaldun.ingest.readers import document_from_mapping
    from khaldun.pipeline import Pipeline

    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus.jsonl.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        docs = [document_from_mapping(json.loads(line), f"corpus:{i}", 1_000_000) for i, line in enumerate(fh) if i < 120]
    ids = [e.event_id for _, events in Pipeline(Settings(workers=1)).outcomes(docs) for e in events]
    assert len(ids) > 1000 and len(ids) == len(set(ids))
