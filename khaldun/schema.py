"""The JSON Schema of the event record, shipped with the package, and a validator."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``EventRecord.to_dict()``."""
    text = resources.files("khaldun.data").joinpath("event_record.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, as readable messages (empty when valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(event_schema())
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in validator.iter_errors(record)]
