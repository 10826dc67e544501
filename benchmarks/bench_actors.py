"""Actor resolution speed: KB load time and microseconds per lookup.

    python benchmarks/bench_actors.py

Prints the knowledge-base load time (cold, in this process), the cost of
collecting a document's mentions, and the per-phrase cost of resolve_all on
phrases of the seed article (parsed once beforehand, so spaCy is not timed).
"""

from __future__ import annotations

import time
from pathlib import Path

from khaldun.actors import ActorResolver
from khaldun.nlp import load_model

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"
TEXT = (
    SEED.read_text(encoding="utf-8").split(":", 1)[1]
    if SEED.is_file()
    else "Iranian Foreign Minister Hossein Amirabdollahian met Hamas leader Ismail Haniyeh in Doha. "
    "Kenyan police arrested protesters in Nairobi. Tehran denied it."
)


def main() -> None:
    t0 = time.perf_counter()
    resolver = ActorResolver.load(include_user=False)
    load_s = time.perf_counter() - t0
    doc = load_model()(TEXT)
    spans = [doc[t.left_edge.i : t.right_edge.i + 1] for t in doc if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")]
    spans += [doc[t.i : t.i + 1] for t in doc if t.pos_ in ("PROPN", "PRON")]
    t0 = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        doc_actors = resolver.for_document(doc, "2023-10-15")
        _ = doc_actors.mentions
    mention_ms = (time.perf_counter() - t0) / rounds * 1000
    doc_actors = resolver.for_document(doc, "2023-10-15")
    _ = doc_actors.mentions
    t0 = time.perf_counter()
    for _ in range(rounds):
        for span in spans:
            doc_actors.resolve_all(span)
    per_us = (time.perf_counter() - t0) / (rounds * len(spans)) * 1e6
    names = ["Hamas", "U.S.", "Kremlin", "Iranian", "Khamenei", "United Nations Security Council", "nobody here"]
    t0 = time.perf_counter()
    for _ in range(10_000):
        for name in names:
            resolver.kb.lookup(name)
    lookup_us = (time.perf_counter() - t0) / (10_000 * len(names)) * 1e6
    print(f"KB name lookup: {lookup_us:.2f} us")
    print(f"KB load: {load_s * 1000:.0f} ms ({len(resolver.kb.names)} names, {len(resolver.kb.countries)} countries)")
    print(f"mentions of a {len(doc)}-token document: {mention_ms:.1f} ms")
    print(f"resolve_all: {per_us:.0f} us per phrase over {len(spans)} phrases")


if __name__ == "__main__":
    main()
