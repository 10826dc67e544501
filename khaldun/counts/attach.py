"""Which counts in a sentence belong to which event.

A count belongs to the event of ``trigger`` when the word that says what it
counts, or the verb of its clause, is linked to the trigger through the parse:

- the trigger itself, and for a noun trigger ("the attacks") the verb it
  hangs on ("injured in the attacks") and clauses on it ("an attack that
  killed 12");
- clauses joined to those: coordinated verbs (``conj``: "killed two and
  wounded five"), adverbial clauses (``advcl``: "..., killing 12",
  "..., leaving 5 dead"), open complements (``xcomp``), clauses after a
  preposition ("after killing 12");
- relative and participle clauses on an event noun ("the attack, which
  killed 12"); a relative clause on anything else ("Serbia, where 24 people
  were killed") is another event.

Two rules keep counts of one event off another:

- the search never enters the trigger of another event coded in the same
  sentence (``others``);
- when the trigger itself says what it counts ("arrested", "killed",
  "protested"), counts of another kind reached only through a clause that
  can tell an event of its own (a coordinated verb or a finite adverbial
  clause: "police arrested 40 and killed 2") are left to that event; a
  participle clause ("protesters rallied, leaving 5 dead") stays with the
  trigger. Dead and wounded are one kind (harm): "killed 2 and wounded 5"
  stays whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from khaldun.counts.lexicon import EVENT, GROUPS, lexicon
from khaldun.counts.roles import Mention, clause_verb

LINK_DEPS = frozenset({"conj", "advcl", "xcomp"})
NOMINAL_LINKS = frozenset({"acl", "relcl"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass"})
VERBS = ("VERB", "AUX")


@dataclass(frozen=True, slots=True)
class Link:
    distance: int
    """edges from the trigger"""
    separate: bool
    """reached through a clause that can tell an event of its own: a coordinated
    verb or a finite adverbial clause ("..., and police arrested 200"), not a
    participle ("..., killing 12")"""


def _event_noun(tok: Any, trigger: Any) -> bool:
    return tok.i == trigger.i or lexicon().cue(EVENT, tok.lemma_.lower()) is not None


def _separate(clause: Any) -> bool:
    """Whether the clause headed by ``clause`` may tell its own event."""
    if clause.dep_ == "conj":
        return True
    return clause.dep_ == "advcl" and clause.tag_ not in ("VBG", "VBN")


def _neighbours(node: Any, trigger: Any) -> Iterable[tuple[Any, bool]]:
    for c in node.children:
        if c.dep_ in LINK_DEPS and c.pos_ in VERBS:
            yield c, _separate(c)
        elif c.dep_ in NOMINAL_LINKS and _event_noun(node, trigger):
            yield c, False
        elif c.dep_ in ARGUMENT_DEPS and node.pos_ in VERBS and _event_noun(c, trigger):
            yield c, False  # "launched an attack that killed 12"
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ in VERBS:
                    yield g, False  # "after killing 12"
    head = node.head
    if head.i == node.i:
        return
    if node.dep_ in LINK_DEPS and head.pos_ in VERBS:
        yield head, _separate(node)
    elif node.dep_ in NOMINAL_LINKS and _event_noun(head, trigger):
        yield head, False
    elif node.dep_ == "pcomp" and head.dep_ == "prep":
        yield head.head, False


def event_links(trigger: Any, span: Any, others: Iterable[Any] = ()) -> dict[int, Link]:
    """Document indices of the words linked to ``trigger``'s event, with how they are linked."""
    blocked = {o.i for o in others if o is not None and o.i != trigger.i}
    inside = range(span.start, span.end) if hasattr(span, "start") else range(len(span))
    links: dict[int, Link] = {trigger.i: Link(0, False)}
    queue: deque[Any] = deque([trigger])
    if trigger.pos_ not in VERBS:
        verb = clause_verb(trigger)
        if verb.i not in blocked and verb.i not in links:
            links[verb.i] = Link(1, False)
            queue.append(verb)
    while queue:
        node = queue.popleft()
        here = links[node.i]
        for nxt, is_separate in _neighbours(node, trigger):
            if nxt.i in links or nxt.i in blocked or nxt.i not in inside:
                continue
            links[nxt.i] = Link(here.distance + 1, here.separate or is_separate)
            queue.append(nxt)
    return links


def trigger_group(trigger: Any) -> str | None:
    """The kind of count the trigger word itself names (harm, arrest, abduct, crowd), if any."""
    lex = lexicon()
    lemma = trigger.lemma_.lower()
    for kind in ("victim", "subject", "state", "noun", "weak", "crowd"):
        category = lex.cue(kind, lemma)
        if category in GROUPS:
            return GROUPS[category]
    return None


def belongs(mention: Mention, links: dict[int, Link], group: str | None) -> Link | None:
    """How ``mention`` is linked to the event, or ``None`` when it belongs elsewhere."""
    reached = [
        links[i] for i in (mention.predicate, mention.clause) if i is not None and i in links
    ]
    if not reached:
        return None
    link = min(reached, key=lambda lk: (lk.separate, lk.distance))
    if group is not None and GROUPS[mention.category] != group and link.separate:
        return None
    return link
