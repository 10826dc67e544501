"""Record assembly shared by every coder: candidates in, event records out.

A coder decides *what happened* at a trigger: a CAMEO code, the mode, the
frame (polarity, modality, who says so) and the actors and recipients it
read. Everything after that is the same whatever the coder: where and when
(places, dates), how many (counts), ACLED types and inter codes, the
reporting source, one record per actor-recipient pair with its evidence and a
confidence, duplicates dropped and tolls told in a later sentence folded into
the attack. :class:`RecordAssembler` does that part; the rule coder
(:class:`khaldun.coding.coder.EventCoder`) is its first user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khaldun.actors import acled_inter
from khaldun.actors.acled import ARMED_INTER, DEMONSTRATORS, acled_inter_of_words
from khaldun.actors.resolver import domestic_countries, placing_countries
from khaldun.coding.acled import acled_types, consolidate_acled
from khaldun.coding.arrests import fired_upon, seized_while_demonstrating
from khaldun.coding.attribution import REPORTING_HEADS, Frame, is_outlet, outlet_phrase
from khaldun.coding.chemical import chemical_weapons
from khaldun.coding.demonstrations import reported_by_activists, violent_demonstrations
from khaldun.coding.incidents import classify_incidents
from khaldun.coding.lexicon import Lexicon, object_tokens
from khaldun.coding.nominal import topic_tokens
from khaldun.coding.ontology import cameo
from khaldun.coding.owners import CAPTIVES
from khaldun.coding.readings import Reading, _is_protest_purpose
from khaldun.coding.references import domestic_meeting, spoken_of
from khaldun.coding.sides import RIOTERS, side_inter
from khaldun.counts import Counts, extract_counts, parse_number
from khaldun.counts.updates import toll_updates
from khaldun.dates import resolve_event_date
from khaldun.nlp.views import child_indices, doc_sents, doc_text, slice_span, span_text, subtree_indices, token_table
from khaldun.places import PlaceResolver
from khaldun.records import Actor, Count, Document, EventRecord, Evidence, fast_init, make_event_id, replace
from khaldun.resources import word_set

#: what an armed force holds or moves in: an attack on it is a battle (ACLED armed clash),
#: not violence against civilians ("attacked a checkpoint", "ambushed a convoy")
ARMED_TARGETS = word_set("reading_words.tsv", "armed_target")

SPAN_CUT_DEPS = {"relcl", "acl", "punct", "advcl", "ccomp", "parataxis"}
COUNT_ROOTS = {"14", "17", "18", "19", "20"}


@fast_init
@dataclass(frozen=True, slots=True)
class Candidate:
    """An event a coder proposes at one trigger, before places, dates and counts."""

    reading: Reading
    """the trigger and the tokens of its roles"""
    code: str
    """CAMEO code, final"""
    actors: list[Actor]
    recipients: list[Actor]
    speaker: Actor | None
    frame: Frame
    """polarity, modality and who says so"""
    trigger: Any
    """the token the event is read at (the reading's trigger, or a reporting verb)"""
    mode: str | None = None
    """PLOVER mode when the coder found one (else the CAMEO code's own)"""


@dataclass(frozen=True, slots=True)
class SentenceCandidates:
    """The candidates of one sentence, with the outlets the sentence cites."""

    index: int
    sent: Any
    candidates: list[Candidate]
    sources: list[str]


def actor_span(tok: Any) -> Any:
    """The noun phrase headed by ``tok``, without relative clauses and trailing punctuation."""
    doc = tok.doc
    table, kids = token_table(doc), child_indices(doc)  # plain lists: no Token objects
    dep = table.dep
    keep = [tok.i]
    stack = [c for c in kids[tok.i] if dep[c] not in SPAN_CUT_DEPS]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in kids[t] if dep[c] not in SPAN_CUT_DEPS)
    start, end = min(keep), max(keep) + 1
    is_punct, low = table.is_punct, table.lower
    while end - 1 > start and is_punct[end - 1]:
        end -= 1
    while start < end - 1 and (is_punct[start] or low[start] in ("the", "a", "an")):
        start += 1
    return slice_span(doc, start, end)


