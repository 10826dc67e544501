"""Events a sentence tells by a noun, in the passive, or through an observer (issue 10).

The verb rules of :mod:`khaldun.coding.readings` read "X attacked Y" and "clashes
erupted". ACLED's event descriptions (and news generally) also report events with
no acting verb at all; each function here finds one such phrasing and returns what
:func:`~khaldun.coding.readings.find_readings` needs to code it:

- an event noun after an expletive "there": "there was an armed clash between X and
  Y", "there were clashes in the district" (:func:`existential_event`);
- an event recorded by an observer: "monitors observed a total of 12 explosions",
  "residents heard gunfire", "the mission recorded 30 projectiles" (ACLED codes the
  explosions, shelling or fire a monitor reports; the monitor is the source, not the
  actor: :func:`observed_event`);
- a gathering whose purpose the next sentence gives: "Some 300 people gathered in
  front of the town hall. They denounced the closure ..." (ACLED's protest: a
  public gathering of three or more people to make a demand or express a grievance:
  :func:`purpose_follows`);
- a gathering "with banners and flags" (what protesters carry: :func:`with_props`);
- a demonstration or strike noun with a participle that says it took place: "the highway
  protest held at the district headquarters", and a verbless headline counting its days:
  "Tenth day of the blockade, enforced by the alliance" (:func:`held_event`).

Security measures (curfews, lockdowns, bans, states of emergency) and movements of
forces ("troops were deployed", "X moved troops to ...") are coded by the lexicon
(``verbs.tsv``, ``nouns.tsv``) and typed by ``acled_crosswalk.tsv``.
"""

from __future__ import annotations

from typing import Any

from khaldun.actors.acled import ARMED_INTER, acled_inter_of_words
from khaldun.coding.lexicon import PASSIVE_SUBJ, Lexicon, object_tokens
from khaldun.nlp.views import child_indices, of_object, sentence_of, token_table
from khaldun.resources import word_set

_WORDS = "reading_words.tsv"
#: verbs of observing or recording: their object is an event a monitor saw or heard
OBSERVING_VERBS = word_set(_WORDS, "observing")
#: nouns that count or group events: "a total of 12 explosions", "a series of blasts"
EVENT_COUNTERS = word_set(_WORDS, "event_counter")
#: the violent kinds an observer reports (the observer is not the one who fired)
_VIOLENT = ("18", "19", "20")
#: determiners and adverbs that deny the noun: "there was no clash"
_NONE = frozenset({"no", "neither"})
#: pronouns and nouns that take up a gathering's participants in the next sentence
_PARTICIPANTS = frozenset({"they", "participants", "protesters", "protestors", "demonstrators", "group", "crowd",
                           "gathering", "attendees", "people", "residents", "workers"})


def _denied(noun: Any) -> bool:
    return any(c.dep_ in ("det", "neg", "advmod") and c.lower_ in _NONE for c in noun.children)


def _counted(tok: Any) -> Any:
    """What a counting noun counts: "a total of 12 explosions" is the explosions."""
    if tok.lemma_.lower() in EVENT_COUNTERS or tok.lower_ in EVENT_COUNTERS:
        inner = of_object(tok)
        if inner is not None:
            return inner
    return tok


def _noun_code(tok: Any, lex: Lexicon, weapons: bool) -> str | None:
    """The event code of a noun; with ``weapons``, a weapon or blast noun that names a CAMEO
    code in ``modes.tsv`` counts too ("explosions", "projectiles", "shots")."""
    code = lex.event_noun(tok)
    if code or not weapons:
        return code
    for key in (tok.lemma_.lower(), tok.lower_):
        hit = lex.modes.get(key)
        if hit and hit[1]:
            return hit[1]
    return None


