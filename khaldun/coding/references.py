"""References: actor phrases that name their actor through another phrase of the article.

Wire copy names an actor once and then points back at it, or names two sides in one
phrase. CAMEO and PLOVER code the actors those phrases stand for (CAMEO 1.1b3, "source
and target actors"; PLOVER's actor and recipient are who acted and who was acted on,
however the text refers to them):

- coordinated "of" objects: "the foreign ministers of Congo and Rwanda", "negotiators
  of the government and of the movement" are one actor per side (who met whom);
- a possessive pronoun: "their military spokesman", "its fighters" belong to the group
  named just before;
- an institution of a role: "the state prosecutor's office" is the prosecutor's body;
- a definite or "same" reference to a group: "the same group", "the group", "the
  militants" is the group the article named before (the nearest earlier non-state
  group or organisation of a known country);
- "another wave", "a second salvo" of an attack: the attacker of the article's previous
  attack (:func:`attack_anaphor`).

Each function returns the actors the phrase stands for, or None when it is not such a
phrase or the article gives no antecedent; nothing here overrides a country the phrase
gives itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khaldun.nlp.views import doc_sents, of_object
from khaldun.records import Actor, replace

#: pronouns whose owner is a group, organisation or country named before
OWNER_PRONOUNS = frozenset({"their", "its"})
#: nouns for a body that acts for its possessor ("the prosecutor's office")
INSTITUTION_NOUNS = frozenset({"office", "ministry", "department", "bureau", "headquarters", "secretariat", "command"})
#: heads of a reference back to an armed or non-state group ("the same group", "the militants")
GROUP_ANAPHORS = frozenset({
    "group", "movement", "organisation", "organization", "militant", "attacker", "assailant", "gunman",
    "insurgent", "rebel", "kidnapper", "faction", "outfit", "militia",
})
#: heads of a renewed attack by the same side ("another wave", "a second salvo")
ATTACK_ANAPHORS = frozenset({"wave", "salvo", "barrage", "round", "volley"})
#: determiners and modifiers that point back ("the same group", "that group")
_BACK = frozenset({"the", "that", "this", "these", "those"})
_AGAIN = frozenset({"another", "second", "third", "fresh", "new", "further"})
#: sectors of bodies a bare "the group" can point back to (armed, political, civil society; not crowds)
_BODIES = frozenset({"REB", "UAF", "CRM", "OPP", "PTY", "NGO", "LAB"})
#: how many sentences back an antecedent may be
_REACH = 3


def coordinated_of(tok: Any, doc_actors: Any, on_date: str | None) -> list[Actor] | None:
    """"the foreign ministers of Congo and Rwanda": one actor per object of the role's "of"
    phrases, each with the role's sector; None unless the phrase names two or more sides."""
    if tok is None or tok.pos_ != "NOUN":
        return None
    role = doc_actors.kb.role(tok.lemma_.lower()) or doc_actors.kb.role(tok.lower_)
    if role is None:
        return None
    objects: list[Any] = []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    objects += [obj, *obj.conjuncts]
            for again in prep.conjuncts:  # "of X and of Y"
                objects += [o for o in again.children if o.dep_ == "pobj"]
    objects = sorted({o.i: o for o in objects}.values(), key=lambda o: o.i)
    if len(objects) < 2:
        return None
    sector = role.sector if role.sector not in (None, "*") else None
    out: list[Actor] = []
    for obj in objects:
        found = doc_actors.resolve_all(_own_span(obj), on_date)
        if len(found) != 1 or not found[0].country:
            return None
        a = found[0]
        if a.kind == "country":
            a = replace(a, sector=sector or a.sector or "GOV", kind=role.kind or "group")
        if any(a.country == o.country and a.sector == o.sector for o in out):
            return None
        out.append(replace(a, text=f"{tok.text} of {a.text}"))
    return out


def _own_span(obj: Any) -> Any:
    """An object's phrase without its conjuncts ("Congo" of "Congo and Rwanda")."""
    cut = {t.i for c in obj.children if c.dep_ in ("conj", "cc", "punct", "prep", "relcl", "acl") for t in c.subtree}
    idx = [t.i for t in obj.subtree if t.i not in cut]
    doc = obj.doc
    start, end = min(idx), max(idx) + 1
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return doc[start:end]


def _antecedents(doc_actors: Any, tok: Any) -> list[Any]:
    """Mentions ending before ``tok``'s phrase, nearest first, within :data:`_REACH` sentences."""
    start = tok.left_edge.idx
    here = _sentence_index(tok)
    return [m for m in reversed(doc_actors.mentions) if m.end <= start and m.sentence >= here - _REACH]


def _sentence_index(tok: Any) -> int:
    for n, sent in enumerate(doc_sents(tok.doc)):
        if sent.start <= tok.i < sent.end:
            return n
    return 0


