"""Actor resolution in a document: the interface the event coder calls.

    resolver = ActorResolver.default()              # KB loaded once per process
    doc_actors = resolver.for_document(doc, "2023-10-15")
    doc_actors.resolve_all(span)                    # one Actor per conjunct
    doc_actors.resolve(span)                        # the first, or None

A phrase is first split into conjuncts ("Brazil and the United States"),
each conjunct read compositionally (:mod:`khaldun.actors.compose`), then
linked to earlier mentions in the same document:

- pronouns ("he", "she") take the latest person mentioned before them;
  "they" the latest group or organisation within two sentences;
- a bare name ("Haniyeh", "Gilon") takes the earlier mention whose name
  holds it ("Ismail Haniyeh");
- a role with no name ("the minister", "the Iranian leader") takes the
  latest earlier person with that role word or, for generic roles, that
  country; failing that, the knowledge base's office holder on the date;
- "the two", "the two leaders", "both sides" take the two latest distinct
  actors (persons, for person roles).

Mentions are collected once per document, lazily, from noun chunks
(appositions merged) and named entities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from khaldun.actors import compose
from khaldun.actors.kb import KnowledgeBase, default_dirs, load_kb, norm
from khaldun.nlp.views import child_indices, doc_ents, doc_sents, doc_text, noun_chunks, span_text, token_table
from khaldun.records import Actor, fast_init, replace
from khaldun.resources import register_cache, word_set

PERSON_PRONOUNS = frozenset(["he", "him", "his", "she", "her", "hers", "himself", "herself"])
GROUP_PRONOUNS = frozenset(["they", "them", "their", "themselves"])
PAIR_WORDS = frozenset({"two", "both"})
#: verbs whose subject, when it is a country, is its government speaking
SPEECH_VERBS = word_set("speech_verbs.tsv", "speaker")
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: country codes that are not states: never a document's main country
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG"})
#: sectors of bodies that act abroad (forces, governments, legislatures, envoys, media):
#: their home country says nothing of where a story happens
ABROAD_SECTORS = frozenset({"MIL", "COP", "SPY", "GOV", "LEG", "MED", "IGO", "NGO", "DIP", "BUS"})


#: sectors of a person who is a member of a domestic body (a party, the opposition, an armed group)
MEMBER_SECTORS = frozenset({"PTY", "OPP", "REB"})
#: sectors of actors whose home country never places an event: a company works abroad
#: (farmers who march against a Korean mining firm march at home, not in Korea)
PLACELESS_SECTORS = frozenset({"BUS"})


def placing_countries(actors: Iterable[Actor]) -> list[str]:
    """The countries of ``actors`` that may place an unplaced event (the document's
    fallback): every actor's country but a company's (see :data:`PLACELESS_SECTORS`)."""
    return [a.country for a in actors if a.country and a.sector not in PLACELESS_SECTORS]


def domestic_countries(doc_actors: Any) -> list[str]:
    """The home country of each domestic body the document names: parties, movements,
    unions, student wings, armed groups and their members ("Awami League activists",
    "BKU members", "KIA fighters"), one entry per mention. Where the text names no place, these say
    where the story happens; forces, governments and media do not (they act abroad)."""
    out: list[str] = []
    for m in getattr(doc_actors, "mentions", None) or ():
        a = m.actor
        if a.kind in ("organization", "group") and a.country and a.country not in NON_STATE_CODES \
                and a.sector not in ABROAD_SECTORS:
            out.append(a.country)
        elif a.kind == "person" and a.country and a.sector in MEMBER_SECTORS and a.country not in NON_STATE_CODES:
            # "a local Awami League leader": a party's or an armed group's member, one person
            out.append(a.country)
    doc = getattr(doc_actors, "doc", None)
    kb = getattr(doc_actors, "kb", None)
    if doc is not None and kb is not None:
        out.extend(affiliated_countries(kb, doc_text(doc)))
    return out


#: "pro-X lawyers", "anti-X protesters", "X-led alliance", "X-backed candidates": a body
#: named only as a modifier of its followers or opponents (actor resolution leaves it out
#: of the actor, rightly); the body is still named, and so is its home country
_AFFILIATION = re.compile(
    r"\b(?:[Pp]ro|[Aa]nti)-([A-Z][\w()]*(?:[ -][A-Z][\w()]*)?)|"
    r"\b([A-Z][\w()]*(?:[ -][A-Z][\w()]*)?)-(?:led|backed|sponsored|supported|allied|aligned|affiliated|run)\b")


def affiliated_countries(kb: KnowledgeBase, text: str) -> list[str]:
    """The home countries of the domestic bodies (parties, movements, armed groups) that
    ``text`` names in "pro-X", "anti-X" and "X-led" modifiers (see :data:`_AFFILIATION`),
    one per mention; states, forces and governments count as in :func:`domestic_countries`."""
    if "-" not in text:
        return []
    out: list[str] = []
    for m in _AFFILIATION.finditer(text):
        name = m.group(1) or m.group(2)
        found = kb.lookup(name)
        if not found and " " in name:
            found = kb.lookup(name.split(" ")[-1] if m.group(2) else name.split(" ")[0])
        ents = [e for e in found if e.kind in ("organization", "group") and e.country
                and e.country not in NON_STATE_CODES and e.sector not in ABROAD_SECTORS]
        if ents and len({e.country for e in ents}) == 1:
            out.append(ents[0].country)
    return out


@fast_init
@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention found in a document."""

    start: int
    """character offset of the mention"""
    end: int
    sentence: int
    actor: Actor
    name_keys: frozenset[str]
    """normalised words of the person's name, for surname linking"""
    role_words: frozenset[str]
    """lower-case words of the phrase, for "the minister" linking"""
    named: bool = False
    """the mention names its actor (a person's name, an organisation), not only a role"""


