"""Fatalities against PLOVER GSR labels in ../shared/eval (skipped when the set is absent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khaldun.counts.evaluate import score_file

PLOVER = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "plover_gsr.jsonl"

#: floors measured on the set (15/15 fatalities, 3/3 injured); they may only be raised
FLOORS = {"fatalities": 1.0, "injured": 1.0}


@pytest.mark.eval
@pytest.mark.skipif(not PLOVER.exists(), reason="../shared/eval/plover_gsr.jsonl is not present")
def test_plover_fatalities_floor(nlp: Any) -> None:
    scores = score_file(PLOVER, nlp)
    for name, floor in FLOORS.items():
        score = scores[name]
        assert score.labelled > 0
        assert score.accuracy >= floor, (name, score.accuracy, score.misses)
