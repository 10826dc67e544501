"""Event coders by name: the ``coder`` setting picks one.

A coder is anything with ``code(document, parsed) -> list[EventRecord]``
(:class:`Coder`), made by a factory that takes the :class:`~khaldun.config.Settings`.
Names carry a version (``rules.v1``): a coder whose output changes gets a new
name, so that a stored dataset says which coder made it.

Built-in coders are listed in :data:`BUILTIN` and imported only when asked
for. A plug-in registers its own with :func:`register`, or is named in the
setting as ``package.module:factory`` (imported on first use, also inside
worker processes, where only the name travels)::

    from khaldun.coding.registry import register

    @register("mycoder.v1")
    def make(settings):
        return MyCoder(...)

Records a coder returns should be built with
:class:`~khaldun.coding.assembly.RecordAssembler`, which fills places, dates,
counts, ACLED types and confidence the same way for every coder.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from khaldun.config import Settings
from khaldun.errors import ConfigError
from khaldun.records import Document, EventRecord
from khaldun.resources import register_cache


@runtime_checkable
class Coder(Protocol):
    """Codes the events of one parsed document."""

    def code(self, document: Document, parsed: Any) -> list[EventRecord]:
        """Every event record of ``document``; ``parsed`` is its spaCy ``Doc``."""
        ...


CoderFactory = Callable[[Settings], Coder]

#: built-in coders: name -> "module:factory", imported on first use
BUILTIN: dict[str, str] = {
    "rules.v1": "khaldun.coding.coder:from_settings",
}

_NAME = re.compile(r"^[a-z][a-z0-9_\-]*(\.[a-z0-9_\-]+)*\.v[0-9]+$")
_registered: dict[str, CoderFactory] = {}
_made: dict[tuple[Any, ...], Coder] = {}
register_cache(_made)


def register(name: str) -> Callable[[CoderFactory], CoderFactory]:
    """Decorator: register a coder factory under a versioned ``name`` (``mycoder.v1``)."""
    if not _NAME.match(name):
        raise ConfigError(f"coder names are lower case and end in a version, like 'mycoder.v1'; got {name!r}")

    def deco(factory: CoderFactory) -> CoderFactory:
        if name in BUILTIN or (name in _registered and _registered[name] is not factory):
            raise ConfigError(f"a coder named {name!r} is already registered")
        _registered[name] = factory
        return factory

    return deco


def available() -> list[str]:
    """Names of the coders that can be chosen (built-in and registered)."""
    return sorted({*BUILTIN, *_registered})


def _import(target: str, name: str) -> CoderFactory:
    module, _, attr = target.partition(":")
    try:
        obj: Any = importlib.import_module(module)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"coder {name!r}: cannot import {target!r}: {exc}") from exc
    if not callable(obj):
        raise ConfigError(f"coder {name!r}: {target!r} is not a factory (a callable taking the settings)")
    return obj


def factory(name: str) -> CoderFactory:
    """The factory registered for ``name``."""
    if name in _registered:
        return _registered[name]
    if name in BUILTIN:
        return _import(BUILTIN[name], name)
    if ":" in name:
        return _import(name, name)
    raise ConfigError(f"unknown coder {name!r}; choose one of {', '.join(available())} or give module:factory")


def get_coder(settings: Settings) -> Coder:
    """The coder the settings name, made once per name and data folders."""
    key = (settings.coder, settings.kb_dir, settings.cache_dir)
    coder = _made.get(key)
    if coder is None:
        coder = factory(settings.coder)(settings)
        if not isinstance(coder, Coder):
            raise ConfigError(f"coder {settings.coder!r} made {type(coder).__name__}, which has no code(document, parsed)")
        _made[key] = coder
    return coder


