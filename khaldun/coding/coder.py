"""The event coder: parsed documents in, event records out.

For each sentence, :func:`~khaldun.coding.readings.find_readings` finds the
triggers and their role tokens; this module resolves the roles to actors,
turns attributed statements into accusations and denials, refines codes by
weapon, place and tense, and fills dates, places, counts and ACLED types.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from khaldun.actors import ActorResolver, acled_inter
from khaldun.coding.acled import acled_types
from khaldun.coding.attribution import (
    Frame,
    is_negated,
    is_neutral_witness,
    is_outlet,
    outlet_phrase,
    sentence_sources,
)
from khaldun.coding.lexicon import Lexicon
from khaldun.coding.ontology import cameo
from khaldun.coding.readings import (
    CROWD_NOUNS,
    NON_ACTOR_ENTS,
    RESPONSIBILITY,
    Reading,
    clause_tokens,
    find_readings,
)
from khaldun.counts import Counts, extract_counts, parse_number
from khaldun.dates import resolve_event_date
from khaldun.places import PlaceResolver
from khaldun.records import Actor, Count, Document, EventRecord, Evidence, make_event_id

SPAN_CUT_DEPS = {"relcl", "acl", "punct", "advcl", "ccomp", "parataxis"}
COUNT_ROOTS = {"14", "17", "18", "19", "20"}

@dataclass(frozen=True, slots=True)
class _Built:
    reading: Reading
    code: str
    actors: list[Actor]
    recipients: list[Actor]
    speaker: Actor | None
    frame: Frame
    trigger: Any


def actor_span(tok: Any) -> Any:
    """The noun phrase headed by ``tok``, without relative clauses and trailing punctuation."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in SPAN_CUT_DEPS]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in SPAN_CUT_DEPS)
    idx = sorted(t.i for t in keep)
    start, end = idx[0], idx[-1] + 1
    doc = tok.doc
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].lower_ in ("the", "a", "an")):
        start += 1
    return doc[start:end]


# who reports events without taking a side in them: civilians, media, doctors,
# teachers, refugees, and the police reporting crimes
NEUTRAL_SECTORS = {"CVL", "MED", "EDU", "HLH", "REF", "COP"}
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
        return found
    # keep what the text itself says; take the event's country only where the
    # first reading had fallen back on the article's main country
    return [new if new.country == country else old for old, new in zip(found, again)]


def _same_side(a: Actor | None, b: Actor | None) -> bool:
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


