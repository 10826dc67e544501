"""Fixtures shared by the place tests."""

from __future__ import annotations

import pytest

from khaldun.actors import ActorResolver
from khaldun.places import PlaceResolver


@pytest.fixture(scope="module")
def places() -> PlaceResolver:
    return PlaceResolver.default()


@pytest.fixture(scope="module")
def actors() -> ActorResolver:
    return ActorResolver.load(include_user=False)
