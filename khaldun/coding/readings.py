"""Readings: event triggers found in a parsed sentence, with the tokens that fill their roles.

A reading is what the sentence says happened, before actors, places, dates and
counts are resolved: the trigger token, a CAMEO code, the head tokens of the
actor and recipient phrases, and the attribution frame. Triggers are verbs
matched in the verb lexicon, light verbs with an event-noun object ("launched
an attack"), event nouns that are the subject of an occurrence verb ("clashes
erupted"), and responsibility predicates ("was involved in the attack").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khaldun.actors.acled import ARMED_INTER, acled_inter_of_words
from khaldun.coding.attribution import Frame, frame_of, subject_of
from khaldun.coding.demonstrations import quoted_protest
from khaldun.coding.lexicon import PASSIVE_SUBJ, Lexicon, object_tokens
from khaldun.coding.nominal import (
    existential_event,
    found_dead,
    held_event,
    misparsed_predicate,
    observed_event,
    obstruction_for_demand,
    purpose_follows,
    toll_headline,
    toll_root_at,
    with_props,
)
from khaldun.coding.owners import QUANTITIES, group_of, owner_of
from khaldun.coding.shapes import STATE_VERBS, state_event
from khaldun.coding.strikes import SHUTTING_VERBS, shop_strike
from khaldun.nlp.views import child_indices, doc_tokens, of_object, sentence_of, subtree_indices, token_table
from khaldun.resources import word_set

DENIAL = "016"
"""CAMEO 016, deny responsibility: the act it governs is denied, not reported"""
RESPONSIBILITY = "RESP"
"""pseudo-code for "X was (not) involved in / behind / responsible for E": becomes 112, 016 or 015"""

# The word sets of the rules, from khaldun/data/lexicon/reading_words.tsv (its header
# says what each set is for).
_WORDS = "reading_words.tsv"
#: an event noun that is the subject of one of these verbs is the event: "clashes erupted"
OCCURRENCE_VERBS = word_set(_WORDS, "occurrence")
#: verbs whose subject is the victim: "five people died", "1300 people lost their lives"
VICTIM_SUBJECT = word_set(_WORDS, "victim_subject")
#: with a crowd noun as subject, a demonstration (141): "300 demonstrators gathered"
GATHERING_VERBS = word_set(_WORDS, "gathering")
#: nouns for a crowd of protesters
CROWD_NOUNS = word_set(_WORDS, "crowd")
#: a statement whose participle is the event: "a declaration demanding that ..."
STATEMENT_NOUNS = word_set(_WORDS, "statement_noun")
#: event verbs with no object: a participle parsed as a modifier is still the predicate
INTRANSITIVE_EVENT_VERBS = word_set(_WORDS, "intransitive_event")
#: passives that state a stance held by the subject: "Israel is opposed to ..."
STATIVE_PASSIVES = word_set(_WORDS, "stative_passive")
#: verbs whose "in" object is the event their subject took part in: "participated in a protest"
PARTICIPATION_VERBS = word_set(_WORDS, "participation")
#: what protesters carry: "held a press conference with banners" is a demonstration
PROTEST_PROPS = word_set(_WORDS, "protest_prop")
#: a gathering whose purpose is one of these is a demonstration: "gathered to demand ..."
PROTEST_PURPOSES = word_set(_WORDS, "purpose_protest")
#: a fight between two sides: mode "clash" (armed clash or mob violence in ACLED)
CLASH_WORDS = word_set(_WORDS, "clash")
#: state forces named by a common noun: the agent of an event noun they modify ("police firing")
FORCE_NOUNS = word_set(_WORDS, "force_noun")
#: light verbs that make "strike" an attack (190), not a walkout: "launched a strike on"
MILITARY_LIGHT_VERBS = word_set(_WORDS, "military_light")
#: arrest verbs whose participle on a noun reports the arrest ("the men arrested on Tuesday")
ARREST_PARTICIPLES = word_set(_WORDS, "arrest_participle")
#: where the state holds people: a death "in police custody" is the holder's doing
CUSTODY_NOUNS = word_set(_WORDS, "custody")
#: violence or vandalism by demonstrators in their protest's clause: a riot (145)
RIOT_SIGNS = word_set(_WORDS, "riot_sign")
#: participles whose "by" agent holds the demonstration or blockade they describe
ENFORCING_VERBS = word_set(_WORDS, "enforcing")

#: event nouns that are a verbless sentence's event (protest, coercion, violence)
VERBLESS_ROOTS = {"14", "17", "18", "19", "20"}
RECIPIENT_PREPS = ("with", "against", "on", "upon", "at", "to", "toward", "towards", "into", "over")
NON_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves"})
#: verbs of harm to oneself with a reflexive object ("set himself on fire", "shot herself");
#: not "blew themselves up" (a suicide bombing)
SELF_HARM_VERBS = frozenset({"set", "burn", "immolate", "douse", "shoot", "kill", "hang", "stab", "poison", "injure", "wound", "torch"})
CLAUSE_BREAK = {"ccomp", "relcl", "acl", "parataxis", "advcl", "conj", "csubj"}


@dataclass(slots=True)
class Reading:
    trigger: Any
    cameo: str
    actor_tok: Any = None
    recipient_tok: Any = None
    frame: Frame = field(default_factory=Frame)
    event_noun: Any = None
    consumed: set[int] = field(default_factory=set)
    """token indices of clauses this reading absorbed (an xcomp it was cued by)"""
    symmetric: bool = False
    specific: bool = False
    reverse: bool = False
    background: bool = False
    """in a clause that only describes a noun: usable as what a statement is about, not coded itself"""

    @property
    def root(self) -> str:
        return self.cameo[:2]


SYMMETRIC_ROOTS = {"03", "04", "06"}
SYMMETRIC_CODES = {"190", "193", "057", "046", "040", "044"}
#: a release both ways: "the two countries exchanged prisoners"
EXCHANGE_VERBS = {"exchange", "swap"}


def _is_actorish(tok: Any, lex: Lexicon) -> bool:
    if tok is None or tok.ent_type_ in NON_ACTOR_ENTS:
        return False
    if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PRON" and lemma in ("it", "this", "that", "what", "which", "there", "something", "nothing"):
        return False
    if lemma in lex.agent_modes or tok.lower_ in lex.agent_modes:
        return True  # "gunmen", "snipers": weapons words that name people
    # an event, weapon or method names what happened, not who did it
    return not (lemma in lex.nouns or lemma in lex.modes or tok.lower_ in lex.nouns or lex.event_noun(tok))


def _repair(tok: Any) -> Any:
    """Undo a common mis-parse: "met with Syrian President Bashar Assad Tuesday" makes the
    date the object and the name its compound; the name is the object."""
    if tok.ent_type_ in ("DATE", "TIME"):
        names = [c for c in tok.children if c.dep_ == "compound" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
        if names:
            return names[-1]
    if tok.lower_ in QUANTITIES:
        # "fired at thousands of workers": the workers
        return owner_of(tok) or tok
    return tok


def _prep_objects(tok: Any, preps: tuple[str, ...]) -> list[Any]:
    """Objects of the prepositions ``preps`` under ``tok``, in the order of ``preps``."""
    doc = tok.doc
    table, children = token_table(doc), child_indices(doc)
    found = []
    kids = children[tok.i]
    for p in preps:
        for c in kids:
            if table.lower[c] == p and table.dep[c] in ("prep", "dative"):
                found.extend(_repair(doc[g]) for g in children[c] if table.dep[g] == "pobj")
    return found


def _event_noun_agent(noun: Any) -> Any:
    """Who carried out an event named by a noun: "the Hamas attacks", "Israel's raid",
    "the raid by X", "police firing"."""
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            return c
    by = _prep_objects(noun, ("by",))
    if by:
        return by[0]
    for c in noun.children:
        if c.dep_ in ("poss", "compound") and c.lemma_.lower() in FORCE_NOUNS:
            return c
    return None


def _with_protest_props(noun: Any) -> str | None:
    """A meeting or press conference held "with banners" or placards is a demonstration (141)."""
    if noun.pos_ != "NOUN":
        return None
    return "141" if any(p.lemma_.lower() in PROTEST_PROPS for p in _prep_objects(noun, ("with",))) else None


def _participated_in(verb: Any, lex: Lexicon) -> Any:
    """The event noun a verb says its subject took part in: "participated in a protest",
    "took part in a rally", "engaged in fighting"; else None."""
    lemma = lex.verb_lemma(verb)
    heads = [verb] if lemma in PARTICIPATION_VERBS else []
    if lemma == "take":
        heads = [verb, *(o for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() == "part")]
        if len(heads) == 1:
            return None
    for head in heads:
        for o in _prep_objects(head, ("in",)):
            if lex.event_noun(o):
                return o
    return None


def _hyphen_prefix(tok: Any) -> Any:
    """The first half of a hyphenated word the tokenizer split ("lathi" in "lathi-charged"), else None."""
    doc, i = tok.doc, tok.i
    if i >= 2:
        table = token_table(doc)
        if table.text[i - 1] == "-" and not table.ws[i - 1] and not table.ws[i - 2]:
            return doc[i - 2]
    return None


def _hyphen_verb(tok: Any, lex: Lexicon) -> Any:
    """The lexicon's bare row for a hyphenated verb ("lathi-charged", "tear-gassed"), else None."""
    prefix = _hyphen_prefix(tok)
    if prefix is None:
        return None
    for lemma in {f"{prefix.lower_}-{lex.verb_lemma(tok)}", f"{prefix.lower_}-{tok.lemma_.lower()}"}:
        for entry in lex.verbs.get(lemma, ()):
            if not entry.cues:
                return entry
    return None