class EventCoder:
    """Codes every sentence of a parsed document."""

    def __init__(self, lexicon: Lexicon, actors: ActorResolver, places: PlaceResolver) -> None:
        self.lex = lexicon
        self.actors = actors
        self.places = places

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> EventCoder:
        return cls(Lexicon.default(), ActorResolver.default(), PlaceResolver.default())

    # -- roles ---------------------------------------------------------------

    def _resolve(self, doc_actors: Any, tok: Any, on_date: str | None) -> list[Actor]:
        if tok is None:
            return []
        span = actor_span(tok)
        found = doc_actors.resolve_all(span, on_date)
        # "The US, Russia, and Switzerland": spaCy may hang a list off an apposition
        listed = [a for a in tok.children if a.dep_ == "appos" and a.ent_type_ and a.ent_type_ == tok.ent_type_]
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
        if not found and (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")) and tok.ent_type_ not in NON_ACTOR_ENTS:
            # someone the knowledge base cannot place: keep the words, leave the codes unknown
            found = [Actor(text=span.text)]
        return found

    # -- per document --------------------------------------------------------

    def code(self, document: Document, parsed: Any) -> list[EventRecord]:
        doc_actors = self.actors.for_document(parsed, document.doc_date)
        built_by_sent: list[tuple[int, Any, list[_Built], list[str]]] = []
        countries: set[str] = set()
        for s_idx, sent in enumerate(parsed.sents):
            readings = find_readings(sent, self.lex)
            if not readings:
                continue
            built = [b for r in readings for b in self._build(r, doc_actors, document.doc_date)]
            for b in built:
                countries.update(a.country for a in (*b.actors, *b.recipients) if a.country)
            built_by_sent.append((s_idx, sent, built, sentence_sources(sent, self.lex)))
        if not built_by_sent:
            return []
        doc_places = self.places.for_document(parsed, dateline=document.dateline, actor_countries=sorted(countries))
        records: list[EventRecord] = []
        seen: set[tuple] = set()
        scene: str | None = None  # country of the last event placed: where the story now is
        for s_idx, sent, built, sources in built_by_sent:
            triggers = {b.reading.trigger.i: b.reading.trigger for b in built}
            for b in built:
                others = [t for i, t in triggers.items() if i != b.reading.trigger.i]
                for rec in self._records(document, s_idx, sent, b, sources, doc_places, doc_actors, others, scene):
                    key = (s_idx, rec.cameo_code, _key(rec.actor), _key(rec.recipient), rec.modality, rec.polarity)
                    if key in seen:
                        continue
                    seen.add(key)
                    records.append(rec)
                    if rec.location is not None and rec.location.country:
                        scene = rec.location.country
        return _merge_casualty_followups(records)

    def _build(self, r: Reading, doc_actors: Any, doc_date: str | None) -> list[_Built]:
        """Resolve a reading's roles; turn attributed claims into accusations and denials."""
        actors = self._resolve(doc_actors, r.actor_tok, doc_date)
        recipients = self._resolve(doc_actors, r.recipient_tok, doc_date)
        frame = r.frame
        speaker = None
        if frame.speaker_token is not None and not is_outlet(frame.speaker_token, self.lex):
            found = self._resolve(doc_actors, frame.speaker_token, doc_date)
            speaker = found[0] if found else None
        if speaker is not None and r.actor_tok is not None and r.actor_tok.pos_ == "PRON" and r.actor_tok.lower_ in ("he", "she", "it", "they", "we", "i"):
            if not actors or not any(a.country for a in actors):
                actors = [speaker]  # "X said it would ...": the pronoun is the speaker
        if speaker is not None and r.recipient_tok is not None and r.recipient_tok.lower_ in ("it", "us", "me"):
            if not recipients or not any(a.country for a in recipients):
                recipients = [speaker]  # "Israel said a mortar was fired at it"
        out: list[_Built] = []
        code = r.cameo
        if frame.obligation and speaker is not None and code != RESPONSIBILITY:
            # "Russia said Sudan must return the helicopter": a demand by the speaker
            demand = self.lex.derive("demand", code) or "100"
            targets = [a for a in actors if not _same_side(a, speaker)] or recipients[:1]
            return [_Built(r, demand, [speaker], targets, speaker, Frame("affirmed", "asserted"), frame.frame_verb)]
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
            targets = [a for a in actors if not _same_side(a, speaker)]
            for t in targets:
                out.append(_Built(r, "112", [speaker], [t], speaker, Frame(frame.polarity, "asserted"), frame.frame_verb))
            if conflict and actors and not targets and frame.polarity == "affirmed":
                # "the US claimed that they had attacked Iraq": a claim of responsibility
                out.append(_Built(r, "015", [speaker], recipients[:1], speaker, Frame("affirmed", "asserted"), frame.frame_verb))
        elif frame.frame_kind == "say" and political and conflict and inner_root not in ("11", "12"):
            targets = [a for a in actors if not _same_side(a, speaker)]
            if actors and targets:
                for t in targets:
                    out.append(_Built(r, "112", [speaker], [t], speaker, Frame(frame.polarity, "asserted"), frame.frame_verb))
                frame = replace(frame, modality="claimed")
            elif not actors and recipients and speaker.kind == "country" and any(_same_side(x, speaker) for x in recipients):
                # the speaker reports itself attacked by someone unnamed: a complaint
                out.append(_Built(r, "112", [speaker], [], speaker, Frame(frame.polarity, "asserted"), frame.frame_verb))
                frame = replace(frame, modality="claimed")
        elif frame.frame_kind == "deny" and speaker is not None:
            out.append(_Built(r, "016", [speaker], [a for a in actors if not _same_side(a, speaker)][:1], speaker, Frame("affirmed", "asserted"), frame.frame_verb))
        out.append(_Built(r, code, actors, recipients, speaker, frame, r.trigger))
        return out

    def _responsibility(self, r: Reading, actors: list[Actor], speaker: Actor | None, frame: Frame) -> list[_Built]:
        if speaker is None or not actors:
            return []
        negated = frame.polarity == "negated" or is_negated(r.trigger) or frame.frame_kind == "deny"
        verb = frame.frame_verb if frame.frame_verb is not None else r.trigger
        out = []
        for a in actors:
            if negated and _same_side(a, speaker):
                out.append(_Built(r, "016", [speaker], [], speaker, Frame("affirmed", "asserted"), verb))
            elif not negated and _same_side(a, speaker):
                out.append(_Built(r, "015", [speaker], [], speaker, Frame("affirmed", "asserted"), verb))
            elif not negated:
                out.append(_Built(r, "112", [speaker], [a], speaker, Frame("affirmed", "asserted"), verb))
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

    def _records(
        self,
        document: Document,
        s_idx: int,
        sent: Any,
        b: _Built,
        sources: list[str],
        doc_places: Any,
        doc_actors: Any,
        others: list[Any],
        scene: str | None = None,
    ) -> list[EventRecord]:
        code = b.code
        mode = None
        clause = clause_tokens(b.trigger)
        root = code[:2]
        if root in ("18", "19", "20"):
            extra = list(clause)
            if b.reading.event_noun is not None:
                extra += list(b.reading.event_noun.subtree)
            found = self.lex.mode_of(extra)
            if found is not None:
                mode = found[0]
                if code in ("190", "180", "183") or (code == "193" and found[1] != "193"):
                    code = found[1]
        elif root in ("15", "17"):
            # seizing weapons (disrupted weapons use) and establishing bases are told apart
            # from other coercion and deployments by the words around them
            found = self.lex.mode_of(clause, plain=True)
            if found is not None:
                mode = found[0]
        frame = b.frame
        if b.trigger is b.reading.trigger:
            code, frame = self._derive(code, frame)
            actor_tok = b.reading.actor_tok
            if code in CROWD_VIOLENCE and actor_tok is not None and actor_tok.lemma_.lower() in CROWD_NOUNS:
                code, mode = "145", None  # violence by protesters is a riot (CAMEO 145)
            if code in ("140", "141") and b.actors and all(a.kind == "country" or a.sector in ("GOV", "IGO") for a in b.actors):
                code, mode = "114", None  # a government "protests" by complaining officially
        entry = cameo(code)
        if mode is None:
            mode = entry.mode
        location = doc_places.event_location(sent, b.trigger)
        if location is not None and cameo(code).quad_class in (0, 1, 3):
            # words are spoken where the speaker is: a place from another clause or
            # another sentence is where something else happened
            embedded = {
                t.i for c in b.trigger.children if c.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl") for t in c.subtree
            }
            words = set((location.text or "").split())
            if not any(t.i not in embedded and t.text in words for t in sent):
                location = None
        if code == "040" and location is not None and location.country:
            parties = {a.country for a in (*b.actors, *b.recipients) if a.country}
            if parties and location.country not in parties:
                code, entry = "044", cameo("044")
                mode = entry.mode
        here = location.country if location is not None and location.country else scene
        if here and b.trigger is b.reading.trigger:
            # police, protesters, villagers with no nationality of their own are of the
            # country where the event happened (or where the story last was), rather
            # than of the article's main country
            b = replace(
                b,
                actors=_localised(doc_actors, b.actors, b.reading.actor_tok, here, document.doc_date),
                recipients=_localised(doc_actors, b.recipients, b.reading.recipient_tok, here, document.doc_date),
            )
        if location is not None and location.country and not b.recipients and (code[:3] in LOCATION_TARGETS or code[:2] in LOCATION_TARGETS):
            # a visit to, a protest in, troops massed in another country: that country is the target
            if all(a.country and a.country != location.country for a in b.actors) and b.actors:
                b = replace(b, recipients=[Actor(text=location.text, name=location.name, country=location.country, kind="country")])
        when = resolve_event_date(sent, b.trigger, document.doc_date, future=frame.modality == "future")
        counts = extract_counts(sent, b.trigger, others=others) if root in COUNT_ROOTS and b.trigger is b.reading.trigger else Counts()
        if root == "14" and counts.size is None and b.trigger is b.reading.trigger and b.reading.actor_tok is not None:
            # "About 5,000 students protested": the crowd is counted in its own subject
            counts = replace(counts, size=_crowd_of(b.reading.actor_tok))
        source = sources[0] if sources else None
        if source is None and b.frame.speaker_token is not None and is_outlet(b.frame.speaker_token, self.lex):
            source = outlet_phrase(b.frame.speaker_token, self.lex)
        pairs = self._pairs(b)
        out = []
        evidence = Evidence(
            sentence=sent.text.strip(),
            sentence_index=s_idx,
            start=sent.start_char,
            end=sent.end_char,
            trigger=_trigger_text(b.trigger, b.reading.event_noun if b.trigger is b.reading.trigger else None),
        )
        for actor, recipient in pairs:
            if actor is None and entry.quad_class < 4 and entry.plover_type != "PROTEST":
                continue  # cooperation, statements and accusations need someone who did them
            inter1, inter2 = acled_inter(actor), acled_inter(recipient)
            a_type, a_sub = acled_types(entry.plover_type, mode, inter1, inter2)
            confidence = _confidence(b, actor, recipient, frame)
            eid = make_event_id(
                document.doc_id, s_idx, b.trigger.idx, code,
                actor.name or actor.text if actor else "", recipient.name or recipient.text if recipient else "",
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
    def _pairs(b: _Built) -> list[tuple[Actor | None, Actor | None]]:
        actors: list[Actor | None] = list(b.actors) or [None]
        recipients: list[Actor | None] = list(b.recipients)
        if not recipients and b.reading.symmetric and len(b.actors) > 1 and b.trigger is b.reading.trigger:
            return [(a, r) for a in b.actors for r in b.actors if a is not r and not _same_side(a, r)]
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
CROWD_VIOLENCE = {"170", "171", "1711", "1712", "180", "182", "190"}
#: events whose target, when the text names none, is the country where they happen
LOCATION_TARGETS = {"042", "14", "15"}
TOLL_CODES = {"190", "180", "1823"}


def _merge_casualty_followups(records: list[EventRecord]) -> list[EventRecord]:
    """Fold "N people were killed in the attack" into the attack told just before.

    News reports an attack, then its toll in the next sentence or two. A generic
    violent event (CAMEO 190/180: killing, wounding, dying) with counts, no date
    of its own and no perpetrator other than the earlier event's, is that
    event's toll when the earlier event lacks those counts.
    """
    out: list[EventRecord] = []
    folded: dict[int, EventRecord] = {}  # sentence index -> the event its toll went to
    for rec in records:
        target = None
        s_idx = rec.evidence.sentence_index
        generic = rec.cameo_code in TOLL_CODES and rec.date_precision != "day"
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
                    if rec.actor is not None and not _same_side(rec.actor, prev.actor):
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
    parts = [trigger] + [c for c in trigger.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


REPORTING_HEADS = {"say", "tell", "report", "add", "state", "announce", "confirm", "claim", "note"}


def _main_clause(tok: Any) -> bool:
    """The sentence's main clause, or the reported clause of a trailing "X said"."""
    if tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ == "ROOT":
        return True
    head = tok.head
    return tok.dep_ in ("ccomp", "parataxis") and head.dep_ == "ROOT" and head.lemma_.lower() in REPORTING_HEADS


def _key(actor: Actor | None) -> tuple:
    return (actor.name, actor.country, actor.sector) if actor else ()


def _confidence(b: _Built, actor: Actor | None, recipient: Actor | None, frame: Frame) -> float:
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
