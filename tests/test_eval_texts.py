"""Every text of ../shared/eval through the whole pipeline: none fails to code, none times out.

About 9,600 texts in nine eval sets (news leads, police reports, PETRARCH unit
sentences, long ACLED notes). One run with two worker processes, as on CI's two
cores; every input must come back as a document, a rejection or a duplicate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@pytest.mark.slow
def test_every_eval_text_is_coded(tmp_path: Path) -> None:
    files = sorted(EVAL.glob("*.jsonl")) if EVAL.is_dir() else []
    if not files:
        pytest.skip(f"{EVAL} is absent")
    from khaldun.config import Settings
    from khaldun.pipeline import extract

    inputs = tmp_path / "eval.jsonl"
    n = 0
    with inputs.open("w", encoding="utf-8") as out:
        for path in files:
            for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                record = {"id": f"{path.stem}:{line_no}", "text": obj["text"]}
                if obj.get("doc_date"):
                    record["date"] = obj["doc_date"]
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1

    results, rejections, summary = extract([str(inputs)], Settings(workers=2))

    failed = [r for r in rejections if r.reason in ("coding_failed", "timeout")]
    assert not failed, [(r.doc_id, r.reason, r.message) for r in failed[:20]]
    assert len(results) + len(rejections) + summary.duplicates == n
    assert summary.documents == len(results) and summary.rejected == len(rejections)
