"""Actor country/sector accuracy on PLOVER GSR gold actor spans (../shared/eval).

For every gold actorText: find it in the sentence, take the noun chunk that
holds it (or the text itself when it spans several chunks), resolve it in
the context of the parsed sentence, and compare the actor whose text best
overlaps the gold text. Gold codes are CAMEO's: "JAP" is ISO "JPN", "ITL"
is "ITA"; sectors compare on their first three letters ("CVLalb" is CVL,
"CIV" is CVL); "***" means unknown and is not scored.

Run as a script for a report: python tests/actors/plover_eval.py [-v]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "plover_gsr.jsonl"
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
SECTOR_ALIASES = {"CIV": "CVL"}


@dataclass
class Score:
    country_total: int = 0
    country_ok: int = 0
    sector_total: int = 0
    sector_ok: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def country(self) -> float:
        return self.country_ok / self.country_total if self.country_total else 0.0

    @property
    def sector(self) -> float:
        return self.sector_ok / self.sector_total if self.sector_total else 0.0


def _gold_span(doc: Any, text: str) -> Any | None:
    core = text.strip().split("...")[0].split("..")[0].strip(" (")
    start = doc.text.find(core)
    if start < 0:
        start = doc.text.lower().find(core.lower())
    if start < 0 or not core:
        return None
    span = doc.char_span(start, start + len(core), alignment_mode="expand")
    if span is None:
        return None
    if len(span) > 1 and span[-1].pos_ in ("NOUN", "PROPN"):
        return span  # the annotator marked a whole noun phrase ("Israeli police" in "Israeli police custody")
    for chunk in doc.noun_chunks:
        if chunk.start <= span.start and span.end <= chunk.end:
            return chunk
    return span


def _overlap(a: str, b: str) -> int:
    return len(set(a.lower().split()) & set(b.lower().split()))


def evaluate(nlp: Any, resolver: Any, path: Path = EVAL) -> Score:
    score = Score()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = nlp.pipe([r["text"] for r in rows], batch_size=64)
    for row, doc in zip(rows, docs):
        gold = row["gold"]
        doc_actors = resolver.for_document(doc, row.get("doc_date"))
        for key in ("source_actor_codes", "target_actor_codes"):
            for g in gold.get(key) or []:
                code, sector = g.get("code"), (g.get("sector") or "")[:3].upper() or None
                code = CAMEO_TO_ISO.get(code, code)
                sector = SECTOR_ALIASES.get(sector or "", sector)
                if sector == "***":
                    sector = None
                if not code and not sector:
                    continue
                span = _gold_span(doc, g["actorText"])
                actors = doc_actors.resolve_all(span) if span is not None else []
                best = max(actors, key=lambda a: _overlap(a.text, g["actorText"]), default=None)
                got_c = best.country if best else None
                got_s = best.sector if best else None
                if code:
                    score.country_total += 1
                    score.country_ok += got_c == code
                if sector:
                    score.sector_total += 1
                    score.sector_ok += got_s == sector
                if (code and got_c != code) or (sector and got_s != sector):
                    score.misses.append(
                        f"{row['id']}: {g['actorText']!r} gold {code}/{sector} got {got_c}/{got_s} from {span.text if span is not None else None!r}"
                    )
    return score


if __name__ == "__main__":
    import time

    from khaldun.actors import ActorResolver
    from khaldun.nlp import load_model

    t = time.perf_counter()
    s = evaluate(load_model(), ActorResolver.default())
    print(f"country {s.country:.3f} ({s.country_ok}/{s.country_total})  sector {s.sector:.3f} ({s.sector_ok}/{s.sector_total})  {time.perf_counter() - t:.1f}s")
    if "-v" in sys.argv:
        print("\n".join(s.misses))