# sectors that speak for a state (or an international organisation) rather than against it
STATE_SECTORS = {"GOV", "MIL", "POL", "COP", "JUD", "LEG", "SPY", "ELI", "IGO"}


def _localised(doc_actors: Any, found: list[Actor], tok: Any, country: str, on_date: str | None) -> list[Actor]:
    """Re-resolve generic actors with the event's country as their default nationality."""
    main = doc_actors.main_country
    if not found or tok is None or all(
        a.country == country
        or a.kind not in ("group", "person", "organization")
        or (a.country is not None and a.country != main)  # a nationality of its own, not the fallback
        for a in found
    ):
        return found
    again = doc_actors.resolve_all(actor_span(tok), on_date, fallback_country=country)
    if len(again) != len(found):
        # actors read by reference or split by the coder ("the same group", "ministers of X
        # and Y"): one of no stated country is of the event's country, as above
        return [replace(a, country=country) if a.country is None and a.sector and a.kind in ("group", "person", "organization")
                else a for a in found]
    # keep what the text itself says; take the event's country only where the
    # first reading had fallen back on the article's main country
    return [new if new.country == country else old for old, new in zip(found, again)]


def _captors_release(b: Candidate, captor: Actor | None) -> Candidate:
    """"Three of the hostages were released the next day": with no agent named, the
    captives' release (CAMEO 084) is by whoever took them in the article's abduction."""
    tok = b.reading.recipient_tok
    if (captor is None or b.actors or b.reading.actor_tok is not None or b.code[:3] != "084"
            or tok is None or tok.lemma_.lower() not in CAPTIVES):
        return b
    return replace(b, actors=[captor])


def _state_of_place(found: list[Actor], country: str) -> list[Actor]:
    """Forces and officials of no state the text names (the police an arrest implies,
    "the army") are the state's where the event happened: the text gives no other."""
    return [replace(a, country=country) if a.country is None and a.sector in STATE_SECTORS - {"IGO"}
            and a.kind == "group" else a for a in found]


def same_side(a: Actor | None, b: Actor | None) -> bool:
    """Do two actors speak for the same side (same body, or the same state)?"""
    if a is None or b is None:
        return False
    if a.name and b.name and a.name == b.name:
        return True
    if not (a.country and b.country and a.country == b.country):
        return False
    if a.sector is None or b.sector is None or a.sector == b.sector:
        return True
    return a.sector in STATE_SECTORS and b.sector in STATE_SECTORS



def _in_story_country(records: list[EventRecord], doc_places: Any) -> list[EventRecord]:
    """An ACLED event that neither its text nor its incident places ("the supporters had
    complained ..." after a clash in a town) happened in the country the story is in: that
    of the last placed record before it, else the country the document's places and names
    point to (at country precision)."""
    out: list[EventRecord] = []
    scene: str | None = None
    for r in records:
        if r.location is not None and r.location.country:
            scene = r.location.country
        elif r.location is None and r.acled_event_type is not None:
            place = doc_places.country_place(scene)
            if place is not None:
                r = replace(r, location=place)
        out.append(r)
    return out


def _two_bodies(a: Actor, b: Actor) -> bool:
    """Two distinct bodies named apart ("the army" and "the Peshmerga forces"), whatever their state."""
    return (a.name or a.text).lower() != (b.name or b.text).lower()


