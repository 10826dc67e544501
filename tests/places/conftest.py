"""Fixtures shared by the place tests."""

from __future__ import annotations

import pytest

from khaldun.places import PlaceResolver


@pytest.fixture(scope="module")
def places() -> PlaceResolver:
    return PlaceResolver.default()