def owner_pronoun(tok: Any, found: list[Actor], doc_actors: Any) -> list[Actor] | None:
    """"Their military spokesman accused ...": a role owned by "their"/"its" takes the
    country (and, for a spokesman or official, the sector) of the group, organisation or
    country the pronoun points back to."""
    if tok is None or (found and all(a.country for a in found)):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS), None)
    if owner is None:
        return None
    for m in _antecedents(doc_actors, owner):
        a = m.actor
        if a.kind not in ("group", "organization", "country") or not a.country or a.country in ("IGO", "NGO"):
            continue
        if not found:
            return [Actor(text=_text(tok), name=a.name, country=a.country, sector=a.sector, kind=a.kind)]
        return [replace(f, country=f.country or a.country, sector=f.sector if f.sector not in (None, "*") else a.sector)
                for f in found]
    return None


def institution_of(tok: Any, found: list[Actor], doc_actors: Any, on_date: str | None) -> list[Actor] | None:
    """"The state prosecutor's office said": an office, ministry or command is the body of
    the role or organisation that possesses it."""
    if tok is None or found or tok.lemma_.lower() not in INSTITUTION_NOUNS:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if owner is None:
        return None
    doc = tok.doc
    left = owner.left_edge.i
    while left < owner.i and doc[left].lower_ in ("the", "a", "an"):
        left += 1
    got = doc_actors.resolve_all(doc[left:owner.i + 1], on_date)
    if len(got) != 1 or got[0].sector is None:
        return None
    return [replace(got[0], text=_text(tok), kind="organization")]


def group_anaphor(tok: Any, found: list[Actor], doc_actors: Any) -> list[Actor] | None:
    """"The ambush came three days after the same group seized a police station": a
    definite or "same" group noun with no country of its own is the group the article
    named before. A bare "the group" is the nearest armed, political or civil-society
    body (not a crowd of people); a role of its own ("the militants") keeps its sector
    and takes the country of the nearest earlier group of that sector."""
    if tok is None or tok.pos_ != "NOUN" or (found and all(a.country for a in found)) or len(found) > 1:
        return None
    if tok.lemma_.lower() not in GROUP_ANAPHORS and tok.lower_ not in GROUP_ANAPHORS:
        return None
    mods = {c.lower_ for c in tok.children if c.dep_ in ("det", "amod")}
    if not (mods & _BACK or "same" in mods) or any(c.dep_ in ("compound", "poss", "nmod") for c in tok.children):
        return None
    for m in _antecedents(doc_actors, tok):
        a = m.actor
        if a.kind not in ("group", "organization") or a.country == "IGO":
            continue
        if found:
            if a.country and a.sector == found[0].sector:
                return [replace(found[0], country=a.country)]
            continue
        # a group of no stated country stays so: the event's place gives it one (assembly._localised)
        if a.sector in _BODIES:
            return [replace(a, text=_text(tok))]
    return None


def attack_anaphor(tok: Any) -> bool:
    """"another wave struck the depot": a renewed attack whose attacker is the one before."""
    if tok is None or tok.pos_ != "NOUN" or tok.lemma_.lower() not in ATTACK_ANAPHORS:
        return False
    return any(c.lower_ in _AGAIN for c in tok.children if c.dep_ in ("det", "amod"))


#: violent participles whose object is the victims of the attack they follow
VICTIM_PARTICIPLES = frozenset({"kill", "wound", "injure", "maim"})


def participle_victims(trigger: Any) -> Any:
    """"A car bomb exploded at a checkpoint, killing at least eight people": the object of
    a killing or wounding participle on an attack that names no target is its target."""
    for c in trigger.children:
        if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and c.lemma_.lower() in VICTIM_PARTICIPLES:
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None:
                return obj
    return None


def _definite_attack(b: Any) -> bool:
    """"Al Shabaab said it carried out the attack": an attack named by a definite noun."""
    noun = b.reading.event_noun
    return noun is not None and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in noun.children)


@dataclass
class AttackMemory:
    """The article's last affirmed attack, for references back to it."""

    actors: list[Actor] = field(default_factory=list)
    recipients: list[Actor] = field(default_factory=list)
    sentence: int = -1
    forceful: list[Actor] = field(default_factory=list)
    """who used force last (an attack, or coercion such as crowd control or arrests)"""
    forceful_sentence: int = -1


#: nouns for force used on people: condemning "the violence" is condemning whoever used it
VIOLENCE_NOUNS = frozenset({
    "violence", "crackdown", "repression", "brutality", "attack", "attacks", "killing", "killings",
    "bombing", "shelling", "massacre", "assault", "abuse", "abuses", "force",
})
#: how many sentences back the force a condemnation speaks of may have been told
_FORCE_REACH = 5


def _condemned_force(b: Any) -> bool:
    """"The EU condemned the violence against demonstrators", "criticised what it called
    brutality": disapproval (CAMEO 11) whose object names force used, with no one named as
    using it ("X's attack", "the violence by Y" name their own)."""
    if b.code[:2] != "11" or b.trigger is not b.reading.trigger:
        return False
    for c in b.trigger.children:
        if c.dep_ not in ("dobj", "ccomp", "xcomp"):
            continue
        for t in c.subtree:
            if t.pos_ == "NOUN" and (t.lemma_.lower() in VIOLENCE_NOUNS or t.lower_ in VIOLENCE_NOUNS):
                named = any(g.dep_ in ("poss", "compound", "amod") and g.pos_ in ("PROPN", "NOUN") or
                            (g.dep_ == "prep" and g.lower_ == "by") for g in t.children)
                return not named
    return False