class RecordAssembler:
    """Turns a document's candidates into event records (see the module docstring)."""

    def __init__(self, lexicon: Lexicon, places: PlaceResolver) -> None:
        self.lex = lexicon
        self.places = places

    def assemble(self, document: Document, parsed: Any, sentences: list[SentenceCandidates], doc_actors: Any) -> list[EventRecord]:
        """Every record of a document, in sentence order, duplicates dropped and tolls folded."""
        if not sentences:
            return []
        countries: set[str] = set()
        for s in sentences:
            for b in s.candidates:
                countries.update(placing_countries((*b.actors, *b.recipients)))
        doc_places = self.places.for_document(parsed, dateline=document.dateline, actor_countries=sorted(countries),
                                              named_countries=domestic_countries(doc_actors))
        records: list[EventRecord] = []
        seen: set[tuple] = set()
        scene: str | None = None  # country of the last event placed: where the story now is
        captor: Actor | None = None  # who took the article's hostages
        for s in sentences:
            triggers = {b.reading.trigger.i: b.reading.trigger for b in s.candidates}
            for b in s.candidates:
                others = [t for i, t in triggers.items() if i != b.reading.trigger.i]
                b = _captors_release(b, captor)
                for rec in self._records(document, s.index, s.sent, b, s.sources, doc_places, doc_actors, others, scene):
                    key = (s.index, rec.cameo_code, _key(rec.actor), _key(rec.recipient), rec.modality, rec.polarity)
                    if key in seen:
                        continue
                    seen.add(key)
                    records.append(rec)
                    if rec.location is not None and rec.location.country:
                        scene = rec.location.country
                    if rec.actor is not None and (rec.mode == "abduct" or rec.cameo_code[:3] == "181") and rec.polarity == "affirmed":
                        captor = rec.actor
        folded = _apply_toll_updates(_merge_casualty_followups(records), toll_updates(parsed))
        out = _fold_toll_sentences(folded, parsed, {s.index for s in sentences})
        out = consolidate_acled(out)  # one incident, one ACLED type (acled.py)
        out = chemical_weapons(out, parsed)  # agents named with the attack (chemical.py)
        out = classify_incidents(out, parsed)  # disasters and organised crime (incidents.py)
        out = violent_demonstrations(reported_by_activists(out, parsed), parsed)  # what demonstrators did (demonstrations.py)
        out = _in_story_country(out, doc_places)
        parsed_text = doc_text(parsed)
        if parsed_text != document.text and len(parsed_text) == len(document.text):
            # lines re-cased before parsing (khaldun.nlp.truecase): every text field
            # quotes the document as written, at the same offsets
            out = [_as_written(r, parsed_text, document.text) for r in out]
        return out

    def _records(
        self,
        document: Document,
        s_idx: int,
        sent: Any,
        b: Candidate,
        sources: list[str],
        doc_places: Any,
        doc_actors: Any,
        others: list[Any],
        scene: str | None = None,
    ) -> list[EventRecord]:
        code = b.code
        mode = b.mode
        frame = b.frame
        # counts belong to what was read at the trigger ("threatened to kill 5 people"
        # keeps its 5 even when the code becomes a threat)
        root = b.reading.root
        entry = cameo(code)
        if mode is None:
            mode = entry.mode
        location = doc_places.event_location(sent, b.trigger, topic_tokens(b.trigger, b.reading.event_noun)
                                             if root == "14" or entry.plover_type == "PROTEST" else frozenset())
        if location is not None and cameo(code).quad_class in (0, 1, 3):
            # words are spoken where the speaker is: a place from another clause or
            # another sentence is where something else happened
            tdoc = b.trigger.doc
            tdep = token_table(tdoc).dep
            embedded = {
                t for c in child_indices(tdoc)[b.trigger.i] if tdep[c] in ("ccomp", "xcomp", "advcl", "relcl", "acl")
                for t in subtree_indices(tdoc, c)
            }
            embedded |= spoken_of(b.trigger, code)  # "praised the attack in X": X is where the attack was
            words = set((location.text or "").split())
            tok_text = token_table(sent.doc).text
            if not any(i not in embedded and tok_text[i] in words for i in range(sent.start, sent.end)):
                location = None
        if location is None and (entry.quad_class == 4 or code[:2] == "14"):
            # an attack or protest the sentence does not place happened in the country the
            # story is in (its last placed event, else the country its places name most),
            # at country precision: "Teachers protested outside the press club" (protests,
            # CAMEO 14, are verbal conflict in the quad classes, but happen somewhere)
            location = doc_places.country_place(scene)
        if code == "040" and location is not None and location.country:
            parties = {a.country for a in (*b.actors, *b.recipients) if a.country}
            if parties and location.country not in parties:
                code, entry = "044", cameo("044")
                mode = entry.mode
        here = location.country if location is not None and location.country else scene
        # hostages are held where their captors took them: the place of captivity says
        # nothing of the captives' nationality, the country the story was in when they
        # were taken does ("civilians held captive in X" after an attack in Y)
        victims_of = scene if (mode == "abduct" or code[:3] == "181") and scene else here
        implied: dict[Actor, Actor] = {}
        if here and b.trigger is b.reading.trigger:
            # police, protesters, villagers with no nationality of their own are of the
            # country where the event happened (or where the story last was), rather
            # than of the article's main country
            local = _localised(doc_actors, b.actors, b.reading.actor_tok, here, document.doc_date)
            stated = _state_of_place(local, here)
            # the country given this way adds nothing to the record's confidence
            implied = {new: old for old, new in zip(local, stated) if new is not old}
            b = replace(
                b,
                actors=stated,
                recipients=_localised(doc_actors, b.recipients, b.reading.recipient_tok, victims_of, document.doc_date),
            )
        if location is None and code[:2] == "04" and b.trigger is b.reading.trigger:
            # a meeting the text does not place, between sides of one state, is held at home
            home = domestic_meeting(b.actors, b.recipients)
            if home is not None:
                location = doc_places.country_place(home)
        targets_place = code[:3] in LOCATION_TARGETS or code[:2] in LOCATION_TARGETS
        abroad = location is not None and location.country and all(a.country and a.country != location.country for a in b.actors)
        territory: Actor | None = None  # a target that is the state's territory, not its forces
        if abroad and not b.recipients and targets_place and b.actors:
            # a visit to, a protest in, troops massed in another country: that country is the target
            assert location is not None
            territory = Actor(text=location.text, name=location.name, country=location.country, kind="country")
            b = replace(b, recipients=[territory])
        when = resolve_event_date(sent, b.trigger, document.doc_date, future=frame.modality == "future",
                                  verbal=entry.quad_class in (0, 1, 3))
        counts = extract_counts(sent, b.trigger, others=others) if root in COUNT_ROOTS and b.trigger is b.reading.trigger else Counts()
        if root == "14" and counts.size is None and b.trigger is b.reading.trigger and b.reading.actor_tok is not None:
            # "About 5,000 students protested": the crowd is counted in its own subject
            counts = replace(counts, size=_crowd_of(b.reading.actor_tok))
        source = sources[0] if sources else None
        if source is None and b.frame.speaker_token is not None and is_outlet(b.frame.speaker_token, self.lex):
            source = outlet_phrase(b.frame.speaker_token, self.lex)
        pairs = self._pairs(b)
        # phrases the resolver made no actor of still say who acted and what was hit:
        # "a mob" (rioters), "a military position" (an armed target)
        words_inter1 = words_inter2 = words_target = None
        if entry.quad_class == 4 and b.trigger is b.reading.trigger:
            words_inter1 = _phrase_inter(b.reading.actor_tok)
            if (b.reading.actor_tok is None or not b.actors) and mode == "clash":
                # "a clash between protesters and police": the sides are named in the fight's noun
                words_inter1, words_inter2 = _between_sides(b.trigger, b.reading.event_noun)
            targets = [t for t in (b.reading.recipient_tok, *object_tokens(b.trigger)) if t is not None]
            if any((self.lex.event_noun(t) or "")[:2] == "14" for t in targets):
                words_inter2 = DEMONSTRATORS  # "attacked a peaceful demonstration": its demonstrators
            words_target = any(_armed_target(t) for t in (b.reading.recipient_tok, *object_tokens(b.trigger),
                                                          # "fired on a border outpost", "firing on forward posts"
                                                          *fired_upon(b.trigger, b.reading.event_noun)))
        out = []
        evidence = Evidence(
            sentence=span_text(sent).strip(),
            sentence_index=s_idx,
            start=sent.start_char,
            end=sent.end_char,
            trigger=_trigger_text(b.trigger, b.reading.event_noun if b.trigger is b.reading.trigger else None),
        )
        for actor, recipient in pairs:
            if actor is None and entry.quad_class < 4 and entry.plover_type != "PROTEST":
                continue  # cooperation, statements and accusations need someone who did them
            violent = entry.plover_type == "ASSAULT"
            inter1, inter2 = acled_inter(actor, violent), acled_inter(recipient, violent)
            if recipient is not None and recipient is territory:
                inter2 = None  # force used on a state's territory says nothing of who was hit (ACLED)
            demonstrating = (recipient is not None and inter2 not in ARMED_INTER
                             and (_demonstrating(b.reading.recipient_tok, self.lex)
                                  # "were picked up when they were protesting" (arrests.py)
                                  or entry.quad_class == 4 and b.trigger is b.reading.trigger and seized_while_demonstrating(
                                      b.trigger, b.reading.recipient_tok, self.lex, _is_protest_purpose)))
            if demonstrating:
                inter2 = DEMONSTRATORS  # "students who were protesting", "protesting teachers"
            a_type, a_sub = acled_types(
                entry.plover_type, mode, inter1 if actor is not None else words_inter1,
                inter2 if recipient is not None else words_inter2,
                # an armed target the resolver gave no type ("the group's bases") is armed too
                target_armed=(recipient is None or inter2 is None) and bool(words_target),
                target_demonstrators=recipient is not None and (acled_inter_of_words(recipient.text) == DEMONSTRATORS
                                                                or demonstrating),
                cameo_code=code,
            )
            # a target read from the place alone adds nothing to the record's confidence
            confidence = _confidence(b, implied.get(actor, actor) if actor is not None else None,
                                     None if recipient is not None and recipient is territory else recipient, frame)
            # everything that tells two records of one trigger apart: "X denied Y attacked" gives
            # the attack as denied and X's denial, which must not share an id
            eid = make_event_id(
                document.doc_id, s_idx, b.trigger.idx, code, _id_part(actor), _id_part(recipient), frame.modality, frame.polarity,
            )
            out.append(EventRecord(
                event_id=eid,
                doc_id=document.doc_id,
                event_type=entry.plover_type,
                mode=mode,
                context=entry.context,
                cameo_code=code,
                cameo_root=code[:2],
                quad_class=entry.quad_class,
                goldstein=entry.goldstein,
                acled_event_type=a_type,
                acled_sub_event_type=a_sub,
                actor=actor,
                recipient=recipient,
                acled_inter1=inter1,
                acled_inter2=inter2,
                date=when.date,
                date_precision=when.precision,
                date_text=when.text,
                location=location,
                fatalities=counts.fatalities,
                injured=counts.injured,
                arrested=counts.arrested,
                abducted=counts.abducted,
                size=counts.size,
                polarity=frame.polarity,
                modality=frame.modality,
                source=source,
                speaker=b.speaker,
                evidence=evidence,
                confidence=confidence,
                doc_date=document.doc_date,
                cameo_name=entry.name,
            ))
        return out


    @staticmethod
    def _pairs(b: Candidate) -> list[tuple[Actor | None, Actor | None]]:
        actors: list[Actor | None] = list(b.actors) or [None]
        recipients: list[Actor | None] = list(b.recipients)
        if not recipients and b.reading.symmetric and len(b.actors) > 1 and b.trigger is b.reading.trigger:
            # "the army and the Peshmerga agreed to a ceasefire": two bodies of one state are two
            # sides of an agreement or a meeting (ACLED's agreements between forces of one
            # country) when no pair crosses states; "the army and allied forces launched an
            # offensive" fight side by side, not each other
            return ([(a, r) for a in b.actors for r in b.actors if a is not r and not same_side(a, r)]
                    or [(a, r) for a in b.actors for r in b.actors if a is not r and b.code[:2] in ("03", "04", "05", "06")
                        and _two_bodies(a, r)])
        if not recipients:
            recipients = [None]
        mutual = b.trigger is b.reading.trigger and (
            b.code in MUTUAL_CODES or b.reading.trigger.lemma_.lower() in MUTUAL_VERBS
        )
        pairs = []
        for a in actors:
            for r in recipients:
                if a is not None and r is not None and a == r:
                    continue
                pairs.append((a, r))
                if mutual and a is not None and r is not None:
                    pairs.append((r, a))  # talks and clashes have two sides acting
        return pairs or [(None, None)]



