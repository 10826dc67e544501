"""Where khaldun's resources live, and the caches that hold what was read from them.

- Shipped data files: :func:`data_lines`; word lists among them
  (``khaldun/data/lexicon/*.txt`` and word-to-sets ``*.tsv`` files):
  :func:`word_list`, :func:`word_sets`, :func:`word_set`.
- The user's folders, decided here and nowhere else: :func:`kb_folder` (the
  ``kb_dir`` setting, else ``$XDG_DATA_HOME/khaldun/kb`` or
  ``~/.local/share/khaldun/kb``) and :func:`cache_folder` (the ``cache_dir``
  setting, else ``~/.cache/khaldun``). Library code takes these folders as
  arguments; only :func:`khaldun.config.load_settings` reads ``KHALDUN_*``
  variables.
- Memoised loaders: each module registers its own with :func:`register_cache`;
  :func:`reset_caches` clears them all (tests that change a folder, a
  long-lived service that reloads its data).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from khaldun.errors import DataError

C = TypeVar("C")

_CACHES: list[Callable[[], Any]] = []


def register_cache(cache: C) -> C:
    """Have :func:`reset_caches` clear ``cache``; returns it.

    ``cache`` is an ``lru_cache`` function (its ``cache_clear`` is called) or a
    dict used as a memo (its ``clear``). Usable as a decorator above
    ``@lru_cache``, or called with a cached classmethod after its class
    (``register_cache(Lexicon.default)``) or with a module's memo dict.
    """
    clear = getattr(cache, "cache_clear", None) or getattr(cache, "clear", None)
    if not callable(clear):
        raise TypeError(f"{cache!r} has neither cache_clear() nor clear()")
    _CACHES.append(clear)
    return cache


def reset_caches() -> None:
    """Forget every memoised loader: the next use reads its files and folders again."""
    for clear in _CACHES:
        clear()


def kb_folder(kb_dir: str | Path | None = None) -> Path:
    """The user knowledge-base folder: ``kb_dir`` (the setting), else the default."""
    if kb_dir:
        return Path(kb_dir).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "khaldun" / "kb"


def cache_folder(cache_dir: str | Path | None = None) -> Path:
    """The folder for derived indexes: ``cache_dir`` (the setting), else ``~/.cache/khaldun``."""
    if cache_dir:
        return Path(cache_dir).expanduser()
    return Path.home() / ".cache" / "khaldun"


def data_lines(*path: str) -> list[str]:
    """The lines of the shipped file ``khaldun/data/<path>``, less blank lines and ``#`` notes.

    Raises DataError (K020) when the file is missing (a broken install).
    """
    try:
        text = resources.files("khaldun.data").joinpath(*path).read_text(encoding="utf-8")
    except OSError as exc:  # FileNotFoundError, or a folder where the file should be
        raise DataError(f"shipped data file {'/'.join(path)} is missing; reinstall khaldun") from exc
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def lemma_roles(*path: str, roles: frozenset[str]) -> dict[str, str]:
    """``lemma -> role`` from a shipped two-column TSV (header ``lemma\trole``) whose roles are
    among ``roles``; DataError (K020) names the bad row."""
    out: dict[str, str] = {}
    for line in data_lines(*path):
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "lemma":
            continue
        if len(parts) != 2 or parts[1] not in roles:
            raise DataError(f"{'/'.join(path)}: bad row {line!r}")
        out[parts[0].lower()] = parts[1]
    return out


def _lexicon_lines(name: str) -> list[str]:
    return [ln.strip() for ln in data_lines("lexicon", name)]


@register_cache
@lru_cache(maxsize=16)
def word_list(name: str) -> frozenset[str]:
    """The words of ``khaldun/data/lexicon/<name>``: one a line, ``#`` lines are notes."""
    return frozenset(_lexicon_lines(name))


@register_cache
@lru_cache(maxsize=16)
def word_sets(name: str) -> Mapping[str, frozenset[str]]:
    """The sets of ``khaldun/data/lexicon/<name>``, a TSV of ``word`` and ``sets``.

    Each word is written once, with the comma-separated names of the sets it
    belongs to; the result maps each set name to its words.
    """
    lines = _lexicon_lines(name)
    if not lines or lines[0].split("\t") != ["word", "sets"]:
        raise DataError(f"lexicon file {name}: the header must be 'word<TAB>sets'")
    found: dict[str, set[str]] = {}
    seen: set[str] = set()
    for n, line in enumerate(lines[1:], 2):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise DataError(f"lexicon file {name}: row {n} is not 'word<TAB>set,set'")
        word = parts[0].strip()
        if word in seen:
            raise DataError(f"lexicon file {name}: {word!r} is listed twice; give it one row with every set")
        seen.add(word)
        for set_name in parts[1].split(","):
            found.setdefault(set_name.strip(), set()).add(word)
    return MappingProxyType({k: frozenset(v) for k, v in found.items()})


def word_set(name: str, set_name: str) -> frozenset[str]:
    """One set of the word-to-sets file ``name`` (see :func:`word_sets`)."""
    found = word_sets(name).get(set_name)
    if found is None:
        raise DataError(f"lexicon file {name} has no word in the set {set_name!r}")
    return found
