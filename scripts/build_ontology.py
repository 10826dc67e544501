#!/usr/bin/env python3
"""Build khaldun/data/cameo.tsv from the shared ontology references.

Inputs (read from ../shared/reference, or the folder given as the argument):
- CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0): CAMEO code,
  name, PLOVER type, mode and context.
- cameo_goldstein.tsv (GDELT's CAMEO.goldsteinscale.txt): Goldstein scores.

CAMEO 01 (statements) and 02 (appeals) are absent from the PLOVER table; their
names are the CAMEO 1.1b3 codebook's, 02 maps to PLOVER REQUEST (appeal) as the
PLOVER manual does, 016 "deny responsibility" to REJECT, the rest of 01 to no
PLOVER type (plain statements). The output carries the table's licence.

Usage: python scripts/build_ontology.py [REFERENCE_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "khaldun" / "data" / "cameo.tsv"

EXTRA = {  # code: (name, plover type, mode, context)
    "01": ("Make public statement", "", "", ""),
    "010": ("Make statement, not specified below", "", "", ""),
    "011": ("Decline comment", "", "", ""),
    "012": ("Make pessimistic comment", "", "", ""),
    "013": ("Make optimistic comment", "", "", ""),
    "014": ("Consider policy option", "", "", ""),
    "015": ("Acknowledge or claim responsibility", "", "", ""),
    "016": ("Deny responsibility", "REJECT", "deny", ""),
    "017": ("Engage in symbolic act", "", "", ""),
    "018": ("Make empathetic comment", "", "", ""),
    "019": ("Express accord", "", "", ""),
    "02": ("Appeal", "REQUEST", "", ""),
    "020": ("Make an appeal or request, not specified below", "REQUEST", "", ""),
    "021": ("Appeal for material cooperation", "REQUEST", "assist", ""),
    "0211": ("Appeal for economic cooperation", "REQUEST", "assist", "economic"),
    "0212": ("Appeal for military cooperation", "REQUEST", "assist", "military"),
    "0213": ("Appeal for judicial cooperation", "REQUEST", "assist", "legal"),
    "0214": ("Appeal for intelligence", "REQUEST", "assist", "intelligence"),
    "022": ("Appeal for diplomatic cooperation", "REQUEST", "assist", "diplomatic"),
    "023": ("Appeal for aid", "REQUEST", "assist", ""),
    "0231": ("Appeal for economic aid", "REQUEST", "assist", "economic"),
    "0232": ("Appeal for military aid", "REQUEST", "assist", "military"),
    "0233": ("Appeal for humanitarian aid", "REQUEST", "assist", "humanitarian"),
    "0234": ("Appeal for military protection or peacekeeping", "REQUEST", "assist", "peacekeeping"),
    "024": ("Appeal for political reform", "REQUEST", "change", "political_institutions"),
    "0241": ("Appeal for change in leadership", "REQUEST", "change", "executive"),
    "0242": ("Appeal for policy change", "REQUEST", "change", "executive"),
    "0243": ("Appeal for rights", "REQUEST", "change", "rights_freedoms"),
    "0244": ("Appeal for change in institutions, regime", "REQUEST", "change", "political_institutions"),
    "025": ("Appeal to yield", "REQUEST", "yield", ""),
    "0251": ("Appeal for easing of administrative sanctions", "REQUEST", "yield", "legal"),
    "0252": ("Appeal for easing of popular dissent", "REQUEST", "yield", ""),
    "0253": ("Appeal for release of persons or property", "REQUEST", "yield", "legal"),
    "0254": ("Appeal for easing of economic sanctions, boycott, or embargo", "REQUEST", "yield", "economic"),
    "0255": ("Appeal for target to allow international involvement", "REQUEST", "yield", "diplomatic"),
    "0256": ("Appeal for de-escalation of military engagement", "REQUEST", "yield", "military"),
    "026": ("Appeal to others to meet or negotiate", "REQUEST", "meet", "diplomatic"),
    "027": ("Appeal to others to settle dispute", "REQUEST", "meet", "diplomatic"),
    "028": ("Appeal to others to engage in or accept mediation", "REQUEST", "meet", "diplomatic"),
}

LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$")


def quad_class(code: str) -> int:
    """QuadClass as GDELT defines it, with CAMEO 01 statements as class 0:
    02-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal conflict,
    14-20 material conflict."""
    root = int(code[:2])
    if root == 1:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def main(ref: Path) -> None:
    rows: dict[str, tuple[str, str, str, str]] = {}
    for line in (ref / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or not line[0].isdigit():
            continue
        m = LINE.match(line.strip())
        if not m:
            raise SystemExit(f"unparsed line: {line!r}")
        code, ptype, mode, ctx, name = m.groups()
        if len(code) == 2:
            continue  # root headings repeat the type
        name = (name or "").split("21.09")[0].strip()
        mode = (mode or "").strip().replace(" ", "")
        ctx = ";".join(c.strip() for c in (ctx or "").split(";") if c.strip())
        if code in rows:
            continue  # the table lists 175 twice with the same mapping
        rows[code] = (name, ptype, mode, ctx)
    for code, val in EXTRA.items():
        rows.setdefault(code, val)
    # two-digit roots: name and type of their x0 code
    for code in list(rows):
        root = code[:2]
        if root not in rows and root + "0" in rows:
            n, t, _, _ = rows[root + "0"]
            rows[root] = (n, t, "", "")
    gold = {}
    for line in (ref / "cameo_goldstein.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        c, g = line.split("\t")
        gold[c.strip()] = float(g)
    out = [
        "# CAMEO codes with PLOVER type/mode/context, QuadClass and Goldstein score.",
        "# Built by scripts/build_ontology.py. PLOVER mapping derived from openeventdata/PLOVER",
        "# CAMEO2PLOVER-2021.txt (CC BY-SA 4.0; this file is under the same licence);",
        "# Goldstein scores from GDELT's CAMEO.goldsteinscale.txt; 01/02 names from the CAMEO codebook.",
        "cameo_code\tname\tplover_type\tmode\tcontext\tquad_class\tgoldstein",
    ]
    for code in sorted(rows, key=lambda c: (c[:2], c.ljust(4, " "))):
        name, ptype, mode, ctx = rows[code]
        g = gold.get(code, gold.get(code[:3], gold.get(code[:2], 0.0)))
        out.append(f"{code}\t{name}\t{ptype}\t{mode}\t{ctx}\t{quad_class(code)}\t{g}")
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference")