COUNT_FIELDS = ("fatalities", "injured", "arrested", "abducted")
MUTUAL_CODES = {"046"}
MUTUAL_VERBS = {"clash", "negotiate"}
#: events whose target, when the text names none, is the country where they happen
#: (a visit, a protest, a deployment, and military force used in another state's territory)
LOCATION_TARGETS = {"042", "14", "15", "19", "20"}
TOLL_CODES = {"190", "180", "1823"}


#: how many sentences back a toll update looks for its attack
_TOLL_REACH = 8


def _apply_toll_updates(records: list[EventRecord], updates: list[Any]) -> list[EventRecord]:
    """Give the nearest earlier attack each later toll ("the death toll rose to 21").

    The attack is the last affirmed ASSAULT before the update's sentence, within
    :data:`_TOLL_REACH` sentences, preferring one that already has that count; the
    later figure replaces the earlier one.
    """
    if not updates:
        return records
    # "the number of injured climbed to 40" is a figure, not a new wounding: a generic
    # toll event (no perpetrator) read in the update's own sentence goes
    updating = {up.sentence_index for up in updates}
    out = [r for r in records
           if not (r.evidence.sentence_index in updating and r.cameo_code in TOLL_CODES and r.actor is None)]
    for up in updates:
        best = None
        for i in range(len(out) - 1, -1, -1):
            rec = out[i]
            gap = up.sentence_index - rec.evidence.sentence_index
            if gap <= 0:
                continue
            if gap > _TOLL_REACH:
                break
            if rec.event_type != "ASSAULT" or rec.polarity != "affirmed":
                continue
            if rec.modality not in ("asserted", "reported"):
                continue
            if getattr(rec, up.field) is not None:
                best = i
                break
            if best is None:
                best = i
        if best is not None:
            out[best] = replace(out[best], **{up.field: up.count})
    return out