def _blames(verb: Any, lex: Lexicon) -> bool:
    """"criticised / blamed / condemned X for ...": a verb of disapproval (CAMEO 11, 12),
    whose object did what the "for" clause says (unlike "jailed X for helping")."""
    entry = lex.match_verb(verb) if verb.pos_ == "VERB" else None
    return entry is not None and entry.cameo[:2] in ("11", "12")


def _instrument_agent(trigger: Any, lex: Lexicon) -> Any:
    """"killed in an Israeli airstrike": the agent named inside the instrument phrase."""
    for pobj in _prep_objects(trigger, ("in", "during", "by")):
        # "firing" may be tagged a verb (lemma "fire"): its own form is the event noun
        if lex.event_noun(pobj) or pobj.lemma_.lower() in lex.modes or pobj.lower_ in lex.nouns:
            found = _event_noun_agent(pobj)
            if found is None:
                # "killed in an encounter with the police": state forces fighting the dead
                found = next((w for w in _prep_objects(pobj, ("with",)) if w.lemma_.lower() in FORCE_NOUNS), None)
            if found is not None:
                return found
        elif pobj.lemma_.lower() in FORCE_NOUNS and any(
            c.dep_ in ("acl", "compound") and (c.lower_ in lex.nouns or c.lemma_.lower() in lex.modes) for c in pobj.children
        ):
            return pobj  # "killed in police firing" parsed with "firing" modifying "police"
        elif pobj.lemma_.lower() in CUSTODY_NOUNS:
            # "died in police custody": whoever held the dead
            found = next((c for c in pobj.children if c.dep_ in ("compound", "poss") and c.lemma_.lower() in FORCE_NOUNS), None)
            if found is not None:
                return found
    for c in trigger.children:
        if c.dep_ == "advcl" and c.pos_ == "VERB" and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as") for m in c.children):
            entry = lex.match_verb(c)
            subj = subject_of(c) if entry is not None and entry.cameo[:2] in ("18", "19", "20") else None
            if subj is not None and subj.lemma_.lower() in FORCE_NOUNS:
                return subj  # "a trader was killed when the police fired": the forces who fired killed
    return None


