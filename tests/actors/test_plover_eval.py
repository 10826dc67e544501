"""Quality floor: actor country and sector on PLOVER GSR gold actor spans.

Measured 0.895 country / 0.781 sector when written; the floors sit just
under, and may only be raised.
"""

from __future__ import annotations

import pytest

from tests.actors.plover_eval import EVAL, evaluate

COUNTRY_FLOOR = 0.88
SECTOR_FLOOR = 0.77


@pytest.mark.eval
@pytest.mark.slow
def test_plover_gsr_actor_floors(nlp, resolver):
    if not EVAL.is_file():
        pytest.skip(f"{EVAL} is absent")
    score = evaluate(nlp, resolver)
    assert score.country_total > 500 and score.sector_total > 300
    assert score.country >= COUNTRY_FLOOR, f"country {score.country:.3f}\n" + "\n".join(score.misses[:40])
    assert score.sector >= SECTOR_FLOOR, f"sector {score.sector:.3f}\n" + "\n".join(score.misses[:40])