def _merge_casualty_followups(records: list[EventRecord]) -> list[EventRecord]:
    """Fold "N people were killed in the attack" into the attack told just before.

    News reports an attack, then its toll in the next sentence or two. A generic
    violent event (CAMEO 190/180: killing, wounding, dying) with counts, no date
    other than the earlier event's (a date carried over from the report's first
    sentence is the same date) and no perpetrator other than the earlier event's,
    is that event's toll when the earlier event lacks those counts.
    """
    out: list[EventRecord] = []
    folded: dict[int, EventRecord] = {}  # sentence index -> the event its toll went to
    for rec in records:
        target = None
        s_idx = rec.evidence.sentence_index
        dated = rec.date_precision == "day"
        generic = rec.cameo_code in TOLL_CODES
        if generic and any(getattr(rec, f) for f in COUNT_FIELDS):
            if s_idx in folded:
                target = folded[s_idx]
            else:
                for prev in reversed(out):
                    gap = s_idx - prev.evidence.sentence_index
                    if gap == 0:
                        continue
                    if gap > 2:
                        break
                    if prev.event_type != "ASSAULT" or prev.modality not in ("asserted", "reported"):
                        continue
                    if dated and (rec.date != prev.date or prev.date_text is None or rec.date_text not in (None, prev.date_text)):
                        continue  # a toll on a day of its own, or one only the article's date gives, is another event
                    if rec.actor is not None and not same_side(rec.actor, prev.actor):
                        continue
                    if any(getattr(prev, f) and getattr(rec, f) for f in COUNT_FIELDS):
                        continue
                    target = prev
                    break
        if target is None:
            out.append(rec)
            continue
        merged = replace(target, **{f: getattr(target, f) or getattr(rec, f) for f in COUNT_FIELDS})
        out[out.index(target)] = merged
        folded[s_idx] = merged
        for k, v in list(folded.items()):
            if v is target:
                folded[k] = merged
    return out


