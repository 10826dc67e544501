"""The coder's token-table skips (session 7, branch ``speed5``) on and off, in one process.

    python benchmarks/skips_ab.py parsed.spacy --rounds 20

``parsed.spacy``: the DocBin ``code_profile.py --parse`` writes. Each document is coded
twice in turn, with the skips (B) and without them (A: every token flagged by
``compose.cue_index``, every auxiliary and adjective looked at by ``find_readings``,
spaCy's order in ``noun_chunks``, every place-slot token looked at), the order of the two
alternating; CPU time is summed by side and the two outputs must be equal (the script
stops otherwise). On a loaded machine two processes side by side cannot resolve a 2 %
change; turns taken inside one process, document by document, can.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("parsed", type=Path, help="the DocBin of the parsed sample (code_profile.py --parse)")
    ap.add_argument("--articles", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args(argv)

    from code_profile import corpus
    from spacy.tokens import DocBin, Span

    from khaldun.actors import compose
    from khaldun.coding import get_coder, readings
    from khaldun.config import Settings
    from khaldun.nlp import load_model, views
    from khaldun.places import PlaceResolver

    settings = Settings(workers=1)
    nlp = load_model(settings.model)
    docs = corpus(args.articles)
    parsed = list(DocBin().from_bytes(args.parsed.read_bytes()).get_docs(nlp.vocab))
    coder = get_coder(settings)
    PlaceResolver.default(settings.cache_dir).warm_up()

    def spacy_order_noun_chunks(doc: Any) -> tuple[Any, ...]:
        table = views.token_table(doc)
        pos, dep, head = table.pos, table.dep, table.head
        out, prev_end = [], -1
        for i in [i for i, p in enumerate(pos) if p in views._NP_POS]:
            left = doc[i].left_edge.i
            if left <= prev_end:
                continue
            h = i
            if dep[i] == "conj":
                h = head[i]
                while dep[h] == "conj" and head[h] < h:
                    h = head[h]
            if dep[i] in views._NP_DEPS or (dep[i] == "conj" and dep[h] in views._NP_DEPS):
                prev_end = i
                out.append(Span(doc, left, i + 1, label="NP"))
        return tuple(out)

    class AllTitle(views.TokenTable):
        __slots__ = ()

        def __init__(self, doc: Any) -> None:
            super().__init__(doc)
            self.is_title = [True] * len(self.text)

    def all_flagged(kb: Any, doc: Any) -> list[bool]:
        memo = views.doc_memo(doc)
        found = memo.get("skips_ab")
        if found is None:
            found = memo["skips_ab"] = [True] * len(doc)
        return found  # type: ignore[no-any-return]

    on = (compose.cue_index, readings._may_trigger, views._noun_chunks, views.TokenTable)
    off = (all_flagged, lambda *a: True, spacy_order_noun_chunks, AllTitle)

    def use(side: tuple[Any, ...]) -> None:
        compose.cue_index, readings._may_trigger, views._noun_chunks, views.TokenTable = side

    def code(d: Any, p: Any) -> list[str]:
        return [json.dumps(e.to_dict(), ensure_ascii=False) for e in coder.code(d, p)]

    for side in (off, on):  # lazily built tables and memos, both sides
        use(side)
        for d, p in zip(docs, parsed):
            code(d, p)
    total = {"A": 0.0, "B": 0.0}
    clock = time.process_time
    for r in range(args.rounds):
        for k, (d, p) in enumerate(zip(docs, parsed)):
            got = {}
            for name, side in (("A", off), ("B", on)) if (r + k) % 2 else (("B", on), ("A", off)):
                use(side)
                views.forget()
                t = clock()
                got[name] = code(d, p)
                total[name] += clock() - t
            if got["A"] != got["B"]:
                print(f"records differ on article {k}", file=sys.stderr)
                return 1
        n = (r + 1) * len(docs)
        print(f"after round {r + 1}: without {total['A'] / n * 1000:.2f} CPU ms an article, with "
              f"{total['B'] / n * 1000:.2f}: {total['B'] / total['A'] - 1:+.2%}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
