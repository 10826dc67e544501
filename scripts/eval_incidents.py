"""Print date and place scores on the incident fixtures (tests/fixtures/incidents.jsonl).

    python scripts/eval_incidents.py [--mode resolvers|pipeline|auto] [--failures]
"""

from __future__ import annotations

import argparse
import json
import time

from khaldun.places.evaluation import DEFAULT_FIXTURES, evaluate_incidents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", default="resolvers", choices=("resolvers", "pipeline", "auto"))
    parser.add_argument("--fixtures", default=str(DEFAULT_FIXTURES))
    parser.add_argument("--failures", action="store_true", help="list the reports that miss")
    args = parser.parse_args()
    start = time.perf_counter()
    report = evaluate_incidents(args.fixtures, mode=args.mode)
    summary = report.summary()
    summary["seconds"] = round(time.perf_counter() - start, 2)
    print(json.dumps(summary, indent=2))
    if args.failures:
        for r in report.failures():
            p = r.place
            print(f"{r.id}: date {r.date} ({r.precision}, {r.date_text!r}) gold {r.gold['event_date']}"
                  f" ({r.gold['date_precision']}); place {p.name if p else None}/"
                  f"{p.country if p else None} gold {r.gold['place']}/{r.gold['country']} km {r.km}")


if __name__ == "__main__":
    main()