def _as_written(rec: EventRecord, parsed: str, original: str) -> EventRecord:
    """``rec`` with its quoted words taken from ``original`` (same length as ``parsed``,
    which differs only in letter case): the evidence sentence by its offsets, the other
    words where they stand in the parsed sentence (else anywhere in the document)."""
    start, end = rec.evidence.start, rec.evidence.end

    def written(text: str | None) -> str | None:
        if not text:
            return text
        i = parsed.find(text, start, end)
        if i < 0:
            i = parsed.find(text)
        return original[i:i + len(text)] if i >= 0 else text

    def actor(a: Actor | None) -> Actor | None:
        return replace(a, text=written(a.text) or a.text) if a is not None else None

    def count(c: Count | None) -> Count | None:
        return replace(c, text=written(c.text) or c.text) if c is not None else None

    evidence = replace(rec.evidence, sentence=original[start:end].strip(),
                       trigger=written(rec.evidence.trigger) or rec.evidence.trigger)
    location = rec.location
    if location is not None:
        location = replace(location, text=written(location.text) or location.text)
    return replace(
        rec, evidence=evidence, actor=actor(rec.actor), recipient=actor(rec.recipient),
        speaker=actor(rec.speaker), location=location, date_text=written(rec.date_text),
        fatalities=count(rec.fatalities), injured=count(rec.injured), arrested=count(rec.arrested),
        abducted=count(rec.abducted), size=count(rec.size), source=written(rec.source),
    )