def _actor_of(trigger: Any, lex: Lexicon, noun: Any = None) -> Any:
    lemma = trigger.lemma_.lower()
    if _verbless_predicate(trigger, lex):
        return sentence_of(trigger).root  # mis-parsed main verb: "5,000 students protested", "nurses, and union members, protested"
    if trigger.dep_ == "acl" and _after_dateline(trigger.head):
        return trigger.head  # "dharwad: police arrested 50 workers"
    if lemma in VICTIM_SUBJECT:
        return _instrument_agent(trigger, lex)
    # the children's labels from the token and child tables: a Token only for what is returned
    doc = trigger.doc
    deps, kids = token_table(doc).dep, child_indices(doc)
    # passive: "were killed by X" -> the agent's object
    for c in kids[trigger.i]:
        if deps[c] == "agent":
            for g in kids[c]:
                if deps[g] == "pobj":
                    return doc[g]
    if lemma in STATIVE_PASSIVES or lex.verb_lemma(trigger) in STATIVE_PASSIVES:
        # "Israel is opposed to ...", "Vietnam is committed to ...": the subject holds the stance
        subj = next((c for c in kids[trigger.i] if deps[c] in PASSIVE_SUBJ or deps[c] == "nsubj"), None)
        if subj is not None:
            return doc[subj]
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        # "persons injured in police firing": the participle's instrument names who did it
        found = _instrument_agent(trigger, lex)
        if found is not None:
            return found
    raised = (trigger.dep_ == "xcomp" and any(deps[c] == "auxpass" for c in kids[trigger.i])
              and not any(deps[c] in ("nsubj", "nsubjpass") for c in kids[trigger.i]))
    if raised:
        # "three persons are reported to have been injured in police firing": the raised subject
        # is the victim; only the instrument names who did it
        return _instrument_agent(trigger, lex)
    dep = token_table(trigger.doc).dep
    if any(dep[c] in PASSIVE_SUBJ for c in child_indices(trigger.doc)[trigger.i]):
        found = _instrument_agent(trigger, lex)
        if found is None and lemma in lex.verbs and lex.match_verb(trigger) and lex.match_verb(trigger).cameo[:2] in ("18", "19", "20"):
            # "a mortar was fired at it from the Gaza Strip": the attack came from there
            origin = [p for p in _prep_objects(trigger, ("from",)) if p.ent_type_ in ("GPE", "LOC", "NORP")]
            found = origin[0] if origin else None
        return found
    if noun is not None and noun is trigger:
        for c in noun.children:
            if c.dep_ == "poss" and _is_actorish(c, lex):
                return c
        by = _prep_objects(noun, ("by",))
        if by:
            return by[0]
        between = _prep_objects(noun, ("between",))
        if between:
            return between[0]
        return None
    if trigger.dep_ == "pcomp" and trigger.head.head is not trigger.head and (
            trigger.head.lower_ == "of" or (trigger.head.lower_ == "for" and _blames(trigger.head.head, lex))):
        # "accused the RSF of shelling", "criticised the police for opening fire": the object of the verb acts
        accused = [o for o in object_tokens(trigger.head.head) if o.dep_ not in PASSIVE_SUBJ]
        if accused:
            return accused[0]
    subj = subject_of(trigger)
    if subj is not None and _is_dateline(subj):
        # "Mysore: police arrested ...": the dateline parsed as a second subject
        subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > subj.i), None)
    prefix = _hyphen_prefix(trigger)
    if subj is not None and prefix is not None and subj.i == prefix.i:
        # "police lathi-charged": the parser makes "lathi" the subject, with the agent its compound
        subj = next((c for c in subj.children if c.dep_ in ("compound", "poss", "amod")), None)
    if subj is not None and subj.pos_ in ("NOUN",) and (lex.event_noun(subj) or subj.lemma_.lower() in lex.modes) and not _is_actorish(subj, lex):
        # "an Israeli airstrike killed ..." / "the attack killed": the actor is a modifier
        for c in subj.children:
            if c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG"):
                return c
        by = _prep_objects(subj, ("by",))
        # "drones launched by the RSF hit ...": the weapon's sender
        return by[0] if by else owner_of(subj, "actor")
    return subj


def _recipient_of(trigger: Any, lex: Lexicon, noun: Any, cameo: str) -> Any:
    if trigger.lemma_.lower() in VICTIM_SUBJECT:
        return subject_of(trigger)
    if (trigger.dep_ == "acl" and trigger.tag_ == "VBN" and lex.verb_lemma(trigger) not in INTRANSITIVE_EVENT_VERBS
            and not _after_dateline(trigger.head)):
        return trigger.head  # "10 soldiers killed in ...": the noun the participle describes
    stative = lex.verb_lemma(trigger) in STATIVE_PASSIVES
    doc = trigger.doc
    deps = token_table(doc).dep  # the children's labels from the tables: a Token only for a passive subject
    for ci in child_indices(doc)[trigger.i]:
        if deps[ci] in PASSIVE_SUBJ and not stative:
            c = doc[ci]
            c = group_of(c) or c  # "three of the hostages were released": the hostages
            if _is_actorish(c, lex):
                return c
    if noun is not None:
        hits = _prep_objects(noun, RECIPIENT_PREPS)
        hits = [h for h in hits if _is_actorish(h, lex)]
        if hits:
            return hits[0]
        if noun is trigger:
            between = _prep_objects(noun, ("between",))
            if between and between[0].conjuncts:
                return between[0].conjuncts[0]
            return None
    if cameo[:2] == "07":
        # "delivered food to Taiz", "sent aid to the refugees": who receives the aid, not the aid
        given = [h for h in _prep_objects(trigger, ("to", "for")) if _is_actorish(h, lex)]
        if given and not any(_is_named(o) for o in object_tokens(trigger) if o.dep_ not in PASSIVE_SUBJ):
            return given[0]
    aimed = _purpose_target(trigger, lex, cameo)
    if aimed is not None:
        return aimed
    found = _recipient_candidates(trigger, lex, noun, cameo)
    # "advised against travel to Tunisia": a name inside an unnamed candidate's phrase
    found += [h for c in found if not _is_named(c) for h in _prep_objects(c, ("to", "against", "on", "with")) if _is_named(h)]
    named = [c for c in found if _is_named(c)]
    return (named or found or [None])[0]


def _is_named(tok: Any) -> bool:
    """A proper name, a pronoun or a named entity: the likeliest recipient among candidates."""
    return tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _recipient_candidates(trigger: Any, lex: Lexicon, noun: Any, cameo: str) -> list[Any]:
    """Recipient candidates in order of preference ("supplied arms to Israel": arms, Israel)."""
    out: list[Any] = []
    violent = cameo[:2] in ("18", "19", "20")
    for o in object_tokens(trigger):
        if o.dep_ in PASSIVE_SUBJ:
            continue
        o = group_of(o) or o  # "released three of the hostages": the hostages
        if o is noun:
            continue
        owned = owner_of(o)
        if owned is not None:
            out.append(owned)  # "hit a military base": the military, whatever the lexicon says of "base"
            continue
        if lex.event_noun(o) or o.lower_ in lex.nouns:
            out += [h for h in _prep_objects(o, RECIPIENT_PREPS) if _is_actorish(h, lex)]
            continue
        if violent and o.pos_ == "NOUN" and not o.ent_type_ and owner_of(o) is None:
            # "fired anti-aircraft batteries at Russia": the thing fired is not the target
            # (an army convoy ambushed on a highway is: its owner is)
            aimed = [h for h in _prep_objects(trigger, ("at", "on", "upon", "against")) if _is_actorish(h, lex)]
            if aimed:
                out += aimed
                continue
        # "called Hamas's murder ... glorious", "attacked Israel's embassy": the possessor
        if o.pos_ == "NOUN" and not o.ent_type_:
            out += [g for g in o.children if g.dep_ == "poss" and g.pos_ == "PROPN"]
        if _is_actorish(o, lex):
            out.append(o)
        # "presented evidence against Russia", "sent aid to Gaza": the object's own preposition
        out += [h for h in _prep_objects(o, ("against", "to", "on", "with", "for")) if _is_actorish(h, lex) and _is_named(h)]
    doc = trigger.doc
    dep = token_table(doc).dep
    out += [c for c in [doc[j] for j in child_indices(doc)[trigger.i] if dep[j] == "dative"] if _is_actorish(c, lex)]
    out += [h for h in _prep_objects(trigger, RECIPIENT_PREPS) if _is_actorish(h, lex)]
    if out:
        return out
    if cameo[:2] in ("11", "12"):
        # "alleged that Iran ...", "denied that Tehran ...": the subject of the complement
        for c in trigger.children:
            if c.dep_ == "ccomp":
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass", "expl")), None)
                if subj is not None and subj.dep_ == "expl":
                    subj = next((g for g in c.children if g.dep_ == "attr"), None)
                    if subj is not None:
                        for g in subj.subtree:
                            if g.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
                                return [g]
                if subj is not None and _is_actorish(subj, lex):
                    return [subj]
    for c in trigger.children:
        if c.dep_ == "xcomp":
            inner = _recipient_of(c, lex, None, cameo) if c.pos_ == "VERB" else None
            if inner is not None:
                return [inner]
    if cameo[:2] in ("14", "10", "02"):
        addressee = _demand_addressee(trigger, lex)
        if addressee is not None:
            return [addressee]
    return []


