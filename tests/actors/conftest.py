"""Fixtures for the actor tests: one resolver over the shipped KB only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from khaldun.actors import ActorResolver
from khaldun.records import Actor


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    """The shipped knowledge base, without the developer's user KB folder."""
    return ActorResolver.load(include_user=False)


@pytest.fixture(scope="session")
def resolve(nlp: Any, resolver: ActorResolver) -> Callable[..., list[Actor]]:
    """resolve(sentence, phrase, date=None): the actors of ``phrase`` inside ``sentence``."""

    def _resolve(sentence: str, phrase: str | None = None, date: str | None = None) -> list[Actor]:
        doc = nlp(sentence)
        phrase = phrase or sentence
        start = sentence.rindex(phrase) if phrase != sentence else 0
        span = doc.char_span(start, start + len(phrase), alignment_mode="expand")
        assert span is not None, phrase
        return resolver.for_document(doc, date).resolve_all(span)

    return _resolve
