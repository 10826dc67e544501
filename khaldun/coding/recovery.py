"""Events the parse hid: a second, looser reading of documents that gave no ACLED event.

The small parser mis-tags verbs and misplaces clauses in the short, dense reports that conflict
data sets code ("Residents of the ward' protested ...": *protested* tagged a noun; "eight unions
continued a protest": *continue* is no light verb; "a blogger hacked to death by assailants": a
participle read as a description of its noun). The strict pass (:mod:`khaldun.coding.readings`)
finds no trigger there, and the document gets no event although its words name one. ACLED's
codebook codes every report of a demonstration (a protest, a sit-in, a strike, a blockade by
demonstrators) or of political violence (a clash, firing, an explosion, a killing); where the
strict pass found no event with an ACLED type in a whole document, this module reads the words
themselves:

- an event noun of a protest or of violence (CAMEO roots 14, 18, 19, 20) wherever the parser
  hung it ("contined a protest", "resorted to a dharna", "fighting ... was ongoing", "firing
  between the two armies resumed");
- a past-tense verb of the lexicon with such a code that the tagger made a noun or an adjective
  ("protested", "demonstrated");
- such a verb that the strict pass set aside as background or as absorbed by another verb.

A negated or denied word is not read ("there were no reported clashes"). The readings go through
the same coder (actors, frames, modes, places) as any other; they are only tried on documents
that had no ACLED event, so they never out-rank an event the strict pass found.

Two refinements of the strict pass's own readings live here too, both from the codebooks:

- :func:`civil_obstruction`: a blockade, siege or shutdown imposed by a party, a union, students,
  residents or no armed or state actor is a demonstration (CAMEO 144, obstruct passage; ACLED's
  protests); imposed by a state or an armed group it stays CAMEO 191.
- *blast* means criticise only with a person or a body as its object; "blasted a bomb", "blasted
  a bus" are explosions (rows in ``verbs.tsv``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from khaldun.actors import acled_inter
from khaldun.actors.acled import ARMED_INTER, acled_inter_of_words
from khaldun.coding.attribution import frame_of, is_negated, subject_of
from khaldun.coding.lexicon import Lexicon
from khaldun.coding.readings import _STANDING_ROOTS, Reading, _actor_of, _recipient_of, _standing
from khaldun.records import EventRecord

#: the CAMEO roots whose events ACLED codes when a document names them: protests and violence
RECOVERABLE_ROOTS = frozenset({"14", "18", "19", "20"})
#: words that deny the event they modify ("no clashes", "without violence")
_DENYING = frozenset({"no", "without", "not", "never", "nor", "neither"})
#: where a gerund stands as a noun
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "dobj", "pobj", "ROOT", "attr", "conj"})
#: prepositions that set an event noun as the time, cause or author of something else
_BACKGROUND_PREPS = frozenset({"after", "before", "since", "behind", "following", "despite", "amid", "amidst", "over",
                               "about", "regarding", "of", "for", "like", "than", "until", "till"})
#: words a preposition completes into a cause: "because of", "due to", "instead of"
_CAUSAL_HEADS = frozenset({"because", "due", "instead", "owing", "prior", "thanks"})
#: prepositions that set the scene of an event ("accused in a protest", "during a demonstration")
_SETTING_PREPS = frozenset({"in", "during", "at"})
#: relative pronouns: a clause they open describes its noun
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})
#: quad classes of words: verbal cooperation and verbal conflict (and neutral statements)
_VERBAL_QUADS = frozenset({0, 1, 3})
#: verbs that end, stop or cancel what their object names
_ENDING_VERBS = frozenset({"halt", "stop", "end", "call", "cancel", "suspend", "postpone", "abandon", "withdraw",
                           "defer", "avert", "prevent", "foil", "thwart"})
#: CAMEO codes of obstruction imposed on others (191: impose blockade, restrict movement)
_OBSTRUCTION = frozenset({"191"})
#: ACLED actor types that impose a blockade as force: state forces, rebels, militias, external forces
_FORCE_INTER = frozenset({1, *ARMED_INTER})


def _denied(tok: Any) -> bool:
    if is_negated(tok):
        return True
    if any(c.lower_ in _DENYING and c.dep_ in ("det", "neg", "advmod", "preconj") for c in tok.children):
        return True
    head = tok.head
    # "without violence", "denied any clashes"
    if head is not tok and head.lower_ in _DENYING:
        return True
    return head is not tok and head.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "attr", "nsubj") and is_negated(head)


def _code_of(tok: Any, lex: Lexicon) -> tuple[str | None, bool]:
    """(CAMEO code, read as a noun) of a word the strict pass may have missed."""
    if tok.pos_ in ("NOUN", "PROPN"):
        code = lex.event_noun(tok)
        if code is not None:
            return code, True
    if tok.pos_ == "VERB" and tok.lower_.endswith("ing") and tok.dep_ in _NOMINAL_DEPS and tok.lower_ in lex.nouns:
        return lex.nouns[tok.lower_], True  # a gerund in a noun's place: "firing between the armies resumed"
    if tok.pos_ in ("VERB", "NOUN", "ADJ", "PROPN") and (tok.pos_ == "VERB" or tok.lower_.endswith("ed")):
        entry = lex.match_verb(tok)
        if entry is not None and not entry.reverse:
            return entry.cameo, False
    return None, False


def governed_by(triggers: list[Any]) -> set[int]:
    """Tokens that events the strict pass found govern: what they deny, claim, discuss or reject
    ("denied a report that troops killed ...", "took credit for a bomb that killed ..."). The strict
    pass read them as that event's topic; only the event's subject and its setting ("protests were
    attended by", "accused ... in a protest") may still be events of their own."""
    out: set[int] = set()
    for t in triggers:
        # its subject, and a noun the parser made a compound of the verb ("held a dharna demanding
        # ...": no noun modifies a verb, the noun is the object the parser lost)
        free = {c.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "compound")}
        free |= {g.i for c in t.children if c.dep_ == "prep" and c.lower_ in _SETTING_PREPS
                 for g in c.children if g.dep_ == "pobj"}
        free |= {x.i for x in t.subtree if x.dep_ == "compound" and x.head.pos_ == "VERB"}
        out |= {x.i for x in t.subtree if x.i != t.i} - free
    return out