class DocumentActors:
    """Actor resolution inside one document (in-document linking lives here)."""

    def __init__(self, resolver: ActorResolver, doc: Any, doc_date: str | None) -> None:
        self.resolver = resolver
        self.kb = resolver.kb
        self.doc = doc
        self.doc_date = doc_date
        self._mentions: list[Mention] | None = None
        self._end_bound: list[int] = []
        """the largest end among mentions[: i + 1], for each i (see _before)"""
        self._sent_index: list[int] | None = None
        self._main_country: str | None | bool = False
        self._readings: dict[tuple[int, int], compose.Reading] = {}
        self._composed: dict[tuple[int, int, str | None], list[compose.Composed]] = {}

    # -- public -------------------------------------------------------------

    def resolve_all(self, span: Any, on_date: str | None = None, *, fallback_country: str | None = None) -> list[Actor]:
        """Every actor a phrase names: one per conjunct ("Brazil and the United States").

        A role with no country of its own takes ``fallback_country`` when given
        (the coder passes the country where the event happened), else the
        document's main country.
        """
        date = on_date or self.doc_date
        out: list[Actor] = []
        for part, tail in _conjuncts(span):
            for actor in self._resolve_one(part, date, whole=span):
                if actor.country is None and tail is not None:
                    actor = self._with_tail_country(actor, tail)
                if actor.country is None and actor.kind in ("person", "group", "organization") and actor.sector:
                    actor = replace(actor, country=fallback_country or self.main_country)
                if actor not in out:
                    out.append(actor)
        return out

    def _with_tail_country(self, actor: Actor, tail: Any) -> Actor:
        reading = self._read(tail)
        places = [c for c in reading.cues if c.is_place] if reading else []
        if not places or actor.kind in ("country", "person"):
            return actor
        return replace(actor, country=places[0].country)

    def resolve(self, span: Any, on_date: str | None = None) -> Actor | None:
        """The first actor a phrase names, or None."""
        found = self.resolve_all(span, on_date)
        return found[0] if found else None

    def resolve_text(self, text: str, on_date: str | None = None) -> list[Actor]:
        """Resolve a phrase given as text, parsed on its own (no document context)."""
        return self.resolver.resolve_text(text, on_date or self.doc_date)

    @property
    def main_country(self) -> str | None:
        """The country the document is about: mentioned at least twice as often as any other.

        A role with no country of its own ("President Laurent Gbagbo", "police",
        "rebels in Darfur") is taken to be of this country, as a news reader
        would read it.
        """
        if self._main_country is False:
            counts: dict[str, int] = {}
            for m in self.mentions:
                c = m.actor.country
                # a foreign company's country is not what the story is about (farmers
                # marching against a Korean mining firm)
                if c and c not in NON_STATE_CODES and m.actor.sector not in PLACELESS_SECTORS:
                    counts[c] = counts.get(c, 0) + 1
            ranked = sorted(counts.values(), reverse=True)
            dominant = bool(ranked) and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1])
            self._main_country = max(counts, key=lambda c: counts[c]) if dominant else None
        return self._main_country  # type: ignore[return-value]

    @property
    def mentions(self) -> list[Mention]:
        """Every actor mention in the document, in order (computed once)."""
        if self._mentions is None:
            self._mentions = self._collect_mentions()
            self._end_bound = list(accumulate((m.end for m in self._mentions), max))
        return self._mentions

    # -- one conjunct ---------------------------------------------------------

    def _resolve_one(self, span: Any, date: str | None, whole: Any) -> list[Actor]:
        text = span_text(span).strip()
        start, end = compose.content_range(span)
        if start == end:
            return []
        table = token_table(span.doc)
        if end - start == 1 and table.pos[start] == "PRON":
            found = self._pronoun(span.doc[start], text)
            return [found] if found else []
        if end - start <= 3 and not PAIR_WORDS.isdisjoint(table.lower[span.start : span.end]):
            # only a phrase with "two" or "both" can be a pair (no Token objects otherwise)
            pair = self._pair(span, compose.content_tokens(span), text)
            if pair is not None:
                return pair
        reading = self._read(span)
        if reading is None:
            return []
        composed = self._compose(span, reading, date)
        if not composed:
            return []
        out = []
        for c in composed:
            actor = self._link(span, reading, c, date)
            actor = self._speaker_government(whole, actor)
            out.append(actor)
        return out

    def _link(self, span: Any, reading: compose.Reading, c: compose.Composed, date: str | None) -> Actor:
        actor = c.actor
        start = span.start_char
        roles = [cue for cue in reading.cues if cue.kind == "role"]
        places = [cue for cue in reading.cues if cue.is_place or cue.kind == "entity"]
        # a bare name: the earlier, fuller mention of the same person
        if reading.name_tokens and c.person_entity is None and not roles and not places:
            keys = {norm(t.text) for t in reading.name_tokens}
            for m in self.mentions:  # the apposition this name is part of
                inside = m.start <= span.start_char and span.end_char <= m.end
                if inside and m.named and keys <= m.name_keys and m.actor.country is not None:
                    return replace(m.actor, text=actor.text)
            for m in reversed(self._before(start)):
                if m.actor.kind == "person" and keys <= m.name_keys and m.actor.text != actor.text:
                    return replace(m.actor, text=actor.text)
            known = self._kb_surname(reading, date)
            if known is not None:
                return replace(known, text=actor.text)
        # a role with no name: "the minister", "the Iranian leader"
        # (an indefinite "a senior UN official" brings in someone new: no antecedent)
        if c.role is not None and not c.has_name and c.role.kind == "person" and reading.head.tag_ not in compose.PLURAL_TAGS \
                and not _indefinite(span):
            linked = self._role_antecedent(start, c, reading)
            if linked is not None:
                return replace(linked, text=actor.text)
            holder = self._office_holder(reading, actor, date)
            if holder is not None:
                return holder
        # a title and a surname the KB knows: "President Mugabe"
        if reading.name_tokens and c.person_entity is None:
            known = self._kb_surname(reading, date, actor.country)
            if known is not None and (actor.country in (None, known.country)):
                sector = actor.sector if c.role is not None and c.role.sector not in ("*",) and actor.sector != "GOV" else known.sector
                return replace(known, text=actor.text, sector=sector or actor.sector)
            keys = {norm(t.text) for t in reading.name_tokens}
            for m in reversed(self._before(start)):
                if m.actor.kind == "person" and keys <= m.name_keys and m.actor.country and actor.country is None:
                    return replace(actor, country=m.actor.country, sector=actor.sector or m.actor.sector, name=m.actor.name)
        return actor

    def _kb_surname(self, reading: compose.Reading, date: str | None, country: str | None = None) -> Actor | None:
        last = norm(reading.name_tokens[-1].text)
        cands = self.kb.surnames.get(last, [])
        full = norm(" ".join(t.text for t in reading.name_tokens))
        if len(reading.name_tokens) > 1:
            cands = [e for e in cands if norm(e.name).endswith(full) or full.endswith(norm(e.name).split(" ")[-1]) and norm(e.name).split(" ")[0] in full]
        if country is not None:
            cands = [e for e in cands if any(o.country == country for o in e.offices)]
        if not cands:
            return None
        if date:
            current = [e for e in cands if any(o.holds_on(date) for o in e.offices)]
            cands = current or cands
        ent = max(cands, key=lambda e: max((o.start or "") for o in e.offices) if e.offices else "")
        ctry, sector, _ = ent.on(date)
        return Actor(text="", name=ent.name, country=ctry, sector=sector, kind="person", wikidata=ent.wikidata)

    def _role_antecedent(self, start: int, c: compose.Composed, reading: compose.Reading) -> Actor | None:
        role = c.role
        assert role is not None
        words = set(norm(role.term).split(" "))
        generic = role.sector == "*" or role.term in ("leader", "official")
        for m in reversed(self._before(start)):
            if m.actor.kind != "person" or m.actor.name is None:
                continue
            if c.explicit_country and m.actor.country != c.actor.country:
                continue
            if generic or words <= m.role_words:
                return m.actor
        return None

    def _office_holder(self, reading: compose.Reading, actor: Actor, date: str | None) -> Actor | None:
        titles = [cue.text for cue in reading.cues if cue.kind == "role"]
        if not titles or actor.country is None:
            return None
        ent = self.kb.holder(actor.country, titles[-1], date)
        if ent is None:
            return None
        country, sector, _ = ent.on(date)
        return Actor(text=actor.text, name=ent.name, country=country, sector=sector, kind="person", wikidata=ent.wikidata)

    def _pronoun(self, tok: Any, text: str) -> Actor | None:
        low = tok.lower_
        before = self._before(tok.idx)
        if low in PERSON_PRONOUNS:
            for m in reversed(before):
                if m.actor.kind == "person":
                    return replace(m.actor, text=text)
        elif low in GROUP_PRONOUNS:
            sent = self._sentence_of(tok.i)
            for m in reversed(before):
                if m.sentence < sent - 2:
                    break
                if m.actor.kind in ("group", "organization") or m.actor.kind == "country":
                    return replace(m.actor, text=text)
        return None

    def _pair(self, span: Any, toks: list[Any], text: str) -> list[Actor] | None:
        """ "the two", "the two leaders", "both sides": the two latest distinct actors."""
        words = {t.lower_ for t in span}
        if not words & PAIR_WORDS or len(toks) > 3:
            return None
        head = toks[-1]
        if head.lower_ not in PAIR_WORDS:
            role = self.kb.role(head.lemma_)
            if role is None:
                return None
            want_person = role.kind == "person"
        else:
            want_person = True
        picked: list[Actor] = []
        for m in reversed(self._before(span.start_char)):
            if want_person and m.actor.kind != "person":
                continue
            if m.actor.kind not in ("person", "organization", "group", "country"):
                continue
            if any(p.name == m.actor.name for p in picked):
                continue
            picked.append(replace(m.actor, text=text))
            if len(picked) == 2:
                return list(reversed(picked))
        return None

    def _speaker_government(self, whole: Any, actor: Actor) -> Actor:
        """A country that speaks is its government: "Israel has alleged" is ISR GOV."""
        if actor.kind != "country" or actor.sector is not None:
            return actor
        root = whole.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS:
            return replace(actor, sector="GOV")
        return actor

    # -- mentions -------------------------------------------------------------

    def _read(self, span: Any) -> compose.Reading | None:
        """``compose.read`` of ``span``, once per content token range: mentions and roles often share phrases."""
        key = compose.content_range(span)
        if key[0] == key[1]:
            return None
        found = self._readings.get(key)
        if found is None:
            if not compose.may_read(self.kb, self.doc, *key):
                # no token of it can give a cue or a name: every caller treats such a
                # reading as none (compose finds no actor in it), so it is not built
                return None
            found = self._readings[key] = compose.read_range(self.kb, self.doc, *key)
        return found

    def _compose(self, span: Any, reading: compose.Reading, date: str | None) -> list[compose.Composed]:
        """``compose.compose`` of a phrase read by :meth:`_read`, once per token range and date."""
        key = (span.start, span.end, date)
        found = self._composed.get(key)
        if found is None:
            found = self._composed[key] = compose.compose(self.kb, span, reading, date)
        return found

    def _before(self, char: int) -> list[Mention]:
        """The mentions that end at or before ``char``, in order.

        Every event asks, and a long document has thousands of mentions (a scan
        of them all each time was most of coding such a document). Mentions are
        in the order their spans start (a merged apposition took an earlier
        start, never a later one) and may nest, so their ends do not always
        rise: every mention up to ``k``, where the largest end so far passes
        ``char``, is in; after it, only mentions before the first one that
        starts past ``char`` can be, since any later span starts, and so ends,
        past ``char`` too.
        """
        mentions = self.mentions
        k = bisect_right(self._end_bound, char)
        out = mentions[:k]
        while k < len(mentions) and mentions[k].start <= char:
            if mentions[k].end <= char:
                out.append(mentions[k])
            k += 1
        return out

    def _sentence_of(self, token_i: int) -> int:
        if self._sent_index is None:
            index = [0] * len(self.doc)
            for n, sent in enumerate(doc_sents(self.doc)):
                index[sent.start : sent.end] = [n] * (sent.end - sent.start)
            self._sent_index = index
        return self._sent_index[token_i] if 0 <= token_i < len(self._sent_index) else 0

    def _collect_mentions(self) -> list[Mention]:
        doc = self.doc
        table = token_table(doc)
        pos, lemma = table.pos, table.lemma
        spans = []
        covered: set[int] = set()
        for chunk in noun_chunks(doc):
            spans.append(chunk)
            covered.update(range(chunk.start, chunk.end))
        for ent in doc_ents(doc):
            if ent.label_ in ACTOR_ENTS and not any(i in covered for i in range(ent.start, ent.end)):
                spans.append(ent)
                covered.update(range(ent.start, ent.end))
        for i in range(len(pos)):  # role words the chunker missed ("Israeli Ambassador" as a modifier)
            if i in covered or pos[i] not in ("NOUN", "PROPN") or self.kb.role(lemma[i]) is None:
                continue
            tok = doc[i]
            mods = [c.left_edge.i for c in tok.children if c.dep_ in ("amod", "compound", "poss", "det", "nmod") and c.i < tok.i]
            spans.append(doc[min(mods, default=tok.i) : tok.i + 1])
            covered.update(range(min(mods, default=tok.i), tok.i + 1))
        spans.sort(key=lambda s: s.start)
        out = []
        for span in spans:
            start, end = compose.content_range(span)
            if start == end or (end - start == 1 and pos[start] == "PRON"):
                continue
            reading = self._read(span)
            if reading is None or not (reading.cues or reading.name_tokens):
                continue  # no cue and no name: compose finds no actor ("the attack", "Tuesday")
            span_text = table.span_text(span.start, span.end)
            for c in self._compose(span, reading, self.doc_date):
                actor = c.actor
                if reading.name_tokens and c.person_entity is None:
                    known = self._kb_surname(reading, self.doc_date, actor.country)
                    if known is not None and not [cue for cue in reading.cues if cue.kind == "role"]:
                        actor = replace(known, text=actor.text)
                names = actor.name if actor.kind == "person" and actor.name else ""
                out.append(
                    Mention(
                        start=span.start_char,
                        end=span.end_char,
                        sentence=self._sentence_of(span.start),
                        actor=actor,
                        name_keys=frozenset(norm(names).split()) if names else frozenset(),
                        role_words=frozenset(norm(span_text).split()),
                        named=c.has_name or (actor.kind == "organization" and c.role is None),
                    )
                )
        return self._merge_appositions(out)

    def _merge_appositions(self, mentions: list[Mention]) -> list[Mention]:
        """Join a role and the name that follows it into one mention.

        "Israeli Ambassador to India, Naor Gilon" and "Iran's Supreme leader
        Ayatollah Seyyed Ali Khamenei" are each one person: the role gives
        country and sector where the name alone has none.
        """
        text = doc_text(self.doc)
        # out[k] is mentions[k] as it stands: None once a role joined its name, a new
        # mention once a name took its role. A name takes one role (its apposition);
        # a second role before the same name stays a mention of its own.
        out: list[Mention | None] = list(mentions)
        for i, a in enumerate(mentions):
            if a.actor.kind != "person" or a.named:
                continue
            for j in range(i + 1, min(i + 4, len(mentions))):
                b = mentions[j]
                between = text[a.end : b.start]
                if b.sentence != a.sentence or len(between) > 60:
                    break
                if not b.named or b.actor.kind not in ("person", "organization"):
                    continue
                if between.strip(" ,") and not ("," in between and between.strip(" ,").split(" ")[0].islower()):
                    break
                if b.actor.country not in (None, a.actor.country) or out[j] is not b:
                    break
                merged = replace(
                    b.actor,
                    text=text[a.start : b.end],
                    country=b.actor.country or a.actor.country,
                    sector=a.actor.sector or b.actor.sector,
                    kind="person",
                )
                out[j] = replace(
                    b,
                    start=a.start,
                    actor=merged,
                    role_words=a.role_words | b.role_words,
                    name_keys=frozenset(norm(merged.name or "").split()),
                )
                out[i] = None
                break
        return [m for m in out if m is not None]


