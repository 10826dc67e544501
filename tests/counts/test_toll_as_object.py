"""A toll moved as the object of a participle ("..., bringing the toll to six") is an update."""

from __future__ import annotations

import pytest

from khaldun.counts.updates import toll_updates

pytestmark = pytest.mark.slow


def test_bringing_the_toll_to(nlp) -> None:
    text = "By Saturday evening divers had recovered three more bodies from the river, bringing the death toll to 19."
    found = toll_updates(nlp(text))
    assert [(u.field, u.count.value) for u in found] == [("fatalities", 19)]


def test_bringing_supplies_is_no_update(nlp) -> None:
    assert toll_updates(nlp("The convoy was bringing food to 300 families on Saturday.")) == []