def recovered_readings(sent: Any, lex: Lexicon, taken: set[int], governed: set[int] | None = None) -> list[Reading]:
    """Readings of protest and violence words in ``sent`` at tokens not in ``taken`` (triggers
    of the strict pass) nor in ``governed`` (see :func:`governed_by`)."""
    out: list[Reading] = []
    governed = governed or set()
    for tok in sent:
        if tok.i in taken or tok.i in governed or tok.is_punct or tok.like_num:
            continue
        code, as_noun = _code_of(tok, lex)
        if code is None or code[:2] not in RECOVERABLE_ROOTS:
            continue
        if tok.dep_ == "attr" and any(c.dep_ == "expl" for c in tok.head.children):
            continue  # "there have been protests": the strict pass decides existentials (nominal.py)
        if not as_noun and code[:2] in _STANDING_ROOTS and _standing(tok):
            continue  # "have fought the government for 20 years": a standing situation (readings.py)
        if _in_relative(tok):
            continue  # "the bomb that killed dozens", "who lost his son when a bomber detonated ...": background
        if as_noun and tok.dep_ in ("dobj", "nsubjpass") and _governor(tok).lemma_.lower() in _ENDING_VERBS:
            continue  # "halted his march", "called off the strike": what did not go on
        if tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok:
            continue  # "riot police", "protest site", "strike force": a modifier, not the event
        if _denied(tok) or _irrealis(tok) or (as_noun and _topic_of_other(tok)):
            continue
        frame = frame_of(tok if not as_noun else _governor(tok), lex)
        if frame.polarity == "negated":
            continue
        reading = Reading(trigger=tok, cameo=code, event_noun=tok if as_noun else None, frame=frame)
        try:
            if as_noun:
                reading.actor_tok = _actor_of(tok, lex, tok) or _subject_of_governor(tok, lex)
            else:
                reading.actor_tok = _actor_of(tok, lex) if tok.pos_ == "VERB" else _left_subject(tok)
            reading.recipient_tok = _recipient_of(tok, lex, reading.event_noun, code)
        except (AttributeError, IndexError):  # a parse too broken to follow: the words alone
            reading.actor_tok, reading.recipient_tok = None, None
        out.append(reading)
    return out


def _in_relative(tok: Any) -> bool:
    """In a relative clause (opened by a relative pronoun, or a reduced one: a past participle on a
    noun): it describes the noun, it is not the report (the strict pass's background too)."""
    cur = tok
    for _ in range(10):
        if cur.dep_ == "relcl" and any(c.lower_ in _RELATIVES for c in cur.children):
            return True
        if cur.dep_ == "acl" and cur.tag_ == "VBN" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True  # a reduced relative: "the two soldiers wounded in last week's ambush"
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _irrealis(tok: Any) -> bool:
    """In an infinitive or modal clause: wanted, planned, threatened, not told as done ("wants X
    to attack Y", "helped to plan and carry out killings", "would stage a strike")."""
    cur = tok if tok.pos_ in ("VERB", "AUX") else _governor(tok)
    for _ in range(4):  # the clause's verb and the verbs it is a conjunct or complement of
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_ in ("aux", "auxpass") and (c.lower_ == "to" or c.tag_ == "MD")
                                               for c in cur.children):
            return True
        if cur.dep_ not in ("conj", "xcomp") or cur.head is cur:
            return False
        cur = cur.head
    return False


