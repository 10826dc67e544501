from __future__ import annotations

from typing import Any

import pytest

from khaldun.nlp import load_model


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy model, loaded once for the whole test session."""
    return load_model()


@pytest.fixture(scope="session")
def parse(nlp: Any) -> Any:
    """Parse a one-sentence text and return it as a span."""

    def _parse(text: str) -> Any:
        return nlp(text)[:]

    return _parse