def existential_event(tok: Any, lex: Lexicon) -> str | None:
    """"There was an armed clash between the army and rebels": an event noun that is the
    attribute of "be" with an expletive subject is the event (CAMEO code), else None."""
    if tok.pos_ != "NOUN" or tok.dep_ != "attr":
        return None
    head = tok.head
    if head.lemma_.lower() != "be" or not any(c.dep_ == "expl" for c in head.children):
        return None
    if _denied(tok) or any(c.dep_ == "neg" for c in head.children):
        return None  # "there was no clash", "there were not any protests"
    code = lex.event_noun(tok)
    # fights and attacks only: "there have been protests" says too little of what they were
    # (peaceful or violent) to code one
    return code if code and code[:2] in _VIOLENT else None


def observed_event(verb: Any, lex: Lexicon) -> tuple[str, Any] | None:
    """"Monitors observed / recorded a total of 12 explosions near X", "residents heard
    gunfire": (code, event noun) for violence an observer reports, else None. The
    reading's actor is whoever the noun names ("shelling by the army"), not the observer."""
    if verb.pos_ != "VERB" or lex.verb_lemma(verb) not in OBSERVING_VERBS:
        return None
    for o in object_tokens(verb):
        if o.dep_ in PASSIVE_SUBJ and not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        noun = _counted(o)
        if _denied(noun) or _denied(o):
            continue
        code = _noun_code(noun, lex, weapons=True)
        if code and code[:2] in _VIOLENT:
            return code, noun
    return None


def _next_sentence(sent: Any) -> Any:
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    return doc[sent.end].sent


def purpose_follows(verb: Any, purposes: frozenset[str]) -> bool:
    """"Some 300 people gathered in front of the town hall. They denounced the closure of
    the ward": a gathering whose next sentence has its participants (they, the group, the
    protesters) demand, denounce or call for something is a demonstration."""
    nxt = _next_sentence(sentence_of(verb))
    if nxt is None:
        return False
    root = nxt.root
    if root.pos_ != "VERB" or root.lemma_.lower() not in purposes:
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _PARTICIPANTS or subj.lemma_.lower() in _PARTICIPANTS)


def with_props(verb: Any, props: frozenset[str], prep_objects: Any) -> bool:
    """"Workers gathered in the square with banners and flags": a gathering with what
    protesters carry is a demonstration (ACLED peaceful protest)."""
    found = list(prep_objects(verb, ("with",)))
    # "gathered outside the mall, holding placards": what a participle of carrying takes
    found += [o for c in verb.children if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG"
              and c.lemma_.lower() in _CARRYING for o in c.children if o.dep_ == "dobj"]
    found += [c for o in found for c in o.conjuncts]
    return any(o.lemma_.lower() in props for o in found)


#: participles of carrying: "holding placards", "waving flags", "carrying banners"
_CARRYING = frozenset({"hold", "carry", "wave", "display", "brandish", "raise"})


def _verbless(root: Any) -> bool:
    """A sentence the parser left without a main verb: its root is a noun, or a "be" with no
    subject ("IS militants attacked ...", the group's name read as the verb "is")."""
    if root.pos_ in ("NOUN", "PROPN"):
        return True
    return (root.lemma_.lower() == "be" and root.pos_ == "AUX"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in root.children))


def misparsed_predicate(verb: Any) -> tuple[Any, Any] | None:
    """A finite past-tense verb the parser hung off a noun as a modifier, in a sentence with no
    main verb: "IS militants attacked a checkpoint" (with "IS" read as the verb), "members of X
    assaulted and injured members of Y" (with the object made the root). A reduced relative is
    a past participle (VBN), never a simple past (VBD): the verb is the sentence's predicate.

    (actor token, recipient token) to use, either None when the usual roles hold; None when the
    verb is not such a predicate."""
    if verb.pos_ != "VERB" or verb.tag_ != "VBD" or verb.dep_ not in ("acl", "amod"):
        return None
    if not _verbless(sentence_of(verb).root):
        return None
    own_subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if own_subject is not None:
        # "members of X assaulted and injured members of Y": the noun it modifies is its object
        has_object = any(c.dep_ in ("dobj", "attr") for c in verb.children)
        return own_subject, (None if has_object else verb.head)
    # "IS militants attacked a checkpoint": the noun it modifies is its subject
    return verb.head, None


