"""Quality floors: the scores CI holds khaldun to, pinned to each gold set's digest.

The floors file (``tests/quality_floors.json``) maps a gold file name to the
scheme that scores it, the SHA-256 of the file the floors were measured on,
and ``floors``: ``"field.metric"`` -> the lowest value CI accepts. Floors may
only rise while the digest stays the same: :func:`raise_floors` never lowers
one, and :func:`lowered_floors` finds any change that did (the gate test runs
it over the file's git history). A changed gold set is a new set: its floors
are re-measured from scratch, and only then may they differ downwards.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from khaldun.errors import UsageError
from khaldun.evaluation.runner import EvalReport

DEFAULT_MARGIN = 0.01
"""floors sit this far below the measured score, so run-to-run noise does not fail CI"""

Floors = dict[str, dict[str, Any]]

PINNED_METRICS: dict[str, list[str]] = {
    "plover_gsr": [
        "event_type.accuracy", "actor_country.accuracy", "actor_sector.accuracy",
        "recipient_country.accuracy", "location.accuracy", "location_country.accuracy",
        "fatalities.accuracy", "fatalities.f1",
    ],
    "conflibert_cameo": ["quad_class.macro_f1", "quad_class.accuracy"],
    "petr2_gsr": [
        "cameo_root.f1", "cameo_code.f1", "dyad_root.f1", "dyad.f1",
        "event_detection.f1", "empty_sentences.accuracy",
    ],
    "petrarch2_unittest": ["cameo_root.f1", "cameo_code.f1", "event_detection.f1", "empty_sentences.accuracy"],
    "acled_acledr": [
        "event_type.accuracy", "sub_event_type.accuracy", "location_country.accuracy",
        "location.accuracy", "date.accuracy", "fatalities.accuracy",
    ],
    "acled_asia2015": ["event_type.accuracy", "location_country.accuracy", "fatalities.accuracy"],
    "case2021_task2": ["sub_event_type.weighted_f1", "sub_event_type.accuracy", "event_type.accuracy"],
    "indiapoliceevents_docs": ["police_action.macro_f1"],
    "indiapoliceevents_sents": ["police_action.macro_f1"],
}
"""the metrics a set gets floors for when it first enters the floors file, by scheme"""


def load_floors(path: str | Path) -> Floors:
    """Read and check a floors file."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"floors file {p} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise UsageError(f"floors file {p} is not JSON: {exc}") from exc
    return validate_floors(data, str(p))


def validate_floors(data: Any, origin: str = "floors") -> Floors:
    if not isinstance(data, dict):
        raise UsageError(f"{origin}: expected an object of gold file name -> entry")
    for name, entry in data.items():
        if name.startswith("_"):
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str) or not isinstance(entry.get("floors"), dict):
            raise UsageError(f"{origin}: {name} needs 'sha256' (string) and 'floors' (object)")
        for metric, value in entry["floors"].items():
            if "." not in metric or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise UsageError(f"{origin}: {name} floor {metric!r}={value!r} must be 'field.metric' -> 0..1")
    return data


def sets(floors: Mapping[str, Any]) -> list[str]:
    """The gold file names a floors file covers (keys starting with ``_`` are notes)."""
    return sorted(k for k in floors if not k.startswith("_"))


def check_report(report: EvalReport, entry: Mapping[str, Any]) -> list[str]:
    """Every way ``report`` falls short of ``entry``; empty when it passes."""
    if report.sha256 != entry["sha256"]:
        return [
            (f"{report.gold_path} changed: sha256 {report.sha256} but the floors were measured on "
            f"{entry['sha256']}. The set is no longer the one the floors describe; re-measure with "
            "`python scripts/raise_floors.py --accept-new-digest` and commit tests/quality_floors.json.")
        ]
    measured = report.metrics()
    failures = []
    for metric, floor in sorted(entry["floors"].items()):
        if metric not in measured:
            failures.append(f"{metric}: not measured by scheme {report.scheme}")
        elif measured[metric] < floor:
            failures.append(f"{metric}: {measured[metric]:.4f} is below the floor {floor:.4f}")
    return failures


def floor_of(value: float, margin: float = DEFAULT_MARGIN) -> float:
    """``value - margin``, rounded down to 2 decimals, never below 0."""
    return max(0.0, math.floor((value - margin) * 100 + 1e-9) / 100)


def raise_floors(
    old: Floors,
    reports: Mapping[str, EvalReport],
    metrics: Mapping[str, list[str]] | None = None,
    margin: float = DEFAULT_MARGIN,
    accept_new_digest: bool = False,
) -> tuple[Floors, list[str]]:
    """New floors from fresh reports (gold file name -> report); returns (floors, notes).

    For a set whose digest is unchanged, each floor becomes the higher of its
    old value and the new measurement less ``margin``: it never goes down. A
    set with a new digest, or one not in ``old``, is measured from scratch,
    which for a changed set requires ``accept_new_digest``. ``metrics`` names
    the metrics to pin for a set not yet in ``old``, by scheme (default
    :data:`PINNED_METRICS`).
    """
    new: Floors = {k: v for k, v in old.items()}
    notes: list[str] = []
    for name, report in sorted(reports.items()):
        measured = report.metrics()
        entry = old.get(name)
        if entry is not None and entry["sha256"] != report.sha256:
            if not accept_new_digest:
                raise UsageError(
                    f"{name} changed (sha256 {report.sha256[:12]}, floors measured on {entry['sha256'][:12]}); "
                    "pass --accept-new-digest to re-measure its floors from scratch"
                )
            notes.append(f"{name}: new digest, floors re-measured from scratch")
            entry = None
        wanted = list(entry["floors"]) if entry else list((metrics or PINNED_METRICS).get(report.scheme, []))
        floors: dict[str, float] = {}
        for metric in wanted:
            if metric not in measured:
                raise UsageError(f"{name}: scheme {report.scheme} does not measure {metric!r}")
            proposed = floor_of(measured[metric], margin)
            current = float(entry["floors"][metric]) if entry else None
            if current is not None and proposed <= current:
                floors[metric] = current
                continue
            floors[metric] = proposed
            notes.append(f"{name}: {metric} {current if current is not None else '-'} -> {proposed:.2f} "
                         f"(measured {measured[metric]:.4f})")
        new[name] = {"scheme": report.scheme, "sha256": report.sha256, "floors": dict(sorted(floors.items()))}
    return new, notes


def lowered_floors(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Floors that ``new`` lowers or drops relative to ``old`` for the same gold digest."""
    problems = []
    for name in sets(old):
        before, after = old[name], new.get(name)
        if after is None:
            problems.append(f"{name}: its floors were removed")
            continue
        if after.get("sha256") != before.get("sha256"):
            continue  # a changed set is measured afresh
        for metric, value in before["floors"].items():
            if metric not in after["floors"]:
                problems.append(f"{name}: floor {metric} was removed")
            elif after["floors"][metric] < value:
                problems.append(f"{name}: floor {metric} lowered from {value} to {after['floors'][metric]}")
    return problems