def _topic_of_other(noun: Any) -> bool:
    """The event noun is what another noun is about, or a time or cause around the sentence's
    event: "a summit on the unrest", "sorrow for the shootings", "a pause in the bombing", "after
    the museum shooting", "behind the attacks". Told so, it is background, not the report."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    if prep.lower_ in _BACKGROUND_PREPS or prep.lower_ in _CAUSAL_HEADS or prep.head.lower_ in _CAUSAL_HEADS:
        return True  # "after the shooting", "because of the attacks"
    if prep.lower_ == "on" and prep.head.lemma_.lower() == "be":
        return True  # "the debate was on the strike"; "workers are on strike" is the strict pass's (shapes.py)
    return prep.head is not prep and prep.head.pos_ in ("NOUN", "PROPN", "ADJ", "PRON")


def _governor(noun: Any) -> Any:
    """The verb a noun phrase hangs off ("continued a protest": continued), else the noun."""
    cur = noun
    for _ in range(4):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return noun


def _subject_of_governor(noun: Any, lex: Lexicon) -> Any:
    """The subject of the verb the event noun is the object of ("unions continued a protest")."""
    gov = _governor(noun)
    if gov is noun or noun.dep_ in ("nsubj", "nsubjpass"):
        return None
    subj = subject_of(gov)
    if subj is None and gov.dep_ in ("dobj", "xcomp", "advcl") and gov.head is not gov:
        subj = subject_of(gov.head)  # "held a dharna demanding ...": the parser's participle object
    if subj is None or subj.i == noun.i or lex.event_noun(subj):
        return None
    return subj


def _left_subject(tok: Any) -> Any:
    """A verb tagged a noun ("Residents of the ward' protested"): the noun phrase before it,
    the parser's subject of the sentence, is its actor."""
    sent = tok.sent
    return next((t for t in sent if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass")), None)


def civil_obstruction(code: str, actors: list[Any], noun: Any = None) -> str:
    """CAMEO 144 for a blockade imposed by actors who are no state force or armed group.

    CAMEO 191 (impose blockade, restrict movement) is the coercion of states and armed groups;
    a blockade, siege or shutdown that a party, a union, students or residents enforce is their
    demonstration, CAMEO 144 (obstruct passage, block), which ACLED codes as a protest (its 2015
    coding of opposition blockades and hartals, its codebook's road blockades by demonstrators).
    With no actor resolved, the agent of a participle on the noun decides ("the blockade enforced
    by the opposition alliance"); with none, or a state's name, the code stays.
    """
    if code not in _OBSTRUCTION:
        return code
    if not actors:
        agent = _participle_agent(noun) if noun is not None else None
        if agent is None or any(t.ent_type_ in ("GPE", "NORP", "LOC") for t in agent.subtree):
            return code  # "the blockade of the port", "the blockade imposed by Israel"
        words = " ".join(t.text for t in agent.subtree)
        return code if acled_inter_of_words(words) in _FORCE_INTER else "144"
    if any(acled_inter(a) in _FORCE_INTER or a.sector in ("MIL", "COP", "GOV") or a.kind == "country" for a in actors):
        return code
    return "144"


def retyped_obstruction(candidate: Any) -> Any:
    """:func:`civil_obstruction` on a coder candidate."""
    new = civil_obstruction(candidate.code, candidate.actors, candidate.reading.event_noun)
    return candidate if new == candidate.code else replace(candidate, code=new)


def _participle_agent(noun: Any) -> Any:
    """The agent of a participle on ``noun`` ("a blockade enforced by the alliance": the alliance)."""
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    return next((g for g in a.children if g.dep_ == "pobj"), None)
    return None


def material_first(records: list[EventRecord]) -> list[EventRecord]:
    """A verbal record (a complaint, a demand, a denunciation) that ACLED would type a protest
    only because of who spoke is no ACLED event of its own where the document tells a material
    ACLED event (a clash, an attack, a demonstration, an arrest).

    ACLED codes what happened on the ground, one event per incident; a statement by
    demonstrators or party workers is a protest for it only when nothing else happened ("X
    clashed with Y. X's supporters complained that ..." is the clash). The record keeps its
    CAMEO and PLOVER coding and its confidence; only its ACLED types are cleared, so the
    document's most confident ACLED record is the material one.
    """
    if not any(r.acled_event_type and (r.quad_class not in _VERBAL_QUADS or r.event_type == "PROTEST") for r in records):
        return records
    return [replace(r, acled_event_type=None, acled_sub_event_type=None)
            if r.acled_event_type and r.quad_class in _VERBAL_QUADS and r.event_type != "PROTEST" else r
            for r in records]