#: verbs whose object is the weapon used, not the target: "used water cannon", "fired tear gas"
_WIELD_VERBS = frozenset({"use", "fire", "employ", "deploy", "lob", "hurl"})


def _purpose_target(trigger: Any, lex: Lexicon, cameo: str) -> Any:
    """"used water cannon to break up a rally by opposition supporters": force is used on
    whom its purpose clause acts on (the gathering's participants), else None."""
    if cameo[:2] not in ("17", "18", "19") or lex.verb_lemma(trigger) not in _WIELD_VERBS:
        return None
    for c in trigger.children:
        if c.dep_ not in ("advcl", "xcomp") or c.pos_ != "VERB" or not any(a.lower_ == "to" for a in c.children):
            continue
        entry = lex.match_verb(c)
        if entry is None or entry.cameo[:2] not in ("17", "18", "19"):
            continue
        for o in object_tokens(c):
            if o.dep_ in PASSIVE_SUBJ:
                continue
            o = group_of(o) or o
            # "a rally by thousands of supporters" (the parser may hang "by" on the verb)
            by = _prep_objects(o, ("by",)) or _prep_objects(c, ("by",))
            if by:
                return group_of(by[0]) or by[0]
            if _is_actorish(o, lex) and not lex.event_noun(o):
                return o
    return None


#: verbs of a protest's purpose clause whose addressee is the protest's target
_DEMAND_VERBS = frozenset({"demand", "urge", "press", "ask", "call"})


