"""The coder's functions as of another commit (A) and as checked out (B), in turns, in one process.

    python benchmarks/code_ab.py parsed.spacy --base main --rounds 10

``parsed.spacy``: the DocBin ``code_profile.py --parse`` writes. Every top-level function
and method of the ``khaldun`` modules that differ from ``--base`` gets the code object
compiled from the base's source swapped in place (``function.__code__``), so every
caller sees the swap; functions new in this tree are kept (the base never calls them).
Each document is coded by both sides in turn, the order alternating, CPU time summed by
side; the two outputs must be equal (the script stops otherwise). Session 7, branch
``speed6``: on a loaded machine two processes side by side cannot resolve a few per cent;
turns taken inside one process, document by document, can.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _codes(code: types.CodeType) -> dict[str, types.CodeType]:
    """Function code objects under a module's code, by qualified name (classes walked)."""
    out: dict[str, types.CodeType] = {}
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            if "<" not in c.co_qualname:
                out[c.co_qualname] = c
            out.update(_codes(c))
    return out


def swaps(base: str) -> list[tuple[Any, types.CodeType, types.CodeType]]:
    """(function, base code, current code) for each function whose code differs from ``base``."""
    changed = subprocess.run(["git", "diff", "--name-only", base, "--", "khaldun"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    out = []
    for path in changed:
        if not path.endswith(".py"):
            continue
        old_src = subprocess.run(["git", "show", f"{base}:{path}"], cwd=ROOT, capture_output=True, text=True,
                                 check=False).stdout  # a file new since the base: no source
        if not old_src:
            continue
        name = path[:-3].replace("/", ".").removesuffix(".__init__")
        module = importlib.import_module(name)
        old = _codes(compile(old_src, str(ROOT / path), "exec"))
        new = _codes(compile((ROOT / path).read_text(encoding="utf-8"), str(ROOT / path), "exec"))
        for qual, code in old.items():
            if qual not in new or new[qual].co_code == code.co_code and new[qual].co_consts == code.co_consts:
                continue
            obj: Any = module
            for part in qual.split("."):
                obj = getattr(obj, part, None)
            if isinstance(obj, types.FunctionType) and not code.co_freevars:
                out.append((obj, code, obj.__code__))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("parsed", type=Path, help="the DocBin of the parsed sample (code_profile.py --parse)")
    ap.add_argument("--base", default="main", help="the commit to compare with")
    ap.add_argument("--articles", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args(argv)

    from code_profile import in_turns, loaded_sample

    coder, docs, parsed = loaded_sample(args.parsed, args.articles)
    pairs = swaps(args.base)
    print(f"{len(pairs)} functions differ from {args.base}: "
          + ", ".join(sorted(f.__qualname__ for f, _, _ in pairs)), file=sys.stderr)

    def use(side: str) -> None:
        for f, old, new in pairs:
            f.__code__ = old if side == "A" else new

    return in_turns(coder, docs, parsed, use, args.rounds, (args.base, "this tree"))

if __name__ == "__main__":
    sys.exit(main())
