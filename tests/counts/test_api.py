"""The public surface of khaldun.counts, and the founding article end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import khaldun.counts
from khaldun.counts import extract_counts

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "seed-article.txt"


def test_exported_members() -> None:
    assert khaldun.counts.__all__ == ["Counts", "extract_counts", "parse_number"]
    for name in khaldun.counts.__all__:
        assert hasattr(khaldun.counts, name)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/examples/seed-article.txt is not present")
def test_seed_article_counts_only_where_the_text_has_them(nlp: Any) -> None:
    # the date prefix and dateline are metadata, not event text
    text = SEED.read_text(encoding="utf-8").split(":", 1)[1]
    found = {}
    for sent in nlp(text).sents:
        counts = extract_counts(sent, None)
        for name in ("fatalities", "injured", "arrested", "abducted", "size"):
            count = getattr(counts, name)
            if count is not None:
                found[name] = (count.value, count.qualifier, count.text)
    assert found == {
        "fatalities": (1300, "at_least", "at least 1300"),
        "injured": (3000, "more_than", "over 3000"),
        "abducted": (120, "more_than", "over 120"),
    }
