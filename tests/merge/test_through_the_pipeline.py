"""Merging real coded records: the issue's done-when case, and the floor on the labelled clusters."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from khaldun.merge import merge_store
from khaldun.merge.evaluate import pairwise, read_labels
from khaldun.pipeline import run_into
from khaldun.store import DuckDBStore

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "merge_clusters.jsonl"
FLOORS = {"precision": 0.90, "recall": 0.85}
"""raise only; measured 1.00 and 0.88 (docs/merging.md)"""
MEASURED_DIGEST = "e61944c58cb21854"
"""sha256 (first 16 hex) of the labelled set the figures in docs/merging.md were measured on"""

DONE_WHEN = [
    {"id": "r1", "source": "Reuters", "date": "2024-03-05",
     "text": "Gunmen killed at least 6 soldiers in an attack on an army checkpoint near Maiduguri in Borno State on Monday, officials said."},
    {"id": "r2", "source": "Premium Times", "date": "2024-03-05",
     "text": "Suspected insurgents stormed a military checkpoint in Borno state, killing eight troops, residents said."},
    {"id": "r3", "source": "AFP", "date": "2024-03-06",
     "text": "Boko Haram militants attacked a military post outside Maiduguri on Monday night, killing 11 soldiers, the army said on Wednesday."},
    {"id": "r4", "source": "Reuters", "date": "2024-03-13",
     "text": "Nigerian President Bola Tinubu met Chadian President Mahamat Deby in Abuja on Tuesday to discuss border security."},
]


def _coded(tmp_path: Path, rows: list[dict[str, Any]]) -> DuckDBStore:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = DuckDBStore()
    summary = run_into(store, [path])
    assert summary.rejected == 0
    return store


def test_three_reports_of_one_attack_and_a_meeting_make_two_events(tmp_path: Path, nlp: Any) -> None:
    store = _coded(tmp_path, DONE_WHEN)
    merge_store(store)
    merged = store.merged_events()
    attacks = [m for m in merged if m.record.event_type == "ASSAULT"]
    meetings = [m for m in merged if m.record.event_type == "CONSULT"]
    assert len(attacks) == 1 and len(meetings) == 1, [(m.record.event_type, m.mention_ids) for m in merged]
    attack = attacks[0]
    assert attack.num_mentions == 3 and attack.num_sources == 3
    assert attack.sources == ("AFP", "Premium Times", "Reuters")
    assert attack.record.fatalities is not None and attack.record.fatalities.value == 11  # the latest report's
    assert attack.count_ranges["fatalities"] == (6, 11)
    assert (attack.first_seen, attack.last_seen) == ("2024-03-05", "2024-03-06")
    assert {e.doc_id for e in store.mentions(attack.merged_id)} == {"r1", "r2", "r3"}


def test_the_labelled_set_is_the_one_measured() -> None:
    digest = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()[:16]
    # changing the labelled set means measuring again and updating docs/merging.md and this digest
    assert digest == MEASURED_DIGEST


@pytest.mark.slow
def test_pairwise_precision_and_recall_hold_their_floors(nlp: Any) -> None:
    store = DuckDBStore()
    run_into(store, [FIXTURE])
    merge_store(store)
    scores = pairwise(store.events(), read_labels(FIXTURE))
    assert scores.precision >= FLOORS["precision"], scores.to_dict()
    assert scores.recall >= FLOORS["recall"], scores.to_dict()
