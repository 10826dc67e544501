"""Apposition merge: a role joined to the name that follows it.

Regression for the crash that ended a whole run: two role mentions before one
name in a sentence ("The minister, the spokesman, John Smith") made the merge
look up a mention it had already replaced (``ValueError: Mention(...) is not in
list``). A name takes one role; the other role stays a mention of its own.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from khaldun.actors import ActorResolver
from khaldun.actors.resolver import Mention
from khaldun.records import Actor

TEXT = "The minister, the spokesman, John Smith, said on Monday that talks failed."


def _mention(text: str, phrase: str, actor: Actor, *, named: bool = False) -> Mention:
    start = text.index(phrase)
    return Mention(
        start=start,
        end=start + len(phrase),
        sentence=0,
        actor=actor,
        name_keys=frozenset(phrase.lower().split()) if named else frozenset(),
        role_words=frozenset(phrase.lower().split()),
        named=named,
    )


def test_two_roles_before_one_name_merge_once(resolver: ActorResolver) -> None:
    doc = spacy.blank("en")(TEXT)  # a real Doc; the merge reads only its text
    minister = _mention(TEXT, "The minister", Actor("The minister", "minister", sector="GOV", kind="person"))
    spokesman = _mention(TEXT, "the spokesman", Actor("the spokesman", "spokesman", sector="GOV", kind="person"))
    smith = _mention(TEXT, "John Smith", Actor("John Smith", "John Smith", kind="person"), named=True)

    merged = resolver.for_document(doc, None)._merge_appositions([minister, spokesman, smith])

    assert len(merged) == 2
    named = [m for m in merged if m.named]
    assert len(named) == 1, "the name is one mention, joined to one role"
    assert named[0].actor.name == "John Smith"
    assert named[0].actor.sector == "GOV" and named[0].actor.kind == "person"
    assert named[0].end == smith.end and named[0].start in (minister.start, spokesman.start)
    assert [m for m in merged if not m.named] in ([minister], [spokesman])


def test_three_roles_before_one_name(resolver: ActorResolver) -> None:
    text = "The minister, the spokesman, the envoy, John Smith, said."
    doc = spacy.blank("en")(text)
    roles = [
        _mention(text, p, Actor(p, p.split()[-1], sector="GOV", kind="person"))
        for p in ("The minister", "the spokesman", "the envoy")
    ]
    smith = _mention(text, "John Smith", Actor("John Smith", "John Smith", kind="person"), named=True)

    merged = resolver.for_document(doc, None)._merge_appositions([*roles, smith])

    assert len(merged) == 3
    assert sum(m.actor.name == "John Smith" for m in merged) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        TEXT,
        "The Kenyan interior minister, the government spokesman, Fred Matiangi, said police arrested ten people.",
        "A police officer, a soldier, Ahmed Hassan, was killed in Mogadishu.",
        "The foreign minister and the defence minister, Ali Khan, met in Kabul.",
    ],
)
def test_parsed_document_with_two_roles_before_a_name(nlp: Any, resolver: ActorResolver, text: str) -> None:
    from khaldun.coding import EventCoder
    from khaldun.records import Document

    doc = nlp(text)
    mentions = resolver.for_document(doc, None).mentions  # raised ValueError before the fix
    names = [m for m in mentions if m.named and m.actor.kind == "person"]
    assert len(names) == 1
    assert sum(1 for m in mentions if m.actor.name == names[0].actor.name) == 1
    EventCoder.default().code(Document(doc_id="apposition", text=text), doc)
