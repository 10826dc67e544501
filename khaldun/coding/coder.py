"""The rule coder: parsed documents in, event records out.

For each sentence, :func:`~khaldun.coding.readings.find_readings` finds the
triggers and their role tokens; this module resolves the roles to actors,
turns attributed statements into accusations and denials, and refines codes
by weapon, crowd and tense. :class:`~khaldun.coding.assembly.RecordAssembler`
then fills places, dates, counts and ACLED types, as for any coder.
Registered as ``rules.v1`` (:mod:`khaldun.coding.registry`).
"""

from __future__ import annotations

from typing import Any

from khaldun.actors import ActorResolver
from khaldun.coding.agreements import agreement_mode
from khaldun.coding.assembly import (
    Candidate,
    RecordAssembler,
    SentenceCandidates,
    actor_span,
    same_side,
)
from khaldun.coding.attribution import (
    Frame,
    is_negated,
    is_neutral_witness,
    is_outlet,
    sentence_sources,
)
from khaldun.coding.dispersals import dispersed_demonstrations
from khaldun.coding.lexicon import Lexicon, object_tokens
from khaldun.coding.ontology import cameo
from khaldun.coding.owners import two_states
from khaldun.coding.partisans import partisan_riots
from khaldun.coding.readings import (
    CLASH_WORDS,
    CROWD_NOUNS,
    GATHERING_VERBS,
    NON_ACTOR_ENTS,
    RESPONSIBILITY,
    RIOT_SIGNS,
    Reading,
    clause_tokens,
    find_readings,
)
from khaldun.coding.recovery import governed_by, material_first, recovered_readings, retyped_obstruction
from khaldun.coding.references import AttackMemory, back_references, participle_victims, refer
from khaldun.coding.vandalism import street_damage
from khaldun.nlp.views import child_indices, doc_sents, sentence_of, token_table
from khaldun.places import PlaceResolver
from khaldun.records import Actor, Document, EventRecord, replace
from khaldun.resources import register_cache

# who reports events without taking a side in them: civilians, media, doctors,
# teachers, refugees, and the police reporting crimes
NEUTRAL_SECTORS = {"CVL", "MED", "EDU", "HLH", "REF", "COP"}
#: weapons in general (the weapons of a mode are in modes.tsv): seizing them disrupts weapons use
WEAPON_WORDS = frozenset({"arms", "weapon", "weapons", "ammunition", "firearm", "explosive", "explosives", "cache", "munition"})
#: who makes an arrest when the text names no one
IMPLICIT_POLICE = Actor(text="police", sector="COP", kind="group")
#: violence that, done by a crowd of protesters, is a riot (CAMEO 145)
CROWD_VIOLENCE = {"170", "171", "1711", "1712", "180", "182", "190"}


