"""Dump the event records of a fixed sample, to check that a speed change changes no output.

    python benchmarks/records_dump.py before.jsonl          # before a change
    python benchmarks/records_dump.py after.jsonl           # after it
    python benchmarks/records_dump.py after.jsonl --diff before.jsonl

The sample: the first 64 articles of ``benchmarks/corpus.jsonl.gz``, the bundled
``examples/``, and, when ``../shared/eval`` is there, the first 30 records of each
development set (read from there, never copied). Each document is coded through
:class:`khaldun.pipeline.Pipeline` and written as one JSON line: its id and its
records (``EventRecord.to_dict()``), or its rejection. ``--profile FILE`` also
writes cProfile statistics of the coding run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from khaldun.config import Settings
from khaldun.ingest import read_inputs
from khaldun.pipeline import Pipeline
from khaldun.records import Document, Rejection

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EVAL = ROOT.parent / "shared" / "eval"
SEED = ROOT.parent / "shared" / "examples" / "seed-article.txt"
PER_SET = 30


def sample(tmp: Path) -> list[Document]:
    paths: list[str] = [str(HERE / "corpus.jsonl.gz")]
    docs: list[Document] = []
    for d in read_inputs(paths):
        if isinstance(d, Document) and len(docs) < 64:
            docs.append(d)
    others = [str(p) for p in sorted((ROOT / "examples").iterdir())]
    if SEED.exists():
        others.append(str(SEED))
    if EVAL.is_dir():
        lines = []
        for path in sorted(EVAL.glob("*.jsonl")):
            with path.open(encoding="utf-8") as fh:
                for n, line in enumerate(fh):
                    if n >= PER_SET:
                        break
                    rec = json.loads(line)
                    lines.append(json.dumps({"id": rec["id"], "text": rec["text"], "doc_date": rec.get("doc_date")}))
        sample_file = tmp / "eval-sample.jsonl"
        sample_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        others.append(str(sample_file))
    docs += [d for d in read_inputs(others) if isinstance(d, Document)]
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--diff", type=Path, help="compare with an earlier dump; exit 1 when they differ")
    ap.add_argument("--profile", type=Path, help="write cProfile statistics of the coding run here")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        docs = sample(Path(tmp))
    pipeline = Pipeline(Settings(workers=1))
    pipeline.warm_up()
    lines: list[str] = []
    start = time.perf_counter()
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    for doc, result in pipeline.outcomes(docs):
        if isinstance(result, Rejection):
            lines.append(json.dumps({"doc_id": doc.doc_id, "rejection": result.reason}))
        else:
            lines.append(json.dumps({"doc_id": doc.doc_id, "events": [e.to_dict() for e in result]}, ensure_ascii=False))
    if args.profile:
        prof.disable()
        prof.dump_stats(str(args.profile))
    seconds = time.perf_counter() - start
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n_events = sum(len(json.loads(x).get("events", [])) for x in lines)
    print(f"{len(docs)} documents, {n_events} events, {seconds:.1f} s", file=sys.stderr)
    if args.diff:
        old = args.diff.read_text(encoding="utf-8").splitlines()
        if old != lines:
            differing = [json.loads(a)["doc_id"] for a, b in zip(old, lines) if a != b]
            print(f"DIFFERENT: {len(differing)} documents ({', '.join(differing[:10])}); lines {len(old)} vs {len(lines)}", file=sys.stderr)
            return 1
        print("identical", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