#: verbs of finding: "police found the body of a man", "bodies were recovered"
FINDING_VERBS = word_set(_WORDS, "finding")
#: what is left of the dead: "the body of a young man", "the remains of five people"
REMAINS_NOUNS = word_set(_WORDS, "remains")
#: the CAMEO code of a killing whose doer the text does not name (190, use conventional force)
KILLING = "190"


def found_dead(verb: Any) -> tuple[str, Any, Any] | None:
    """"Police found the body of a young man with a bullet wound", "the bodies of five
    civilians were found near the town", "a man was found dead": someone was killed, by no
    one the text names (ACLED codes bodies found as an attack by an unidentified group; the
    finder is not the killer). (CAMEO code, the remains noun, the dead) or None."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in FINDING_VERBS:
        return None
    for o in object_tokens(verb):
        if o.lemma_.lower() in REMAINS_NOUNS or o.lower_ in REMAINS_NOUNS:
            if _denied(o):
                continue
            return KILLING, o, of_object(o)
        if o.dep_ in PASSIVE_SUBJ and any(c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ == "dead" for c in verb.children):
            return KILLING, None, o  # "a man was found dead"
    return None


#: acts of occupying or closing a place: with a protest's purpose, a demonstration (CAMEO 144)
OBSTRUCTING_VERBS = word_set(_WORDS, "obstructing")


def obstruction_for_demand(verb: Any, is_purpose: Any) -> bool:
    """"Workers took over the tax offices to demand the director's resignation", "residents
    closed the town hall demanding water": occupying or closing a place for a demand is a
    demonstration (ACLED peaceful protest; CAMEO 144 obstruct passage). The caller checks that
    the subject is not an armed force."""
    table, i = token_table(verb.doc), verb.i  # asked of every trigger: read the token table
    if table.pos[i] != "VERB" or table.lemma[i].lower() not in OBSTRUCTING_VERBS:
        return False
    if verb.lemma_.lower() == "take" and not any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
        return False
    return any(is_purpose(c) for c in verb.children)


#: clauses that give a demonstration's purpose: "to demand ...", "demanding ...", "in solidarity with"
_PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl"})
#: prefixes that make a name what a demonstration is for or against: "a pro-Ukraine rally"
_STANCE_PREFIXES = frozenset({"pro", "anti"})


def topic_tokens(trigger: Any, noun: Any = None) -> frozenset[int]:
    """Token indices of a demonstration's sentence that say what it is about, not where it is:
    its purpose clauses ("gathered in Lyon to show solidarity with Ukraine", "marched ...,
    demanding the withdrawal of troops from Ukraine"), the "for"/"against"/"with" objects of
    solidarity and support, and names a stance prefix makes a cause ("a pro-Ukraine rally").
    A place named there is the demonstration's topic; the place it was held is elsewhere."""
    out: set[int] = set()
    heads = [trigger] + ([noun] if noun is not None and noun is not trigger else [])
    for h in heads:
        for c in h.children:
            if c.dep_ in _PURPOSE_DEPS and c.pos_ in ("VERB", "AUX") and c.tag_ in ("VB", "VBG"):
                out.update(t.i for t in c.subtree)
            if c.dep_ == "prep" and c.lower_ in ("in", "for") and any(
                    g.lemma_.lower() in ("solidarity", "support") for g in c.children):
                out.update(t.i for t in c.subtree)  # "in solidarity with Ukraine", "in support of Gaza"
    doc = trigger.doc
    sent = sentence_of(trigger)
    for i in range(sent.start + 2, sent.end):
        if doc[i - 1].text == "-" and doc[i - 2].lower_ in _STANCE_PREFIXES:
            out.add(i)
    return frozenset(out)


#: participles that say a demonstration or strike took place: "the protest held at the square"
_HOLDING = frozenset({"hold", "stage", "organise", "organize", "observe", "enforce"})
#: prepositions of where or when it took place ("held at", "observed across", "staged on Monday")
_TOOK_PLACE = frozenset({"at", "in", "outside", "near", "on", "across", "throughout", "before", "along"})
#: verbs of calling or enforcing a strike or blockade whose agent a headline names
_CALLING = frozenset({"enforce", "call", "organise", "organize", "stage", "observe", "lead", "sponsor"})


def held_event(noun: Any, lex: Lexicon) -> tuple[str | None, Any]:
    """(CAMEO code, agent) of a demonstration, strike or blockade noun (CAMEO 14x) that a
    participle reports as held: "were part of the protest held at the district headquarters"
    (no agent: the participle's place says it took place; "the strike called for Monday" is
    not held yet), and a verbless headline whose root counts the days of one: "Tenth day of
    the blockade coupled with a hartal, enforced by the alliance" (the agent). (None, None)
    otherwise."""
    code = lex.event_noun(noun)
    if not code or not (code[:2] == "14" or code == "191"):
        return None, None
    gov = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ != "ROOT" and gov.pos_ in ("VERB", "AUX"):
        return None, None  # "took part in the protest held at ...": the verb's reading has it
    for c in noun.children:
        if code != "191" and (c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _HOLDING
                and any(a.dep_ == "prep" and a.lower_ in _TOOK_PLACE for a in c.children)):
            return code, None
    of = noun.head
    root = of.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and root.dep_ == "ROOT" and root.pos_ == "NOUN":
        for c in root.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _CALLING:
                agents = [g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                if agents:
                    if code == "191":
                        # a blockade by no armed or state actor is an obstruction (144), a demonstration
                        if acled_inter_of_words(" ".join(t.text for t in agents[0].subtree)) in ARMED_INTER:
                            return None, None
                        code = "144"
                    return code, agents[0]
    return None, None


#: the state of the counted victims in a verbless toll headline: "30 people dead in a blast"
_TOLL_STATES = frozenset({"dead", "killed", "injured", "wounded", "hurt"})
#: the prepositions that give the cause of a toll: "dead in an explosion", "killed by a bomb"
_TOLL_CAUSES = frozenset({"in", "by", "after", "during"})
#: explosions a toll headline blames: coded as the bombing their weapon says (CAMEO 183)
_EXPLOSIONS = frozenset({"explosion", "blast", "detonation"})


def toll_root_at(doc: Any, i: int) -> bool:
    """May token ``i`` (a noun root) head a toll headline: a child in :data:`_TOLL_STATES`?
    Read from the token table (no Token objects), for the trigger filter of ``find_readings``."""
    table = token_table(doc)
    return any(table.lower[c] in _TOLL_STATES and table.pos[c] != "VERB" for c in child_indices(doc)[i])


def toll_headline(root: Any, lex: Lexicon) -> tuple[str | None, Any]:
    """(CAMEO code, event noun) of a verbless toll headline, else (None, None): the root counts
    victims and says their state, and a preposition names the violent event that caused it:
    "At least 30 people dead in an explosion inside a market", "Five killed in bomb blast"
    (ACLED codes the explosion or attack; CAMEO 18x-20x). Read only for a noun root with a
    child in :data:`_TOLL_STATES` (a set lookup)."""
    # a participle ("people injured in a blast") is a verb: its own reading codes the toll
    states = [c for c in root.children
              if c.dep_ in ("amod", "acl", "appos") and c.lower_ in _TOLL_STATES and c.pos_ != "VERB"]
    if not states:
        return None, None
    for holder in (root, *states):
        for c in holder.children:
            if c.dep_ == "prep" and c.lower_ in _TOLL_CAUSES:
                for g in c.children:
                    if g.dep_ == "pobj" and not _denied(g):
                        code = lex.event_noun(g)
                        if code is None and g.lemma_.lower() in _EXPLOSIONS:
                            # an explosion is no event noun (it may be an accident: incidents.py
                            # reads "a gas cylinder explosion"); its weapon gives the code
                            mode = lex.mode_of([t for t in g.subtree if t.i <= g.i])
                            code = mode[1] if mode else "183"
                        if code and code[:2] in ("18", "19", "20"):
                            return code, g
    return None, None
