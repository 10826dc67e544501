"""Measure count extraction against a labelled JSONL set (PLOVER GSR shape).

Each line has ``text`` and ``gold`` with ``fatalities`` (and optionally
``injured``) as a number written in digits, or null when unlabelled. The
score for a field is the share of labelled lines where the first sentence
with a count of that field (trigger ``None``) gives the gold value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khaldun.counts.extract import extract_counts


@dataclass(frozen=True, slots=True)
class FieldScore:
    name: str
    labelled: int
    correct: int
    misses: list[tuple[str, str, int | None]] = field(default_factory=list)
    """(text, gold, predicted) for every wrong line"""

    @property
    def accuracy(self) -> float:
        return self.correct / self.labelled if self.labelled else 0.0


def _gold_value(raw: Any) -> int | None:
    try:
        return int(str(raw).replace(",", ""))
    except ValueError:
        return None


def score_file(
    path: str | Path, nlp: Any, fields: tuple[str, ...] = ("fatalities", "injured")
) -> dict[str, FieldScore]:
    """Accuracy of ``extract_counts(sentence, None).<field>.value`` on the labelled lines of ``path``."""
    rows = [
        json.loads(line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    scores = {}
    for name in fields:
        labelled = [
            (r["text"], r["gold"][name]) for r in rows if r.get("gold", {}).get(name) is not None
        ]
        labelled = [(text, gold) for text, gold in labelled if _gold_value(gold) is not None]
        correct, misses = 0, []
        for doc, (text, gold) in zip(nlp.pipe(t for t, _ in labelled), labelled, strict=True):
            predicted = None
            for sent in doc.sents:
                count = getattr(extract_counts(sent, None), name)
                if count is not None:
                    predicted = count.value
                    break
            if predicted == _gold_value(gold):
                correct += 1
            else:
                misses.append((text, str(gold), predicted))
        scores[name] = FieldScore(name, len(labelled), correct, misses)
    return scores