def _phrase_inter(tok: Any) -> int | None:
    """ACLED actor type of the words of the phrase headed by ``tok`` (None when no phrase)."""
    return acled_inter_of_words(actor_span(tok).text) if tok is not None else None


def _between_sides(trigger: Any, noun: Any) -> tuple[int | None, int | None]:
    """ACLED actor types of the two sides a fight's noun names: "a clash between protesters
    and police" (6, 1), "killed in clashes between the army and militants" (1, 3)."""
    fights = [t for t in (noun, trigger) if t is not None]
    # "clashes broke out between X and Y", "fighting took place between ...": on the occurrence verb
    fights += [t.head for t in fights if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB"]
    fights += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("in", "during")
               for g in c.children if g.dep_ == "pobj"]
    for f in fights:
        for c in f.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                sides = [g for g in c.children if g.dep_ == "pobj"]
                sides += [k for g in sides for k in g.children if k.dep_ == "conj"]
                # a side named only as a crowd (youths, activists, villagers) is rioters (sides.py)
                types = [side_inter(actor_span(g).text, g) for g in sides[:2]]
                if len(types) == 2:
                    # the conjunct's phrase includes the head's: read the head's own words
                    first = sides[0]
                    head_words = first.doc[first.left_edge.i:first.i + 1].text
                    one = side_inter(head_words, first)
                    # rioters on either side make the fight a riot: read them as the actor ("actor:rioters")
                    return (RIOTERS, one) if types[1] == RIOTERS else (one, types[1])
                if types:
                    return types[0], None
    return None, None


def _demonstrating(tok: Any, lex: Lexicon) -> bool:
    """Is the phrase headed by ``tok`` people described as demonstrating: "students who
    were protesting", "protesting teachers", "villagers demonstrating against the dam"?
    ACLED codes them as protesters (inter 6)."""
    if tok is None:
        return False
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "amod") and c.pos_ in ("VERB", "ADJ"):
            entry = lex.match_verb(c)
            if entry is not None and entry.cameo[:2] == "14":
                return True
    return False


def _armed_target(tok: Any) -> bool:
    """Does the phrase headed by ``tok`` name an armed force or what it holds (a base, a
    checkpoint, a military position, a police station, an army convoy)?"""
    if tok is None:
        return False
    span = actor_span(tok)
    if acled_inter_of_words(span.text) in ARMED_INTER:
        return True
    return any(t.lemma_.lower() in ARMED_TARGETS for t in span)