def back_references(built: list[Any], memory: AttackMemory, s_idx: int) -> list[Any]:
    """Events that point back at the article's previous attack take its sides: a renewed
    attack with no attacker named ("another wave struck") its attacker, "the attack"
    someone carried out, within two sentences, its target, and a condemnation of "the
    violence" (no one named) whoever last used force, within five. ``memory`` is updated."""
    from khaldun.coding.assembly import same_side

    out = []
    for b in built:
        violent = b.code[:2] in ("18", "19", "20") and b.trigger is b.reading.trigger
        if violent and not b.actors and memory.actors and attack_anaphor(b.reading.actor_tok):
            b = replace(b, actors=list(memory.actors))
        if (violent and not b.recipients and b.reading.recipient_tok is None and memory.recipients
                and s_idx - memory.sentence <= 2 and _definite_attack(b)):
            b = replace(b, recipients=list(memory.recipients))
        if (_condemned_force(b) and memory.forceful and s_idx - memory.forceful_sentence <= _FORCE_REACH
                and all(any(same_side(r, a) for a in b.actors) for r in b.recipients)):
            # "condemned the violence": the recipient is whoever used the force the article told
            targets = [a for a in memory.forceful if not any(same_side(a, x) for x in b.actors)]
            if targets:
                b = replace(b, recipients=targets)
        if (b.code[:2] in ("17", "18", "19", "20") and b.trigger is b.reading.trigger and b.actors
                and b.frame.polarity == "affirmed"):
            memory.forceful, memory.forceful_sentence = list(b.actors), s_idx
        if violent and b.frame.polarity == "affirmed" and (b.actors or b.recipients):
            memory.actors = list(b.actors) or memory.actors
            memory.recipients = [a for a in b.recipients if a.country] or memory.recipients
            memory.sentence = s_idx
        out.append(b)
    return out


#: words that take part of a group named in their "of" object ("some of them", "many of the workers")
PARTITIVES = frozenset({"some", "many", "several", "most", "few", "all", "none", "each", "both", "one", "part"})


def partitive(tok: Any, found: list[Actor], doc_actors: Any, on_date: str | None) -> list[Actor] | None:
    """"Some of them threw bricks", "two of the protesters": the group the part is taken from."""
    if tok is None or found or not (tok.lower_ in PARTITIVES or tok.pos_ == "NUM"):
        return None
    inner = of_object(tok)
    if inner is None:
        return None
    if inner.pos_ == "PRON":
        return doc_actors.resolve_all(tok.doc[inner.i:inner.i + 1], on_date) or None
    from khaldun.coding.assembly import actor_span

    return doc_actors.resolve_all(actor_span(inner), on_date) or None


def refer(tok: Any, found: list[Actor], doc_actors: Any, on_date: str | None) -> list[Actor]:
    """The actors ``tok``'s phrase stands for by reference (see the module docstring), else ``found``."""
    if tok is None:
        return found
    for got in (
        coordinated_of(tok, doc_actors, on_date) if len(found) < 2 else None,
        owner_pronoun(tok, found, doc_actors),
        institution_of(tok, found, doc_actors, on_date),
        group_anaphor(tok, found, doc_actors),
        partitive(tok, found, doc_actors, on_date),
    ):
        if got:
            return got
    return found


def _text(tok: Any) -> str:
    sub = tok.subtree
    idx = [t.i for t in sub]
    return tok.doc[min(idx):max(idx) + 1].text


#: CAMEO roots of words said about something (statements, praise, disapproval): a place inside
#: what they are about is not where they were said. Demands, appeals and refusals are left out:
#: people "demanded his release in X" in X, and PLOVER places "would not meet demands to release
#: prisoners in X" in X (the parser hangs the place on the object)
SPOKEN_ROOTS = frozenset({"01", "05", "11"})


def spoken_of(trigger: Any, code: str) -> set[int]:
    """Token indices of what a statement is about ("praised the attack on civilians in X",
    "condemned the killings in Y"): its direct object's phrase, for the roots of
    :data:`SPOKEN_ROOTS`; empty for meetings, agreements and material acts."""
    if code[:2] not in SPOKEN_ROOTS:
        return set()
    return {t.i for c in trigger.children if c.dep_ == "dobj" for t in c.subtree}


def domestic_meeting(actors: list[Actor], recipients: list[Actor]) -> str | None:
    """The one state both sides of a meeting belong to ("ministers met the miners'
    leaders"), or None when a side is missing, foreign or international."""
    countries = {a.country for a in (*actors, *recipients)}
    if not actors or not recipients or len(countries) != 1:
        return None
    (home,) = countries
    return home if home and home not in ("IGO", "NGO", "IMG") else None