class EventCoder:
    """Codes every sentence of a parsed document by rules over the parse."""

    name = "rules.v1"

    def __init__(self, lexicon: Lexicon, actors: ActorResolver, places: PlaceResolver) -> None:
        self.lex = lexicon
        self.actors = actors
        self.places = places
        self.assembler = RecordAssembler(lexicon, places)

    @classmethod
    def default(cls, kb_dir: str | None = None, cache_dir: str | None = None) -> EventCoder:
        """The coder over the shipped lexicon, the knowledge base and the gazetteer (loaded once)."""
        return _default_coder(kb_dir, cache_dir)


    def _resolve(self, doc_actors: Any, tok: Any, on_date: str | None) -> list[Actor]:
        if tok is None:
            return []
        span = actor_span(tok)
        found = two_states(span, doc_actors) or doc_actors.resolve_all(span, on_date)
        # "The US, Russia, and Switzerland": spaCy may hang a list off an apposition
        # (read from the token and child tables: a Token object only for such an apposition)
        doc, table = tok.doc, token_table(tok.doc)
        dep, ent_type = table.dep, table.ent_type
        own_type = ent_type[tok.i]
        listed = [doc[a] for a in child_indices(doc)[tok.i] if dep[a] == "appos" and ent_type[a] and ent_type[a] == own_type]
        conjuncts = [c for c in (*tok.conjuncts, *listed, *(x for a in listed for x in a.conjuncts)) if c.i > tok.i]
        conjuncts = sorted({c.i: c for c in conjuncts}.values(), key=lambda c: c.i)
        if conjuncts and len(found) < 1 + len(conjuncts):
            # "The US, Russia, and Switzerland met": one actor per conjunct
            parts: list[Actor] = []
            for t in [tok, *conjuncts]:
                others = {x.i for cj in conjuncts if cj.i > t.i for x in cj.subtree}
                own = [c for c in t.subtree if c.i not in others]
                own = [c for c in own if c.dep_ not in ("cc", "punct")]
                if own:
                    sub = tok.doc[min(c.i for c in own):max(c.i for c in own) + 1]
                    parts += [a for a in doc_actors.resolve_all(sub, on_date) if a not in parts]
            if len(parts) > len(found):
                found = parts
        # phrases that name their actor through another phrase (references.py)
        found = refer(tok, found, doc_actors, on_date)
        if not found and (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")) and tok.ent_type_ not in NON_ACTOR_ENTS:
            # someone the knowledge base cannot place: keep the words, leave the codes unknown
            found = [Actor(text=span.text)]
        return found

    # -- per document --------------------------------------------------------

    # -- per document --------------------------------------------------------

    def code(self, document: Document, parsed: Any) -> list[EventRecord]:
        doc_actors = self.actors.for_document(parsed, document.doc_date)
        sentences: list[SentenceCandidates] = []
        memory = AttackMemory()  # the article's last attack, for references back to it
        for s_idx, sent in enumerate(doc_sents(parsed)):
            readings = find_readings(sent, self.lex)
            if not readings:
                continue
            built = [self._refine(b) for r in readings for b in self._build(r, doc_actors, document.doc_date)]
            built = back_references(built, memory, s_idx)
            sentences.append(SentenceCandidates(s_idx, sent, built, sentence_sources(sent, self.lex)))
        records = self.assembler.assemble(document, parsed, sentences, doc_actors)
        if not any(r.acled_event_type for r in records):
            # no ACLED event: read the protest and violence words the parse hid (recovery.py)
            records = self._recovered(document, parsed, sentences, doc_actors) or records
        records = partisan_riots(records, parsed)  # party members who fight riot (partisans.py)
        records = dispersed_demonstrations(records, parsed)  # crowds broken up (dispersals.py)
        return material_first(records)  # deeds out-rank words for ACLED (recovery.py)

    def _recovered(self, document: Document, parsed: Any, sentences: list[SentenceCandidates],
                   doc_actors: Any) -> list[EventRecord]:
        strict = {s.index: s for s in sentences}
        out: list[SentenceCandidates] = []
        added = False
        for s_idx, sent in enumerate(parsed.sents):
            known = strict.get(s_idx)
            taken = {b.reading.trigger.i for b in known.candidates} if known is not None else set()
            taken |= {b.trigger.i for b in known.candidates} if known is not None else set()
            # only events the strict pass coded govern words (one with no one who did it is none)
            governed = governed_by([b.reading.trigger for b in known.candidates
                                    if b.actors or cameo(b.code).quad_class == 4 or cameo(b.code).plover_type == "PROTEST"]
                                   ) if known is not None else set()
            extra = [self._refine(b) for r in recovered_readings(sent, self.lex, taken, governed)
                     for b in self._build(r, doc_actors, document.doc_date)]
            added = added or bool(extra)
            if known is not None or extra:
                cands = (known.candidates if known is not None else []) + extra
                out.append(SentenceCandidates(s_idx, sent, cands, known.sources if known is not None
                                              else sentence_sources(sent, self.lex)))
        if not added:
            return []
        records = self.assembler.assemble(document, parsed, out, doc_actors)
        return records if any(r.acled_event_type for r in records) else []

    def _build(self, r: Reading, doc_actors: Any, doc_date: str | None) -> list[Candidate]:
        """Resolve a reading's roles; turn attributed claims into accusations and denials."""
        actors = self._resolve(doc_actors, r.actor_tok, doc_date)
        if not actors and r.actor_tok is not None and r.trigger.head is r.actor_tok:
            # "dharwad: police arrested ...": the verb hangs off its subject; the actor is
            # the words up to the subject, not the subject's whole subtree
            actors = doc_actors.resolve_all(r.actor_tok.doc[r.actor_tok.left_edge.i:r.actor_tok.i + 1], doc_date)
        recipients = self._resolve(doc_actors, r.recipient_tok, doc_date)
        if not recipients and r.root in ("18", "19", "20"):
            victims = participle_victims(r.trigger)  # "a bomb exploded at a checkpoint, killing eight people"
            if victims is not None:
                recipients = self._resolve(doc_actors, victims, doc_date)
                if recipients:
                    r.recipient_tok = victims
        frame = r.frame
        speaker = None
        if frame.speaker_token is not None and not is_outlet(frame.speaker_token, self.lex):
            found = self._resolve(doc_actors, frame.speaker_token, doc_date)
            speaker = found[0] if found else None
        pronoun_actor = r.actor_tok is not None and r.actor_tok.pos_ == "PRON" and r.actor_tok.lower_ in ("he", "she", "it", "they", "we", "i")
        if speaker is not None and pronoun_actor and not any(a.country for a in actors):
            actors = [speaker]  # "X said it would ...": the pronoun is the speaker
        pronoun_recipient = r.recipient_tok is not None and r.recipient_tok.lower_ in ("it", "us", "me")
        if speaker is not None and pronoun_recipient and not any(a.country for a in recipients):
            recipients = [speaker]  # "Israel said a mortar was fired at it"
        if r.cameo == "173" and not actors and r.actor_tok is None:
            # "80 workers were taken into custody", "the others arrested": arrests with no
            # agent named are the police's (ACLED's arrests are by state forces)
            actors = [IMPLICIT_POLICE]
        out: list[Candidate] = []
        code = r.cameo
        if frame.obligation and speaker is not None and code != RESPONSIBILITY:
            # "Russia said Sudan must return the helicopter": a demand by the speaker
            demand = self.lex.derive("demand", code) or "100"
            targets = [a for a in actors if not same_side(a, speaker)] or recipients[:1]
            return [Candidate(r, demand, [speaker], targets, speaker, Frame("affirmed", "asserted"), frame.frame_verb)]
        if frame.obligation:
            frame = replace(frame, modality="hypothetical")
        if code == RESPONSIBILITY:
            return self._responsibility(r, actors, speaker, frame)
        # a speaker takes sides when it is a resolved party (state, group, organisation),
        # not a witness, medic, resident or an official of unknown allegiance
        political = (
            speaker is not None
            and speaker.country is not None
            and speaker.sector not in NEUTRAL_SECTORS
            and not is_neutral_witness(frame.speaker_token, self.lex)
        )
        inner_root = code[:2]
        conflict = cameo(code).quad_class in (3, 4)
        if frame.frame_kind == "claim" and speaker is not None:
            targets = [a for a in actors if not same_side(a, speaker)]
            for t in targets:
                out.append(Candidate(r, "112", [speaker], [t], speaker, Frame(frame.polarity, "asserted"), frame.frame_verb))
            if conflict and actors and not targets and frame.polarity == "affirmed":
                # "the US claimed that they had attacked Iraq": a claim of responsibility
                out.append(Candidate(r, "015", [speaker], recipients[:1], speaker, Frame("affirmed", "asserted"), frame.frame_verb))
        elif frame.frame_kind == "say" and political and conflict and inner_root not in ("11", "12"):
            targets = [a for a in actors if not same_side(a, speaker)]
            if actors and targets:
                for t in targets:
                    out.append(Candidate(r, "112", [speaker], [t], speaker, Frame(frame.polarity, "asserted"), frame.frame_verb))
                frame = replace(frame, modality="claimed")
            elif not actors and recipients and speaker.kind == "country" and any(same_side(x, speaker) for x in recipients):
                # the speaker reports itself attacked by someone unnamed: a complaint
                out.append(Candidate(r, "112", [speaker], [], speaker, Frame(frame.polarity, "asserted"), frame.frame_verb))
                frame = replace(frame, modality="claimed")
        elif frame.frame_kind == "deny" and speaker is not None:
            out.append(Candidate(r, "016", [speaker], [a for a in actors if not same_side(a, speaker)][:1], speaker, Frame("affirmed", "asserted"), frame.frame_verb))
        out.append(Candidate(r, code, actors, recipients, speaker, frame, r.trigger))
        return out

    def _responsibility(self, r: Reading, actors: list[Actor], speaker: Actor | None, frame: Frame) -> list[Candidate]:
        if speaker is None or not actors:
            return []
        negated = frame.polarity == "negated" or is_negated(r.trigger) or frame.frame_kind == "deny"
        verb = frame.frame_verb if frame.frame_verb is not None else r.trigger
        out = []
        for a in actors:
            if negated and same_side(a, speaker):
                out.append(Candidate(r, "016", [speaker], [], speaker, Frame("affirmed", "asserted"), verb))
            elif not negated and same_side(a, speaker):
                out.append(Candidate(r, "015", [speaker], [], speaker, Frame("affirmed", "asserted"), verb))
            elif not negated:
                out.append(Candidate(r, "112", [speaker], [a], speaker, Frame("affirmed", "asserted"), verb))
        return out

    def _derive(self, code: str, frame: Frame) -> tuple[str, Frame]:
        """Conditions, refusals and promises change what an event is (CAMEO 13x, 12x, 03x)."""
        quad = cameo(code).quad_class
        root = code[:2]
        if frame.polarity == "negated" and quad in (1, 2) and frame.frame_kind != "deny":
            new = self.lex.derive("reject", code)
            if new:
                return new, replace(frame, polarity="affirmed")
        if frame.conditional and (quad in (3, 4) or root in ("08", "16")) and root not in ("13",):
            new = self.lex.derive("threat", code)
            if new:
                return new, replace(frame, polarity="affirmed", modality="reported" if frame.modality == "reported" else "asserted")
        if frame.modality == "future" and not frame.arranged and root not in ("01", "02", "03", "10", "11", "12", "13"):
            new = self.lex.derive("intent", code)
            if new:
                return new, frame
        return code, frame

    # -- records -------------------------------------------------------------

    def _refine(self, b: Candidate) -> Candidate:
        """The mode from the words around the trigger, and codes that depend on it or on the frame."""
        b = retyped_obstruction(b)  # a blockade by demonstrators is their protest (recovery.py)
        code = b.code
        mode = None
        clause = clause_tokens(b.trigger)
        root = code[:2]
        if root in ("18", "19", "20"):
            extra = list(clause)
            if b.reading.event_noun is not None:
                extra += list(b.reading.event_noun.subtree)
            if code == "190":
                # "killed when a grenade exploded": the weapon is named in the clause of the cause
                extra += [t for c in b.trigger.children if c.dep_ == "advcl"
                          and any(m.lower_ == "when" for m in c.children) for t in c.subtree]
            found = self.lex.mode_of(extra)
            if found is not None:
                mode = found[0]
                if code in ("190", "180", "183") or (code == "193" and found[1] != "193"):
                    code = found[1]
            if mode in (None, "firearms") and _is_clash(b.reading):
                # a fight between two sides: ACLED tells an armed clash from mob violence
                # by who fought (acled_crosswalk.tsv), not by the weapon
                mode = "clash"
        elif root in ("15", "17"):
            # seizing weapons (disrupted weapons use) and establishing bases are told apart
            # from other coercion and deployments by the words around them
            found = self.lex.mode_of(clause, plain=True)
            if found is not None:
                mode = found[0]
            elif code.startswith("171") and (self.lex.mode_of(seized := _seized_words(clause, b.reading)) is not None
                                              or any(t.lemma_.lower() in WEAPON_WORDS or t.lower_ in WEAPON_WORDS for t in seized)):
                # weapons seized, found or defused: ACLED's disrupted weapons use
                mode = "disrupt"
            elif code == "1712" and street_damage(b.trigger):
                # vehicles burnt, property vandalised: a riot's damage unless armed actors did it (vandalism.py)
                mode = "vandalism"
        elif code in ("057", "0841") or root == "03":
            # a peace agreement signed, prisoners exchanged: ACLED's Agreement (agreements.py)
            mode = agreement_mode(code, b.trigger, clause)
        elif code in ("140", "141", "144") and _riot_sign_in(sentence_of(b.trigger)):
            # "blocked the road with burning tires", "staged a demonstration and pelted stones":
            # violence or vandalism told in the demonstration's sentence makes it a riot (CAMEO
            # 145, ACLED violent demonstration)
            code = "145"
        frame = b.frame
        if b.trigger is b.reading.trigger:
            code, frame = self._derive(code, frame)
            actor_tok = b.reading.actor_tok
            if code in CROWD_VIOLENCE and actor_tok is not None and actor_tok.lemma_.lower() in CROWD_NOUNS:
                code, mode = "145", None  # violence by protesters is a riot (CAMEO 145)
            if (code in ("111", "114") and b.reading.trigger.lemma_.lower() == "protest" and b.actors
                    and not any(_is_government(a) for a in b.actors)):
                # students "protest the arrest" by demonstrating; only governments protest
                # by disapproving officially (CAMEO 111/114)
                code, mode = "141", None
            elif (code in ("140", "141") and b.reading.event_noun is None and b.actors
                    and self.lex.verb_lemma(b.reading.trigger) not in GATHERING_VERBS
                    and all(_is_government(a) for a in b.actors)):
                # a government "protests" (the verb) by complaining officially; people who
                # stage a protest, or protest in a place, demonstrate
                code, mode = "114", None
        return replace(b, code=code, mode=mode, frame=frame)


def _riot_sign_in(sent: Any) -> bool:
    """Does a word of the sentence (its lower-case form or lemma) name a riot sign? Read from
    the token table: no ``Token`` objects."""
    table = token_table(sent.doc)
    lower, lemma = table.lower, table.lemma
    return any(lower[i] in RIOT_SIGNS or lemma[i].lower() in RIOT_SIGNS for i in range(sent.start, sent.end))


def _is_clash(reading: Any) -> bool:
    words = [reading.trigger, reading.event_noun] if reading.event_noun is not None else [reading.trigger]
    # "killed in a clash with police", "injured during the fighting": the fight the toll came from
    words += [g for c in reading.trigger.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
              for g in c.children if g.dep_ == "pobj"]
    # "one was killed and nine injured in a clash": the phrase hangs off the last conjunct
    # (or off a participle on it: "nine others injured in a clash")
    conjuncts = [v for v in reading.trigger.children if v.dep_ == "conj"]
    conjuncts += [a for v in conjuncts for a in v.children if a.dep_ == "acl"]
    words += [g for v in conjuncts if v.pos_ == "VERB"
              for c in v.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
              for g in c.children if g.dep_ == "pobj"]
    if any(t.lemma_.lower() in CLASH_WORDS or t.lower_ in CLASH_WORDS or _unhyphenated(t) in CLASH_WORDS for t in words):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "between" and any(_two_sides(g) for g in c.children if g.dep_ == "pobj")
           for t in (reading.trigger, reading.event_noun) if t is not None and (t.pos_ == "NOUN" or t.tag_ == "VBG") for c in t.children):
        return True  # "firing between Indian and Pakistani troops": fire between two sides is a fight
    # "the two factions attacked each other", "fired at one another": a reciprocal object is a fight
    return any(c.dep_ in ("dobj", "pobj", "prep") and c.lower_ in ("other", "another", "at", "on")
               and any(g.lower_ in ("each", "one") for g in c.subtree) and any(g.lower_ in ("other", "another") for g in c.subtree)
               for c in reading.trigger.children)