#: the head of a sentence that is only a toll: "One fatality.", "Three deaths."
TOLL_NOUNS = frozenset({"fatality", "death", "dead"})


def _fold_toll_sentences(records: list[EventRecord], parsed: Any, coded: set[int]) -> list[EventRecord]:
    """Give "1 fatality." or "Three deaths." (a sentence with no event, only a toll) to the
    violent event told in the two sentences before it when that event has no death toll."""
    if not records or not any(r.event_type == "ASSAULT" for r in records):
        return records
    out = list(records)
    for s_idx, sent in enumerate(doc_sents(parsed)):
        root = sent.root
        if s_idx in coded or root.lemma_.lower() not in TOLL_NOUNS or len(sent) > 8:
            continue
        nums = [c for c in root.children if c.dep_ == "nummod"]
        parsed_n = parse_number(nums[0].text) if nums else None
        if parsed_n is None:
            continue
        for i in range(len(out) - 1, -1, -1):
            prev = out[i]
            gap = s_idx - prev.evidence.sentence_index
            if gap <= 0:
                continue
            if gap > 2:
                break
            if prev.event_type == "ASSAULT" and prev.fatalities is None and prev.modality in ("asserted", "reported"):
                toll = Count(value=parsed_n[0], qualifier=parsed_n[1], text=sent.text.strip())
                out[i] = replace(prev, fatalities=toll)
                break
    return out


def _crowd_of(tok: Any) -> Count | None:
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    if not nums:
        return None
    num = nums[0]
    lo = min([num.i] + [t.i for t in num.subtree])
    text = tok.doc[lo:num.i + 1].text
    parsed = parse_number(text)
    return Count(value=parsed[0], qualifier=parsed[1], text=text) if parsed else None


def _trigger_text(trigger: Any, noun: Any) -> str:
    if noun is not None and noun is not trigger:
        lo, hi = min(trigger.i, noun.i), max(trigger.i, noun.i)
        if hi - lo <= 5:
            return trigger.doc[lo:hi + 1].text
        return f"{trigger.text} ... {noun.text}"
    # the particles from the token and child tables ("called off"): no Token objects
    table = token_table(trigger.doc)
    parts = [trigger.i] + [c for c in child_indices(trigger.doc)[trigger.i] if table.dep[c] == "prt"]
    return " ".join(table.text[i] for i in sorted(parts))


def _main_clause(tok: Any) -> bool:
    """The sentence's main clause, or the reported clause of a trailing "X said"."""
    if tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "ROOT":
        return True
    head = tok.head
    return tok.dep_ in ("ccomp", "parataxis") and head.dep_ == "ROOT" and head.lemma_.lower() in REPORTING_HEADS


def _id_part(actor: Actor | None) -> str:
    return "" if actor is None else "|".join(x or "" for x in (actor.name or actor.text, actor.country, actor.sector))


def _key(actor: Actor | None) -> tuple:
    return (actor.name, actor.country, actor.sector) if actor else ()


def _confidence(b: Candidate, actor: Actor | None, recipient: Actor | None, frame: Frame) -> float:
    score = 0.45
    if actor is not None and actor.country:
        score += 0.2
    elif actor is not None:
        score += 0.1
    if recipient is not None and recipient.country:
        score += 0.1
    if b.reading.specific:
        score += 0.1
    if frame.modality in ("hypothetical",):
        score -= 0.2
    elif frame.modality in ("claimed", "alleged", "denied"):
        score -= 0.1
    if frame.polarity == "negated":
        score -= 0.1
    if b.trigger is not b.reading.trigger:
        score += 0.05  # an accusation or denial read from a reporting verb
    if _main_clause(b.trigger):
        score += 0.1  # the main clause says what the sentence is about
    elif b.trigger.dep_ == "advcl" and b.trigger.tag_ == "VBG":
        score -= 0.1  # "..., calling for independence": an elaboration
    return round(min(0.99, max(0.05, score)), 3)
