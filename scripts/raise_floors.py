"""Measure khaldun on the shared gold sets and raise the quality floors.

    python scripts/raise_floors.py                       # raise floors where scores went up
    python scripts/raise_floors.py --dry-run             # show what would change
    python scripts/raise_floors.py --accept-new-digest   # a gold set changed: re-measure it

Floors never go down for an unchanged gold set (see khaldun/evaluation/floors.py);
a set that is not yet in the file gets floors for the metrics in PINNED_METRICS.
Commit tests/quality_floors.json afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from khaldun.config import Settings
from khaldun.errors import KhaldunError
from khaldun.evaluation import evaluate
from khaldun.evaluation.floors import DEFAULT_MARGIN, load_floors, raise_floors, sets

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
DEFAULT_FLOORS = ROOT / "tests" / "quality_floors.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    p.add_argument("--floors", type=Path, default=DEFAULT_FLOORS)
    p.add_argument("--margin", type=float, default=DEFAULT_MARGIN)
    p.add_argument("--accept-new-digest", action="store_true", help="re-measure sets whose file changed")
    p.add_argument("--dry-run", action="store_true", help="print the new floors, write nothing")
    p.add_argument("files", nargs="*", help="gold file names in --eval-dir (default: all *.jsonl there)")
    args = p.parse_args(argv)
    try:
        old = load_floors(args.floors) if args.floors.exists() else {}
        names = args.files or sorted(f.name for f in args.eval_dir.glob("*.jsonl"))
        if not names:
            print(f"no gold sets in {args.eval_dir}", file=sys.stderr)
            return 1
        reports = {}
        for name in names:
            reports[name] = evaluate(args.eval_dir / name, Settings())
            print(f"measured {name}: " + ", ".join(f"{k}={v:.3f}" for k, v in sorted(reports[name].metrics().items())))
        new, notes = raise_floors(old, reports, margin=args.margin, accept_new_digest=args.accept_new_digest)
    except KhaldunError as exc:
        print(f"raise_floors: {exc}", file=sys.stderr)
        return 1
    for note in notes or ["no floor changed"]:
        print(note)
    missing = [n for n in sets(old) if n not in reports]
    if missing:
        print("kept unmeasured: " + ", ".join(missing))
    text = json.dumps(new, indent=2, sort_keys=True) + "\n"
    if args.dry_run:
        print(text)
    else:
        args.floors.write_text(text, encoding="utf-8")
        print(f"wrote {args.floors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
