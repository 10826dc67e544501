"""find_readings' token filter (readings._may_trigger) drops no reading: the same readings
come out when every auxiliary and adjective is looked at."""

from __future__ import annotations

from typing import Any

import pytest

from khaldun.coding import readings
from khaldun.coding.lexicon import Lexicon

TEXTS = [
    "Israel is opposed to the plan. The teachers are on hunger strike and remain on strike.",
    "Syria remained opposed to the deal.",  # an adjectival participle that codes
    "Hamas was behind the attack, and two men were involved in the bombing. Police are responsible for the killing.",
    "The government was concerned. The workers were frustrated and angry; the army is deployed in the north.",
    "Protesters have gathered and will march. The minister could resign, which he has denied.",
]


def _all(sent: Any, lex: Lexicon) -> list[tuple[int, str]]:
    return [(r.trigger.i, r.cameo) for r in readings.find_readings(sent, lex)]


@pytest.mark.parametrize("text", TEXTS)
def test_same_readings_with_and_without_the_filter(nlp: Any, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lex = Lexicon.default()
    doc = nlp(text)
    filtered = [_all(s, lex) for s in doc.sents]
    monkeypatch.setattr(readings, "_may_trigger", lambda *args: True)
    unfiltered = [_all(s, lex) for s in doc.sents]
    assert filtered == unfiltered
    assert any(filtered)


def test_the_filter_passes_over_plain_auxiliaries_and_adjectives(nlp: Any) -> None:
    doc = nlp("The big red house will have been old.")
    table_pos = [t.pos_ for t in doc]
    from khaldun.nlp.views import token_table

    t = token_table(doc)
    dropped = [doc[i].text for i in range(len(doc)) if table_pos[i] in ("AUX", "ADJ")
               and not readings._may_trigger(t.pos, t.lemma, t.dep, t.lower, i)]
    assert {"big", "red", "will", "have"} <= set(dropped)
    assert "been" not in dropped  # "be": a responsibility or state verb