def _two_sides(tok: Any) -> bool:
    """A phrase that names two sides: "Indian and Pakistani troops", "the army and the rebels"
    (not a time, a number or two places: "between 10 and 11 pm", "between Tsibana and Goma")."""
    if tok.ent_type_ in ("TIME", "DATE", "CARDINAL", "MONEY", "PERCENT", "QUANTITY") or tok.pos_ == "NUM":
        return False
    if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tok.subtree):
        return False
    return bool(tok.conjuncts) or any(t.dep_ == "cc" and t.lower_ == "and" for t in tok.subtree)


def _unhyphenated(tok: Any) -> str:
    """A hyphenated noun the tokenizer split, read as one word: "shoot-outs" is "shootout"."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_:
        return f"{doc[tok.i - 2].lower_}{tok.lemma_.lower()}"
    return ""


def _seized_words(clause: list[Any], reading: Any) -> list[Any]:
    """The clause without its trigger and its actor's phrase, where a weapon seized or destroyed is
    named: "gunmen burnt down huts" and "militants seized a truck" name none ("gunmen" is a weapon
    word only as the one who acts, "seize" a mode only as taking territory)."""
    own = {reading.trigger.i} | ({t.i for t in reading.actor_tok.subtree} if reading.actor_tok is not None else set())
    inside = {t.i for t in clause}
    # the objects the parser hung outside the clause ("found ammunition believed to belong to ...")
    beyond = [t for o in object_tokens(reading.trigger) if o.i not in inside for t in o.subtree if t.dep_ != "ccomp"]
    return [t for t in clause if t.i not in own] + [t for t in beyond if t.i not in own]


def _is_government(actor: Actor) -> bool:
    """A state or its government, or an international organisation: not civilians or groups."""
    if actor.sector in ("GOV", "IGO"):
        return True
    return actor.kind == "country" and actor.sector in (None, "", "GOV")


def _default_coder(kb_dir: str | None, cache_dir: str | None) -> EventCoder:
    key = (kb_dir, cache_dir)
    coder = _DEFAULTS.get(key)
    if coder is None:
        coder = EventCoder(Lexicon.default(), ActorResolver.default(kb_dir), PlaceResolver.default(cache_dir))
        _DEFAULTS[key] = coder
    return coder


_DEFAULTS: dict[tuple[str | None, str | None], EventCoder] = {}
register_cache(_DEFAULTS)


def from_settings(settings: Any) -> EventCoder:
    """The ``rules.v1`` coder for ``settings`` (its knowledge-base and cache folders)."""
    return EventCoder.default(settings.kb_dir, settings.cache_dir)
