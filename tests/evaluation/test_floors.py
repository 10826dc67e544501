import pytest

from khaldun.errors import UsageError
from khaldun.evaluation import evaluate
from khaldun.evaluation.floors import (
    check_report,
    floor_of,
    lowered_floors,
    raise_floors,
    validate_floors,
)

from .test_runner import fake_predict, gold_file  # noqa: F401  (fixture)


@pytest.fixture
def report(gold_file):  # noqa: F811
    return evaluate(gold_file, predict=fake_predict)


def test_floor_of_rounds_down_below_the_margin():
    assert floor_of(0.7777) == 0.76
    assert floor_of(0.75) == 0.74
    assert floor_of(0.005) == 0.0


def test_check_report_passes_fails_and_names_a_changed_set(report):
    entry = {"sha256": report.sha256, "floors": {"quad_class.accuracy": 0.5, "quad_class.macro_f1": 0.1}}
    assert check_report(report, entry) == []
    entry["floors"]["quad_class.accuracy"] = 0.6
    assert check_report(report, entry) == ["quad_class.accuracy: 0.5000 is below the floor 0.6000"]
    entry["floors"]["nothing.f1"] = 0.1
    assert any("not measured" in f for f in check_report(report, entry))
    changed = check_report(report, {"sha256": "0" * 64, "floors": {}})
    assert len(changed) == 1 and "changed" in changed[0] and "re-measure" in changed[0]


def test_raise_floors_only_rises(report):
    name = "gold.jsonl"
    fresh, notes = raise_floors({}, {name: report}, metrics={"conflibert_cameo": ["quad_class.accuracy"]})
    assert fresh[name]["floors"] == {"quad_class.accuracy": 0.49} and fresh[name]["sha256"] == report.sha256
    high = {name: {"scheme": "conflibert_cameo", "sha256": report.sha256, "floors": {"quad_class.accuracy": 0.9}}}
    kept, notes = raise_floors(high, {name: report})
    assert kept[name]["floors"]["quad_class.accuracy"] == 0.9 and notes == []
    low = {name: {"scheme": "conflibert_cameo", "sha256": report.sha256, "floors": {"quad_class.accuracy": 0.1}}}
    raised, notes = raise_floors(low, {name: report})
    assert raised[name]["floors"]["quad_class.accuracy"] == 0.49 and notes


def test_raise_floors_refuses_a_changed_set_unless_told(report):
    name = "gold.jsonl"
    old = {name: {"scheme": "conflibert_cameo", "sha256": "f" * 64, "floors": {"quad_class.accuracy": 0.9}}}
    with pytest.raises(UsageError, match="accept-new-digest"):
        raise_floors(old, {name: report})
    new, notes = raise_floors(old, {name: report}, accept_new_digest=True)
    assert new[name]["floors"]["quad_class.accuracy"] == 0.49 and "from scratch" in notes[0]


def test_lowered_floors_spots_lowering_and_removal_for_the_same_digest():
    old = {"a.jsonl": {"sha256": "x", "floors": {"f.f1": 0.5, "g.accuracy": 0.4}}, "_note": "hi"}
    assert lowered_floors(old, old) == []
    lower = {"a.jsonl": {"sha256": "x", "floors": {"f.f1": 0.45}}}
    problems = lowered_floors(old, lower)
    assert any("lowered" in p for p in problems) and any("removed" in p for p in problems)
    assert lowered_floors(old, {"a.jsonl": {"sha256": "y", "floors": {}}}) == []
    assert lowered_floors(old, {}) == ["a.jsonl: its floors were removed"]


def test_validate_floors_rejects_bad_shapes():
    validate_floors({"a.jsonl": {"sha256": "x", "floors": {"f.f1": 0.5}}})
    with pytest.raises(UsageError):
        validate_floors({"a.jsonl": {"floors": {}}})
    with pytest.raises(UsageError):
        validate_floors({"a.jsonl": {"sha256": "x", "floors": {"f1": 0.5}}})
    with pytest.raises(UsageError):
        validate_floors({"a.jsonl": {"sha256": "x", "floors": {"f.f1": 1.5}}})