class ActorResolver:
    """Loads the knowledge base once; hands out per-document resolvers."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    @classmethod
    def default(cls, kb_dir: str | None = None) -> ActorResolver:
        """The shipped KB plus the user KB folder ``kb_dir`` (the ``kb_dir`` setting; None: the
        default folder), loaded once per folder until :func:`khaldun.resources.reset_caches`."""
        return _default_resolver(kb_dir)

    @classmethod
    def load(
        cls, extra_dirs: Iterable[Path | str] = (), *, include_user: bool = True, kb_dir: str | Path | None = None
    ) -> ActorResolver:
        """A resolver over the shipped KB, the user KB folder ``kb_dir`` (optional) and ``extra_dirs``."""
        dirs = default_dirs(extra_dirs, kb_dir)
        if not include_user:
            dirs = (dirs[0], *dirs[2:])
        return cls(load_kb(dirs))

    def for_document(self, doc: Any, doc_date: str | None) -> DocumentActors:
        return DocumentActors(self, doc, doc_date)

    def resolve_text(self, text: str, on_date: str | None = None) -> list[Actor]:
        """The actors a phrase names, parsed on its own ("Iranian Foreign Minister")."""
        from khaldun.nlp import load_model

        doc = load_model()(text)
        return self.for_document(doc, on_date).resolve_all(doc[:], on_date)


@register_cache
@lru_cache(maxsize=8)
def _default_resolver(kb_dir: str | None) -> ActorResolver:
    return ActorResolver(load_kb(default_dirs(kb_dir=kb_dir)))


def _conjuncts(span: Any) -> list[tuple[Any, Any | None]]:
    """The conjuncts of a phrase, each with the tail the conjuncts share.

    "Brazil and the United States" gives two spans; "civilians and soldiers
    in southern Israel" gives "civilians" and "soldiers", sharing the tail
    "in southern Israel".
    """
    root = span.root
    doc = span.doc
    table = token_table(doc)
    if table.pos[root.i] in ("VERB", "AUX") or not any(
        table.dep[c] == "conj" and span.start <= c < span.end for c in child_indices(doc)[root.i]
    ):
        return [(span, None)]  # no conjunct (most phrases): read from plain lists
    inside = {t.i for t in span}
    conj = []
    stack = [c for c in root.children if c.dep_ == "conj" and c.i in inside]
    while stack:
        tok = stack.pop()
        conj.append(tok)
        stack.extend(c for c in tok.children if c.dep_ == "conj" and c.i in inside)
    if not conj or root.pos_ in ("VERB", "AUX"):
        return [(span, None)]
    doc = span.doc
    conj.sort(key=lambda t: t.i)
    last = max(t.i for c in conj for t in c.subtree)
    tail_idx = [t.i for t in root.subtree if t.i in inside and t.i > last]
    tail = doc[tail_idx[0] : tail_idx[-1] + 1] if tail_idx else None
    if tail is None:  # "civilians and soldiers in Israel": the PP hangs off the last conjunct
        preps = [c for c in conj[-1].children if c.dep_ == "prep" and c.i > conj[-1].i]
        if preps:
            tail = doc[preps[0].i : max(t.i for t in preps[-1].subtree) + 1]
    out = []
    for head in [root, *conj]:
        idx = {t.i for t in head.subtree if t.i in inside}
        for other in conj:
            if other is not head and other.i > head.i:
                idx -= {t.i for t in other.subtree}
        if tail is not None:
            idx -= set(range(tail.start, tail.end))
        run = [head.i]  # the contiguous run around the head
        while run[0] - 1 in idx and doc[run[0] - 1].dep_ != "cc" and doc[run[0] - 1].text != ",":
            run.insert(0, run[0] - 1)
        while run[-1] + 1 in idx and doc[run[-1] + 1].dep_ != "cc" and doc[run[-1] + 1].text != ",":
            run.append(run[-1] + 1)
        out.append((doc[run[0] : run[-1] + 1], tail))
    return out


def _indefinite(span: Any) -> bool:
    """Does the phrase open with "a"/"an" (someone the text brings in, not one named before)?"""
    if not len(span):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in span.root.children)
