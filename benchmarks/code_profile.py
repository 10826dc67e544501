"""The coder's own cost, without spaCy: parse once, then code the parsed documents.

    python benchmarks/code_profile.py parsed.spacy --parse     # parse the sample once (DocBin)
    python benchmarks/code_profile.py parsed.spacy             # code it: CPU ms per article
    python benchmarks/code_profile.py parsed.spacy --profile p.prof --rounds 1

The sample is the first ``--articles`` (64) articles of ``benchmarks/corpus.jsonl.gz``
(the ones ``benchmarks/run.py --quick`` times). Coding is ``coder.code`` followed by
``json.dumps(record.to_dict())`` for every record, as the benchmark's sink does.
Run it with ``PYTHONPATH`` set to one checkout, then to another, on the same parsed
file: the two trees' coding costs side by side, spaCy's parse left out (CPU time,
which load on the machine disturbs far less than wall-clock time).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from khaldun.config import Settings
from khaldun.ingest import read_inputs
from khaldun.records import Document

HERE = Path(__file__).resolve().parent


def corpus(limit: int) -> list[Document]:
    docs: list[Document] = []
    for d in read_inputs([str(HERE / "corpus.jsonl.gz")]):
        if isinstance(d, Document):
            docs.append(d)
            if len(docs) >= limit:
                break
    return docs


def loaded_sample(parsed_path: Path, articles: int) -> tuple[Any, list[Document], list[Any]]:
    """The coder, the first ``articles`` documents and their parses read from ``parsed_path``
    (the DocBin ``--parse`` writes), with the place resolver warmed up: what every A/B script
    here starts from."""
    from spacy.tokens import DocBin

    from khaldun.coding import get_coder
    from khaldun.nlp import load_model
    from khaldun.places import PlaceResolver

    settings = Settings(workers=1)
    nlp = load_model(settings.model)
    docs = corpus(articles)
    parsed = list(DocBin().from_bytes(parsed_path.read_bytes()).get_docs(nlp.vocab))
    coder = get_coder(settings)
    PlaceResolver.default(settings.cache_dir).warm_up()
    return coder, docs, parsed


def in_turns(coder: Any, docs: list[Document], parsed: list[Any], use: Any, rounds: int, names: tuple[str, str]) -> int:
    """Code every document with side "A" and side "B" in turn (``use(side)`` switches), the order
    alternating, CPU time summed by side, the two outputs compared; prints the running figures
    named ``names`` and returns 1 when the outputs differ, else 0."""
    from khaldun.nlp import views

    def code(d: Any, p: Any) -> list[str]:
        return [json.dumps(e.to_dict(), ensure_ascii=False) for e in coder.code(d, p)]

    for side in ("A", "B"):  # lazily built tables and memos, both sides
        use(side)
        for d, p in zip(docs, parsed):
            code(d, p)
    total = {"A": 0.0, "B": 0.0}
    clock = time.process_time
    for r in range(rounds):
        for k, (d, p) in enumerate(zip(docs, parsed)):
            got = {}
            for side in ("A", "B") if (r + k) % 2 else ("B", "A"):
                use(side)
                views.forget()
                t = clock()
                got[side] = code(d, p)
                total[side] += clock() - t
            if got["A"] != got["B"]:
                print(f"records differ on article {k}", file=sys.stderr)
                return 1
        n = (r + 1) * len(docs)
        print(f"after round {r + 1}: {names[0]} {total['A'] / n * 1000:.2f} CPU ms an article, {names[1]} "
              f"{total['B'] / n * 1000:.2f}: {total['B'] / total['A'] - 1:+.2%}", file=sys.stderr)
    return 0


def _sampled(work: Any, rounds: int) -> dict[str, Any]:
    """Run ``work`` ``rounds`` times, sampling the Python stack every millisecond of CPU time.

    Returns, for each ``file:function``, [samples with it on the stack, samples with it on
    top]; the key "" holds the number of samples.
    """
    import signal

    counts: dict[str, Any] = {"": 0}

    def on_tick(signum: int, frame: Any) -> None:
        counts[""] += 1
        seen = set()
        top = True
        while frame is not None:
            code = frame.f_code
            key = f"{code.co_filename.rsplit('/khaldun/', 1)[-1].rsplit('site-packages/', 1)[-1]}:{code.co_name}"
            if key not in seen:
                seen.add(key)
                entry = counts.setdefault(key, [0, 0])
                entry[0] += 1
                if top:
                    entry[1] += 1
            if top and (key.startswith("<") or "spacy/" in key) and frame.f_back is not None:
                # generated code (dataclass __init__) and spaCy helpers: charge the caller too
                back = frame.f_back.f_code
                via = f"  {key} <- {back.co_filename.rsplit('/khaldun/', 1)[-1]}:{back.co_name}"
                counts.setdefault(via, [0, 0])[0] += 1
            top = False
            frame = frame.f_back

    previous = signal.signal(signal.SIGPROF, on_tick)
    signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
    try:
        for _ in range(rounds):
            work()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, previous)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("parsed", type=Path, help="the DocBin of the parsed sample")
    ap.add_argument("--parse", action="store_true", help="parse the sample and write the DocBin")
    ap.add_argument("--articles", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--profile", type=Path, help="write cProfile statistics of one coding round here")
    ap.add_argument("--gc", action="store_true", help="also report the CPU time of the garbage collector in each round")
    ap.add_argument("--freeze", action="store_true", help="gc.freeze() after loading, as the pipeline does (compare without it)")
    ap.add_argument("--only", help="with --sample: list every function whose name holds this text")
    ap.add_argument("--sample", type=int, metavar="ROUNDS", help="sample the stack every ms of CPU over ROUNDS rounds "
                    "(cProfile inflates small functions and spaCy's Cython calls; sampling does not)")
    args = ap.parse_args(argv)

    from spacy.tokens import DocBin

    from khaldun.coding import get_coder
    from khaldun.nlp import load_model

    settings = Settings(workers=1)
    nlp = load_model(settings.model)
    docs = corpus(args.articles)
    if args.parse:
        bin_ = DocBin(store_user_data=True)
        for parsed in nlp.pipe((d.text for d in docs), batch_size=settings.batch_size):
            bin_.add(parsed)
        args.parsed.write_bytes(bin_.to_bytes())
        print(f"{len(docs)} articles parsed into {args.parsed}", file=sys.stderr)
        return 0
    parsed_docs = list(DocBin().from_bytes(args.parsed.read_bytes()).get_docs(nlp.vocab))
    coder = get_coder(settings)
    from khaldun.places import PlaceResolver

    PlaceResolver.default(settings.cache_dir).warm_up()
    for doc, parsed in zip(docs[:4], parsed_docs[:4]):  # lazily built tables
        coder.code(doc, parsed)

    import gc

    if args.freeze:
        gc.collect()
        gc.freeze()
    gc_time = [0.0, 0.0, 0]  # started at, total, collections

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_time[0] = time.process_time()
        else:
            gc_time[1] += time.process_time() - gc_time[0]
            gc_time[2] += 1

    if args.gc:
        gc.callbacks.append(on_gc)

    def one_round() -> tuple[float, int]:
        n = 0
        t0 = time.process_time()
        for doc, parsed in zip(docs, parsed_docs):
            for e in coder.code(doc, parsed):
                json.dumps(e.to_dict(), ensure_ascii=False)
                n += 1
        return time.process_time() - t0, n

    if args.sample:
        counts = _sampled(one_round, args.sample)
        total = counts.pop("", 1)
        width = max(len(k) for k in counts) if counts else 0
        print(f"sampled every ms of CPU: {total} samples; inclusive share, self share:", file=sys.stderr)
        ranked = sorted(counts.items(), key=lambda kv: -kv[1][0])
        shown = [kv for kv in ranked if " <- " not in kv[0]][:60] + [kv for kv in ranked if " <- " in kv[0]][:15]
        if args.only:
            shown = [kv for kv in ranked if args.only in kv[0]]
        for key, (incl, own) in shown:
            print(f"  {key:<{width}}  {incl / total:6.1%}  {own / total:6.1%}", file=sys.stderr)
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        cpu, n = one_round()
        prof.disable()
        prof.dump_stats(str(args.profile))
        st = pstats.Stats(prof)
        print(f"profiled: {st.total_calls:,} calls, {st.total_tt:.2f} s total, {n} events", file=sys.stderr)
    for r in range(args.rounds):
        gc_time[1:] = [0.0, 0]
        cpu, n = one_round()
        gc_note = f" (collector {gc_time[1] / len(docs) * 1000:.1f} ms of it, {gc_time[2]} runs)" if args.gc else ""
        print(f"round {r + 1}: {cpu / len(docs) * 1000:.1f} CPU ms per article{gc_note}, {n} events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