def _demand_addressee(trigger: Any, lex: Lexicon) -> Any:
    """"went on strike, demanding that the government secure ...", "marched to demand that
    the government extend ...": a protest is aimed at whoever its demand is addressed to
    (PLOVER PROTEST: the recipient is the target of the protest)."""
    # the demand itself ("demanded that the government ..."), or a purpose or manner clause of
    # the protest, or of a verb joined to it ("went on strike and kept their boats in harbour, demanding ...")
    heads = [trigger, *(c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    clauses = [c for h in heads for c in h.children if c.dep_ in ("advcl", "xcomp", "conj")]
    if trigger.lemma_.lower() in _DEMAND_VERBS:
        clauses.insert(0, trigger)
    for c in clauses:
        if c.pos_ != "VERB" or c.lemma_.lower() not in _DEMAND_VERBS:
            continue
        for g in c.children:
            if g.dep_ in ("dobj", "dative") and _is_actorish(g, lex) and (_is_named(g) or g.lemma_.lower() in _OFFICIAL):
                return g  # "urging the government to ...", "calling on" is a prep below
            if g.dep_ == "ccomp":
                subj = next((x for x in g.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and _is_actorish(subj, lex) and (_is_named(subj) or subj.lemma_.lower() in _OFFICIAL):
                    return subj
        for h in _prep_objects(c, ("on", "upon")):
            if _is_actorish(h, lex):
                return h  # "calling on the authorities to ..."
    return None


#: common nouns for the authorities a demand is addressed to
_OFFICIAL = frozenset({"government", "authority", "authorities", "administration", "ministry", "minister",
                       "president", "governor", "council", "parliament", "state", "police", "mayor", "municipality"})


def _responsibility(tok: Any) -> Any:
    """The event noun a responsibility predicate points at, or None."""
    lemma = tok.lemma_.lower()
    if lemma == "involve" and tok.tag_ == "VBN":
        preps = ("in",)
    elif lemma == "responsible":
        preps = ("for",)
    elif lemma == "be":
        preps = ("behind",)
    else:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


MODIFIER_DEPS = {"relcl", "acl", "amod"}


def _reported_arrest(tok: Any, code: str, lex: Lexicon) -> bool:
    """"the two men arrested on Tuesday had ...": an arrest verb's participle on a noun that is
    not an apposition reports the arrest; "a member jailed a year ago" only describes him.
    So does violence by a state force named in its instrument ("persons injured in police firing")."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.dep_ == "appos":
        return False
    if code == "173":
        return lex.verb_lemma(tok) in ARREST_PARTICIPLES
    if code[:2] in ("18", "19", "20"):
        # "persons injured in police firing": the state force in the instrument phrase is news
        agent = _instrument_agent(tok, lex)
        return agent is not None and agent.lemma_.lower() in FORCE_NOUNS
    return False


#: speech acts (CAMEO 10-13: demand, disapprove, reject, threaten) a non-restrictive relative clause reports
_ASIDE_ROOTS = frozenset({"10", "11", "12", "13"})


def _said_in_aside(trigger: Any, code: str) -> bool:
    """"according to Y, a rights group, which accused the police of ...": a speech act told in
    a non-restrictive relative clause (after a comma, simple past) is news about its speaker,
    not a description of it (unlike "the group, which controls the north")."""
    if code[:2] not in _ASIDE_ROOTS or trigger.dep_ != "relcl" or trigger.tag_ != "VBD":
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in ("which", "who") for c in trigger.children):
        return False
    start = trigger.left_edge.i
    return start > 0 and trigger.doc[start - 1].text == ","


#: victims already counted as hurt: their death later is a toll update, not an attack
_HURT = frozenset({"injured", "wounded", "hurt"})


#: kinds of event that can go on for years (fighting, sieges, protests); not coercion, whose
#: "for two years" is the term of a sentence or ban ("has jailed X for two years")
_STANDING_ROOTS = frozenset({"14", "15", "18", "19", "20"})
#: units of a span of time: "for more than 15 years", "for months"
_DURATION_UNITS = frozenset({"year", "month", "week", "decade", "century"})


def _standing(trigger: Any) -> bool:
    """"Al Shabaab has fought for more than 15 years", "has been besieged since 2015": a
    present perfect over a span of time states a standing situation, not an event of the
    story's day (CAMEO and PLOVER code events, not conditions)."""
    if trigger.pos_ != "VERB" or trigger.tag_ != "VBN":
        return False
    if not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") for c in trigger.children):
        return False
    for p in trigger.children:
        if p.dep_ != "prep" or p.lower_ not in ("for", "since"):
            continue
        # "for 15 years", "since 2015", "since March 2021"; not "since Monday", a recent run of events
        if any(t.lemma_.lower() in _DURATION_UNITS or (p.lower_ == "since" and t.shape_ == "dddd") for t in p.subtree):
            return True
    return False


def _died_of_wounds(trigger: Any) -> bool:
    """"One of the injured workers died in hospital on Tuesday": the death of someone the
    article has already counted hurt updates that attack's toll; it is no new event."""
    if trigger.lemma_.lower() not in VICTIM_SUBJECT:
        return False
    subj = subject_of(trigger)
    if subj is None:
        return False
    for tok in (subj, group_of(subj)):
        if tok is not None and (tok.lower_ in _HURT or any(
                c.dep_ in ("amod", "compound") and c.lower_ in _HURT for c in tok.children)):
            return True
    return False


def _is_dateline(tok: Any) -> bool:
    """A place word that opens its sentence and is followed by a colon: "Mysore: police said ..."."""
    doc, i = tok.doc, tok.i
    # the colon first, from the token table: ``tok.sent`` makes a span and walks the sentence
    if i + 1 >= len(doc) or token_table(doc).text[i + 1] not in (":", "\u2014"):
        return False
    return i - sentence_of(tok).start <= 3 and tok.right_edge.i <= i + 1


def _verbless_subject(noun: Any) -> bool:
    """Is ``noun`` the root of a verbless parse, or a conjunct of that root ("200 nurses, as
    well as union representatives, protested" parsed with "protested" describing the last
    conjunct)? A participle hung off it is the sentence's predicate."""
    if noun.dep_ == "ROOT":
        return True
    root = sentence_of(noun).root
    return noun.dep_ == "conj" and noun.head.i == root.i and root.pos_ in ("NOUN", "PROPN")


def _is_protest_purpose(c: Any) -> bool:
    """A purpose clause of a gathering that makes it a demonstration: "to demand ...",
    "demanding ...", "to denounce ..." (reading_words.tsv, purpose_protest)."""
    return (c.dep_ in ("xcomp", "advcl", "relcl", "acl") and c.lemma_.lower() in PROTEST_PURPOSES
            and (c.tag_ == "VBG" or (c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children))))


def _holds_demonstration(verb: Any, lex: Lexicon, entry: Any = None) -> bool:
    """Is one of a light verb's objects a demonstration ("held a rally and a protest meeting")
    that the verb's own object cue does not name ("lodged a protest" is a complaint, 114)?"""
    cued = {v for c in (entry.cues if entry is not None else ()) if c.kind == "obj" for v in c.values}
    return any((lex.event_noun(o) or "")[:2] == "14" and o.lemma_.lower() not in cued for o in object_tokens(verb)
               if not (o.dep_ in PASSIVE_SUBJ and not any(c.dep_ == "auxpass" for c in verb.children)))


def _protest_in_object(verb: Any, lex: Lexicon) -> Any:
    """A demonstration noun inside a light verb's object phrase, before its head, that the
    parser attached to a modifier rather than made the object: "held a protest demanding
    relief" parsed with "relief" as the object."""
    for o in object_tokens(verb):
        if o.dep_ != "dobj":
            continue
        for t in o.subtree:
            if t.i >= o.i:
                break
            if t.dep_ in ("npadvmod", "nmod", "compound", "dep") and (lex.event_noun(t) or "")[:2] == "14":
                return t
    return None


def actor_text(tok: Any) -> str | None:
    """The words of the phrase headed by ``tok`` (None when no token)."""
    return " ".join(t.text for t in tok.subtree) if tok is not None else None


def _held_by(noun: Any, lex: Lexicon) -> tuple[str | None, Any]:
    """A demonstration, strike or blockade noun described as held by someone: "the hartal,
    enforced by the party", "the blockade called by the alliance". The code of the noun
    and the agent; a blockade by no armed or state actor is an obstruction (CAMEO 144,
    a demonstration), not a military blockade (191)."""
    code = lex.event_noun(noun)
    if not code or not (code[:2] == "14" or code == "191"):
        return None, None
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and lex.verb_lemma(c) in ENFORCING_VERBS:
            agents = [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if not agents:
                continue
            if code == "191":
                if acled_inter_of_words(actor_text(agents[0])) in ARMED_INTER:
                    return None, None
                code = "144"
            return code, agents[0]
    return None, None


def _quantified(subj: Any) -> Any:
    """The people a quantity subject counts: "hundreds of people" is "people", "dozens of
    teachers" is "teachers" (the parser makes the number the head)."""
    if subj is None or subj.ent_type_ not in ("CARDINAL", "QUANTITY") and subj.pos_ != "NUM":
        return subj
    counted = of_object(subj)
    return subj if counted is None else counted


def _verbless_predicate(verb: Any, lex: Lexicon) -> bool:
    """Is ``verb`` (a participle of an intransitive event verb such as "protested") the
    predicate of a sentence the parser left without a verb, hung off the subject phrase:
    "5,000 students protested", "relatives of the victim protested outside ..."?"""
    if verb.dep_ != "acl" or lex.verb_lemma(verb) not in INTRANSITIVE_EVENT_VERBS:
        return False
    root = sentence_of(verb).root
    # the root may also be the opening preposition ("On 1 May, ... miners, protested in ..."
    # parsed as one prepositional phrase), and the phrase a noun taken for an object
    if root.pos_ == "ADP":
        return True  # no verb at all: the participle is the only predicate there is
    # "X, as well as Y, protested in Z demanding ...": the parser made the purpose
    # participle the root and "protested" a modifier of its subject
    gerund_root = root.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in root.children)
    if root.pos_ not in ("NOUN", "PROPN") and not gerund_root:
        return False
    cur = verb.head
    for _ in range(6):
        if cur.i == root.i or (gerund_root and cur.dep_ == "nsubj" and cur.head.i == root.i):
            return True
        # "nurses called by the unions protested in ...": through a participle and its agent too
        if cur.dep_ not in ("conj", "pobj", "prep", "appos", "compound", "dobj", "nmod", "agent", "acl"):
            return False
        cur = cur.head
    return False


def _after_dateline(noun: Any) -> bool:
    """"dharwad: police arrested ...": a lower-case dateline the parser took for the root,
    with the real subject hung off it as an apposition."""
    head = noun.head
    return (noun.dep_ == "appos" and head.dep_ == "ROOT" and head.i + 1 < noun.i
            and head.doc[head.i + 1].text in (":", "-", "\u2014") and head.i - sentence_of(head).start <= 3)


def _in_modifier_clause(tok: Any, lex: Lexicon | None = None) -> bool:
    """Is ``tok`` inside a clause that only describes a noun ("a member jailed last year",
    "who had been arrested", "the Israeli-occupied sector")? Such background is not coded."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "advcl" and cur.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cur.children):
            return True  # "Rebuked by X, Y is ...": a participle describing the subject
        if cur.dep_ == "advcl" and cur.head.dep_ in ("relcl", "acl") and any(c.lower_ == "when" for c in cur.children):
            return True  # "X, who lost his son when a bomber detonated a device, said": background
        if cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.pos_ == "NOUN":
            return True  # "a threat to boycott", "efforts to counter": not (yet) happening
        if cur.dep_ in MODIFIER_DEPS and cur.pos_ in ("VERB", "AUX", "ADJ") and cur.tag_ != "VB":
            noun = cur.head
            if cur.dep_ == "acl" and cur.tag_ == "VBG" and noun.lemma_.lower() in STATEMENT_NOUNS:
                return False  # "a declaration demanding that ...": the statement is the event
            if cur.dep_ == "acl" and (_verbless_subject(noun) or _after_dateline(noun)):
                return False  # a verbless parse ("5,000 students protested ..."): the participle is the predicate
            if lex is not None and _verbless_predicate(cur, lex):
                return False  # "relatives of the victim protested outside ...", parsed without a verb
            # "There were 10 soldiers killed": the report itself, not background
            return not (noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children))
        if cur.dep_ not in ("conj", "xcomp") or cur.head is cur:
            return False
        cur = cur.head
    return False


_TRIGGER_VERBAL = frozenset({"VERB", "AUX", "ADJ"})
#: the lemmas :func:`_responsibility` reads ("involved in", "responsible for", "was behind")
_RESPONSIBILITY_LEMMAS = frozenset({"involve", "responsible", "be"})


def _may_trigger(pos: list[str], lemma: list[str], dep: list[str], low: list[str], i: int) -> bool:
    """Can token ``i`` (a verb, auxiliary or adjective) get a code in :func:`find_readings`?

    Read from the token table, so that no ``Token`` object is made for the rest. A verb
    always can. An auxiliary gets one only from :func:`_responsibility` or
    :func:`state_event` (every other branch asks for a verb or a noun); an adjective only
    from :func:`_responsibility` or as a participle ("Israel is opposed to": ``acomp`` or
    ``ROOT``, ending in "ed"; :func:`~khaldun.coding.nominal.obstruction_for_demand` asks
    for a verb). A new branch of :func:`find_readings` that codes another auxiliary or
    adjective must widen this.
    """
    p = pos[i]
    if p == "VERB":
        return True
    lem = lemma[i].lower()
    if lem in _RESPONSIBILITY_LEMMAS:
        return True
    if p == "AUX":
        return lem in STATE_VERBS
    return p == "ADJ" and dep[i] in ("acomp", "ROOT") and low[i].endswith("ed")


def find_readings(sent: Any, lex: Lexicon) -> list[Reading]:
    """Every event reading in one sentence, in text order."""
    readings: list[Reading] = []
    by_trigger: dict[int, Reading] = {}
    doc, table = sent.doc, token_table(sent.doc)
    pos, lemma, dep, low = table.pos, table.lemma, table.dep, table.lower
    # only verbs, auxiliaries, adjectives and nouns can trigger a reading (every branch
    # below asks for one of them), and a noun only when it is an event noun (every noun
    # branch below, ``existential_event`` and ``_held_by`` included, needs
    # ``lex.event_noun(tok)``; the verb-only ones test ``pos_ == "VERB"``), an auxiliary or
    # adjective only as :func:`_may_trigger` says (and a noun root only as
    # :func:`~khaldun.coding.nominal.toll_root_at` says): no Token objects for the rest. A new rule
    # that reads a noun which is no event noun must widen this.
    event_noun_at = lex.event_noun_at
    toks = doc_tokens(doc)
    for tok in [toks[i] for i in range(sent.start, sent.end)
                if (pos[i] in _TRIGGER_VERBAL and _may_trigger(pos, lemma, dep, low, i))
                or (pos[i] == "NOUN" and (event_noun_at(doc, i) or (dep[i] == "ROOT" and toll_root_at(doc, i))))]:
        code = None
        noun = None
        specific = False
        reverse = False
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            target = _responsibility(tok)
            if target is not None and (lex.event_noun(target) or target.lemma_.lower() in ("it", "incident", "killing", "violence")):
                code, noun = RESPONSIBILITY, target
            elif tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT") and tok.lower_.endswith("ed")):
                # adjectival participles count as verbs: "Israel is opposed to ..."
                entry = _hyphen_verb(tok, lex) or lex.match_verb(tok)
                if entry is not None:
                    code, specific = entry.cameo, entry.specificity > 0
                    reverse = entry.reverse
                if lex.verb_lemma(tok) in lex.light_verbs and (entry is None or not any(c.kind == "obj" for c in entry.cues)
                                                               or _holds_demonstration(tok, lex, entry)):
                    # "held a rally and a protest meeting": a demonstration among the objects
                    # outweighs the meeting the verb's own cue found
                    for o in object_tokens(tok):
                        if o.dep_ in PASSIVE_SUBJ and not any(c.dep_ == "auxpass" for c in tok.children):
                            continue
                        c = lex.event_noun(o) or _with_protest_props(o) or quoted_protest(o, lex.verb_lemma(tok))
                        if c:
                            if c == "143" and o.lemma_.lower() == "strike" and lex.verb_lemma(tok) in MILITARY_LIGHT_VERBS:
                                c = "190"  # "launched a strike on": military, not a walkout
                            code, noun, specific = c, o, True
                            break
                    if code is None or noun is None:
                        # "held a protest demanding relief": the parser may hang the event noun
                        # inside the object phrase (as a modifier of a participle on the object)
                        inner = _protest_in_object(tok, lex)
                        if inner is not None:
                            code, noun, specific = lex.event_noun(inner), inner, True
        if (code is None or code.startswith("171")) and tok.pos_ == "VERB" and any(
                (lex.event_noun(o) or "")[:2] == "14" for o in _prep_objects(tok, ("in",)) if o.pos_ == "NOUN"
                and not any(c.dep_ == "det" for c in o.children)):
            # "burnt tyres in protest against ...", "shut their shops in protest": the act is the
            # demonstration (a riot when the act is violent, see the coder), even an act of
            # damage the lexicon codes (CAMEO 171)
            code, specific = "141", True
        elif (code is not None and code.startswith("171") and tok.pos_ == "VERB"
              and any(_is_protest_purpose(c) for c in tok.children)
              and acled_inter_of_words(actor_text(subject_of(tok))) not in ARMED_INTER):
            # "set fire to tyres to demand a raise": damage done for a demand is the demonstration
            code, specific = "141", True
        if code is None and tok.pos_ == "VERB" and tok.lemma_.lower() in SHUTTING_VERBS:
            # "traders shut their shops", "shops remained closed in response to a call" (strikes.py)
            code = shop_strike(tok, lex)
            specific = code is not None
        if code is None and tok.pos_ == "VERB":
            took_part_in = _participated_in(tok, lex)
            if took_part_in is not None:
                code, noun, specific = lex.event_noun(took_part_in), took_part_in, True
        if code is None and tok.pos_ == "VERB" and lex.verb_lemma(tok) in GATHERING_VERBS:
            subj = _quantified(subject_of(tok))
            if subj is not None and subj.lemma_.lower() in CROWD_NOUNS:
                code = "141"  # "300 demonstrators gathered outside the offices"
            elif lex.verb_lemma(tok) != "take" and (
                    (subj is not None and _is_actorish(subj, lex) and acled_inter_of_words(subj.text) not in ARMED_INTER)
                    # the parser lost the subject ("..., car watchers, including members of X, gathered
                    # in the square to demand"): the purpose or protest below still tells a demonstration
                    or (subj is None and tok.dep_ == "ROOT")):
                # "women gathered in demonstration", "teachers gathered ... to demand":
                # a public gathering for a cause is a demonstration (ACLED: protest)
                protest = [o for o in _prep_objects(tok, ("in", "for", "at")) if (lex.event_noun(o) or "")[:2] == "14"]
                if protest:
                    code, noun = "141", protest[0]
                elif any(_is_protest_purpose(c) for c in tok.children) or any(
                        _is_protest_purpose(c) for o in _prep_objects(tok, ("in", "at", "outside", "near"))
                        for c in o.children if c.dep_ in ("relcl", "acl")):
                    # "gathered to demand ...", "gathered in the square demanding ...", and the
                    # purpose hung off the place ("gathered in a square to demand ...")
                    code = "141"
                elif any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children) or any(
                        o.lemma_.lower() == "support" for o in _prep_objects(tok, ("in",))):
                    code = "141"  # "gathered against the reform", "gathered in support of the strikers"
                elif with_props(tok, PROTEST_PROPS, _prep_objects) or purpose_follows(tok, PROTEST_PURPOSES):
                    # "gathered with banners and flags"; "gathered outside the town hall. They
                    # denounced ...": the gathering's purpose told in the next sentence
                    code = "141"
        elif tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass"):
            c = lex.event_noun(tok)
            head = tok.head
            if c and head.lemma_.lower() in OCCURRENCE_VERBS and lex.match_verb(head) is None:
                code, noun = c, tok
        elif tok.pos_ == "NOUN" and tok.dep_ == "attr" and existential_event(tok, lex):
            # "there was an armed clash between X and Y": the noun is the event
            code, noun = existential_event(tok, lex), tok
        elif tok.pos_ == "NOUN" and tok.dep_ == "ROOT":
            # a headline with no verb names its event: "nationwide blockade enforced by the
            # opposition", "clashes in the district"; only protests and violence, which
            # such headlines report
            c = lex.event_noun(tok)
            if c and c[:2] in VERBLESS_ROOTS:
                code, noun = c, tok
            elif c is None:
                code, noun = toll_headline(tok, lex)  # "30 people dead in an explosion" (nominal.py)
        agent_tok = None
        if code is None and tok.pos_ == "NOUN":
            code, agent_tok = _held_by(tok, lex)
            if code is None:
                code, agent_tok = held_event(tok, lex)  # "the protest held at ...", "Tenth day of the blockade, enforced by ..."
            noun = tok if code is not None else None
        observed = observed_event(tok, lex) if tok.pos_ == "VERB" else None
        if observed is not None:
            # "monitors observed 12 explosions": the explosions are the event, not the watching
            code, noun, specific = observed[0], observed[1], True
        dead = found_dead(tok) if code is None and tok.pos_ == "VERB" else None
        if dead is not None:
            # "police found the body of a man": a killing by no one named, the finder not the killer
            code, noun = dead[0], dead[1]
        if ((code is None or code[:3] in ("171", "192")) and obstruction_for_demand(tok, _is_protest_purpose)
                and acled_inter_of_words(actor_text(subject_of(tok))) not in ARMED_INTER):
            # "workers took over the tax offices to demand ...": occupying a place for a demand
            code, specific = "144", True
        if code is None and tok.pos_ in ("AUX", "VERB"):
            code, noun = state_event(tok, lex)  # "teachers are on hunger strike"
            specific = code is not None
        if code is None:
            continue
        objects = object_tokens(tok) if code[:2] in ("17", "18", "19", "20") else []
        if objects and lex.verb_lemma(tok) in SELF_HARM_VERBS and all(o.lower_ in REFLEXIVES for o in objects):
            # "set himself on fire", "shot herself": harm to oneself is no attack (but
            # "killed 23 people as well as themselves" is)
            continue
        reading = Reading(trigger=tok, cameo=code, event_noun=noun, specific=specific)
        # "the two men arrested on Tuesday": a participle that reports an arrest is news, not background
        reading.background = ((_in_modifier_clause(tok, lex) and not _reported_arrest(tok, code, lex)
                               and not _said_in_aside(tok, code))
                              or _died_of_wounds(tok) or (code[:2] in _STANDING_ROOTS and _standing(tok)))
        reading.frame = frame_of(tok, lex)
        misparsed = misparsed_predicate(tok) if reading.background else None
        if misparsed is not None:
            reading.background = False  # "IS militants attacked ...": the sentence's predicate
        if reverse:
            givers = _prep_objects(tok, ("from",)) or [g for o in object_tokens(tok) for g in _prep_objects(o, ("from",))]
            reading.actor_tok = givers[0] if givers else None
            reading.recipient_tok = subject_of(tok)
            reading.reverse = True
            readings.append(reading)
            by_trigger[tok.i] = reading
            continue
        if code == RESPONSIBILITY:
            reading.actor_tok = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        else:
            reading.actor_tok = _actor_of(tok, lex, noun if noun is tok else None)
        if agent_tok is not None:
            reading.actor_tok = agent_tok
        if code != RESPONSIBILITY:
            reading.recipient_tok = _recipient_of(tok, lex, noun, code)
        else:
            reading.recipient_tok = None
        if dead is not None:
            reading.actor_tok, reading.recipient_tok = None, dead[2]
        if misparsed is not None:
            reading.actor_tok = misparsed[0]
            reading.recipient_tok = misparsed[1] or reading.recipient_tok
        if observed is not None:
            # the observer is the source: who fired is named in the noun, if at all ("shelling by
            # the army"), and what was hit by the noun's own preposition ("strikes on the town")
            reading.actor_tok = _event_noun_agent(noun)
            reading.recipient_tok = next((h for h in _prep_objects(noun, RECIPIENT_PREPS) if _is_actorish(h, lex)), None)
        # "shelled an army position", "a convoy chartered by the UN delivered": the owner acts or suffers
        reading.actor_tok = owner_of(reading.actor_tok, "actor") or reading.actor_tok
        if (reading.actor_tok is not None and reading.actor_tok.lower_ in ("which", "who", "that")
                and tok.dep_ == "relcl" and reading.actor_tok.head.i == tok.i):
            reading.actor_tok = tok.head  # "a rights group, which accused ...": the group
        reading.recipient_tok = owner_of(reading.recipient_tok) or reading.recipient_tok
        for c in tok.children:
            if c.dep_ == "ccomp" and c.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                # "allowed the leader to bring out a rally": an infinitive with its own subject
                # parsed as a clausal complement is the verb's complement, as an xcomp is
                reading.consumed.update(t.i for t in c.subtree)
            if c.dep_ == "xcomp" or (code == DENIAL and c.dep_ == "advcl" and c.tag_ == "VBG"
                                     and not any(g.dep_ in ("mark", "nsubj", "nsubjpass") for g in c.children)):
                # "denied lathi-charging the students": the parser may attach the denied act as an advcl
                reading.consumed.update(t.i for t in c.subtree)
        if code == RESPONSIBILITY and noun is not None:
            reading.consumed.update(t.i for t in noun.subtree)
        reading.symmetric = code[:2] in SYMMETRIC_ROOTS or code in SYMMETRIC_CODES
        if code == "0841" and lex.verb_lemma(tok) in EXCHANGE_VERBS:
            # "X and Y exchanged prisoners": each side releases to the other; the prisoners are what changed hands
            reading.symmetric = True
            reading.recipient_tok = next(iter(_prep_objects(tok, ("with",))), None)
        readings.append(reading)
        by_trigger[tok.i] = reading
    _absorb_complements(readings, by_trigger, lex)
    # a coded verb that governs another coded verb through an xcomp absorbs it
    # ("agreed to cooperate", "threatened to attack", "urged X to stop")
    consumed: set[int] = set()
    for r in readings:
        consumed |= {i for i in r.consumed if i != r.trigger.i}
    # background (a clause describing a noun) may be what a statement is about, but is
    # not itself reported as happening
    kept = [r for r in readings if r.trigger.i not in consumed and not r.background]
    # conj verbs with no subject or object of their own share their head's
    for r in kept:
        t = r.trigger
        if t.dep_ == "conj" and t.head.i in by_trigger:
            head = by_trigger[t.head.i]
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            if r.recipient_tok is None and r.symmetric and head.symmetric and not own_subject:
                r.recipient_tok = head.recipient_tok
    # elaborations of an event by a participle or purpose clause of the same kind
    # ("launched an attack, firing rockets", "met X to discuss")
    out = []
    violent = {"18", "19", "20"}
    for r in kept:
        t = r.trigger
        if t.dep_ == "advcl" and t.tag_ in ("VBG", "VB") and t.head.i in by_trigger:
            head = by_trigger[t.head.i]
            if head.root == r.root or (head.root in violent and r.root in violent):
                continue
        out.append(r)
    return out


#: verbs whose complement is an event they speak of, by the code the lexicon gives them
COMPLEMENT_FAMILY = {"030": "intent", "130": "threat", "120": "reject", "020": "appeal", "100": "demand"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}
COMPLEMENT_PREPS = {"for", "on", "upon", "to"}


def _complement_roots(tok: Any, noun: Any = None) -> list[Any]:
    roots = [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS]
    if noun is not None and noun is not tok:
        # "reiterated its demand that Israel ease ...", "a call for Iran to release ..."
        roots += [c for c in noun.children if c.dep_ in ("ccomp", "acl", "relcl") and c.pos_ == "VERB"]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS:
                roots.extend(g for g in c.children if g.dep_ in ("pcomp", "pobj"))
    # "vowed to fight": spaCy sometimes attaches the infinitive as a purpose clause
    roots += [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS:
            roots.extend(g for g in c.children if g.dep_ in ("pcomp", "pobj"))
        if c.dep_ in ("dobj",):
            # "urged the EU to lift", "called on X to release": the infinitive hangs off the object
            roots.extend(g for g in c.children if g.dep_ in ("acl", "relcl") and g.tag_ == "VB")
    return roots


def _absorb_complements(readings: list[Reading], by_trigger: dict[int, Reading], lex: Lexicon) -> None:
    """"agreed to provide aid" is one intent (033), "demanded that X release Y" one demand (1053)."""
    for r in readings:
        family = COMPLEMENT_FAMILY.get(r.cameo)
        if family is None:
            continue
        entry = lex.match_verb(r.trigger)
        if entry is not None and any(c.kind == "xcomp" and "*" not in c.values for c in entry.cues):
            continue  # the lexicon already names this complement ("agreed to cooperate")
        best: Reading | None = None
        best_depth = 99
        roots = _complement_roots(r.trigger, r.event_noun)
        doc = r.trigger.doc
        heads = token_table(doc).head
        for root in roots:
            # the subtree and the walk up read from the head and child tables: no Token
            # objects. Every head on the walk was a new ``Token``, never ``r.trigger``; the
            # first step is ``r.trigger`` itself only when the root is that very object
            for ti in subtree_indices(doc, root.i):
                inner = by_trigger.get(ti)
                if inner is None or inner is r or inner.cameo == RESPONSIBILITY:
                    continue
                depth = 0
                if not (ti == root.i and root is r.trigger):
                    j = ti
                    while heads[j] != j and depth < 10:
                        j, depth = heads[j], depth + 1
                if depth < best_depth:
                    best, best_depth = inner, depth
        if best is None:
            # "demanded a meeting", "offered talks", "called for sanctions": the object names the event
            for o in object_tokens(r.trigger) + _prep_objects(r.trigger, ("for",)):
                inner_code = lex.event_noun(o)
                if inner_code and o is not r.event_noun:
                    derived = lex.derive(family, inner_code)
                    if derived:
                        r.cameo, r.specific = derived, True
                    break
            continue
        code = lex.derive(family, best.cameo)
        if code is None:
            continue
        r.cameo = code
        r.specific = True
        r.consumed.update(t.i for root in roots for t in root.subtree)
        if r.recipient_tok is None or family in ("demand",) and r.recipient_tok.dep_ not in ("dobj", "pobj"):
            if family in ("appeal", "demand"):
                r.recipient_tok = best.actor_tok if best.actor_tok is not None else best.recipient_tok
            else:
                r.recipient_tok = best.recipient_tok
        r.symmetric = r.cameo[:2] in SYMMETRIC_ROOTS


def clause_tokens(trigger: Any) -> list[Any]:
    """Tokens of the trigger's own clause (its subtree minus embedded clauses, plus elaborations)."""
    # walked on the token and child tables: Token objects only for the clause's own tokens
    doc, first = trigger.doc, trigger.i
    table, kids = token_table(doc), child_indices(doc)
    dep, tag = table.dep, table.tag
    found = [first]
    stack = list(kids[first])
    while stack:
        t = stack.pop()
        if dep[t] in CLAUSE_BREAK and not (dep[t] == "advcl" and tag[t] == "VBG"):
            continue
        found.append(t)
        stack.extend(kids[t])
    if dep[first] in ("nsubj", "nsubjpass", "dobj"):
        found.append(table.head[first])
    found.sort()
    toks = doc_tokens(doc)
    return [trigger if i == first else toks[i] for i in found]
