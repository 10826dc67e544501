"""Compositional coding of one actor phrase, without looking at the rest of the document.

A phrase ("Iranian Foreign Minister Hossein Amirabdollahian", "Kenyan police",
"Israeli Ambassador to India, Naor Gilon", "Somalia's foreign ministry") is
read token by token for *cues*, longest match first:

- a name the knowledge base knows (country, organisation, person);
- a demonym ("Iranian") or a seat of government ("Tehran", "the Kremlin");
- a role word from ``roles.tsv`` ("foreign minister", "police", "rebels");
- a modifier that changes the sector ("former", "ousted": elite, ELI).

Tokens under a preposition that points away from the actor ("ambassador *to
India*", "war *against Israel*") are skipped, and so are demonyms that
qualify a backer ("*pro-Iranian* militia", "*Iranian-backed* Houthis").
What is left is combined by fixed precedence, written out in
:func:`compose`. Names nobody listed are kept as the proper nouns left over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from khaldun.actors.kb import _ACRONYM, INHERIT, Entity, KnowledgeBase, Role, norm
from khaldun.nlp.views import TokenTable, doc_memo, span_text, subtree_indices, token_table
from khaldun.records import Actor
from khaldun.resources import word_list

#: prepositions whose object is not the actor itself
AWAY_PREPS = frozenset(
    ["to", "toward", "towards", "against", "with", "into", "versus", "vs", "between", "over", "about", "on", "at", "near", "after", "before", "during", "since", "than"]
)
#: words after a demonym and a hyphen that make it the backer, not the actor
BACKER_WORDS = frozenset(["backed", "sponsored", "supported", "allied", "aligned", "funded", "controlled", "armed", "based"])
#: words before a role that make its holder a former office holder (CAMEO elite)
FORMER_WORDS = frozenset(["former", "ex", "ousted", "deposed", "exiled", "toppled", "overthrown", "late", "onetime", "erstwhile"])
#: longest name tried, in tokens (longer KB names still match through their aliases)
MAX_NGRAM = 8
#: titles of address, skipped when reading a name (khaldun/data/lexicon/honorifics.txt)
HONORIFICS = word_list("honorifics.txt")
#: entity labels that never name an actor
NON_ACTOR_ENTS = frozenset(["DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "EVENT", "WORK_OF_ART", "LANGUAGE", "PRODUCT", "FAC", "LOC"])
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: heads that count rather than name: the actor is in the "of" phrase
QUANTITY_HEADS = frozenset(["hundred", "thousand", "million", "dozen", "score", "group", "number", "crowd", "band", "handful", "some", "many"])


@dataclass(slots=True)
class Cue:
    """Something one or more tokens say about the actor."""

    start: int
    end: int
    """token indices in the doc, end exclusive"""
    kind: str
    """entity, demonym, seat, role, former"""
    text: str
    entity: Entity | None = None
    country: str | None = None
    sector: str | None = None
    role: Role | None = None

    @property
    def is_place(self) -> bool:
        return self.kind in ("demonym", "seat") or (self.entity is not None and self.entity.kind == "country")


@dataclass(slots=True)
class Reading:
    """The cues of one phrase, and the proper nouns no cue explains."""

    doc: Any
    start: int
    end: int
    """the content tokens read: ``doc[start:end]``"""
    head: Any
    cues: list[Cue] = field(default_factory=list)
    name_tokens: list[Any] = field(default_factory=list)

    @property
    def tokens(self) -> list[Any]:
        """The content tokens, as ``Token`` objects (made when asked for: most readings never ask)."""
        doc = self.doc
        return [doc[i] for i in range(self.start, self.end)]

    def doc_text(self, start: int, end: int) -> str:
        """Text of doc tokens ``start..end`` after the last conjoined modifier."""
        doc = self.head.doc
        toks = [t for t in doc[start:end] if t.dep_ != "cc" and t.text != "," and t.dep_ != "conj"]
        return " ".join(t.text for t in toks)


def content_tokens(span: Any) -> list[Any]:
    """The span's tokens without determiners, punctuation at the edges and possessive marks."""
    start, end = content_range(span)
    doc = span.doc
    return [doc[i] for i in range(start, end)]


def content_range(span: Any) -> tuple[int, int]:
    """Token indices ``(start, end)`` of :func:`content_tokens`, read from plain lists (start == end: none)."""
    table = token_table(span.doc)
    pos, low, tag = table.pos, table.lower, table.tag
    start, end = span.start, span.end
    while start < end and (pos[start] in ("DET", "PUNCT", "CCONJ") or low[start] in ("both", "all")) and low[start] != "two":
        start += 1
    while end > start and (pos[end - 1] == "PUNCT" or tag[end - 1] == "POS"):
        end -= 1
    return start, end


def _skipped(span: Any) -> set[int]:
    """Token indices under prepositions (or backer compounds) that are not the actor."""
    return _skipped_range(span.doc, span.start, span.end)


def _skipped_range(doc: Any, start: int, end: int) -> set[int]:
    """:func:`_skipped` of tokens ``start..end`` of ``doc``."""
    skip: set[int] = set()
    table = token_table(doc)  # plain lists: this runs on every phrase of every document
    text, low, dep, head = table.text, table.lower, table.dep, table.head
    inside = range(start, end)
    for i in inside:
        if dep[i] == "prep" and low[i] in AWAY_PREPS and head[i] in inside:
            skip.update(subtree_indices(doc, i))
        if dep[i] in ("relcl", "acl", "advcl") and head[i] in inside and low[i] not in ("fleeing",):
            # "Red Cross operating in Iraq": the clause describes, the head names
            ent_type = table.ent_type
            skip.update(j for j in subtree_indices(doc, i) if ent_type[j] not in ("GPE", "NORP"))
    n = len(text)
    for i in inside:
        nxt = i + 1 if i + 1 < n else None
        nxt2 = i + 2 if i + 2 < n else None
        if low[i] in ("pro", "anti") and nxt is not None and text[nxt] == "-":
            skip.update({i, nxt} | ({nxt2} if nxt2 is not None else set()))
        if nxt is not None and text[nxt] == "-" and nxt2 is not None and low[nxt2] in BACKER_WORDS:
            skip.update({i, nxt, nxt2})
        if "-" in text[i] and (low[i].startswith(("pro-", "anti-")) or low[i].split("-")[-1] in BACKER_WORDS):
            skip.add(i)
    return skip


def read(kb: KnowledgeBase, span: Any) -> Reading | None:
    """The cues of ``span``; None when nothing is left after determiners and punctuation."""
    start, end = content_range(span)
    if start == end:
        return None
    return read_range(kb, span.doc, start, end)


def read_range(kb: KnowledgeBase, doc: Any, start: int, end: int) -> Reading:
    """:func:`read` of the content tokens ``start..end`` (as :func:`content_range` gives them).

    Cues are looked up once per n-gram and document (phrases overlap), on
    plain token lists; ``Token`` objects are made only for what the reading keeps.
    """
    table = token_table(doc)
    memo = doc_memo(doc)
    cues_key = ("actors.cues", id(kb))
    found = memo.get(cues_key)
    if found is None or found[0] is not kb:
        found = memo[cues_key] = (kb, {})
    cue_memo: dict[tuple[int, int], Cue | None] = found[1]
    skip = _skipped_range(doc, start, end)
    reading = Reading(doc, start, end, head=doc[_head_index(table, doc, start, end)])
    is_punct, tag, low, text = table.is_punct, table.tag, table.lower, table.text
    state = _kb_state(kb)
    may_cue = cue_index(kb, doc)
    i = start
    max_n = min(max(kb.max_name_tokens, 4), MAX_NGRAM)
    while i < end:
        if not may_cue[i] or i in skip or is_punct[i] or tag[i] == "POS":
            i += 1  # no cue starts here, and it is no name or "former" word (cue_index)
            continue
        cue = None
        # n-grams of two or more tokens whose first word starts no key of the KB are no cue
        longer = _may_start_key(state, table, i)
        # when none can, the n-grams of two or more tokens are not even visited (each would
        # be None): only the token itself is looked up
        for n in range(min(max_n, end - i) if longer else min(1, end - i), 0, -1):
            if skip and any(j in skip for j in range(i, i + n)):
                continue
            key = (i, i + n)
            if key in cue_memo:
                cue = cue_memo[key]
            elif (n > 1 and not longer) or not may_match(kb, table, i, i + n, state):
                cue = cue_memo[key] = None  # no key of the KB is spelled like this n-gram: _match would say None
            else:
                cue = cue_memo[key] = _match_range(kb, doc, i, i + n)
            if cue is not None:
                break
        if cue is None:
            if low[i] in FORMER_WORDS or low[i] == "ex":
                reading.cues.append(Cue(i, i + 1, "former", text[i]))
            elif _is_name_index(table, i):
                reading.name_tokens.append(doc[i])
            i += 1
        else:
            reading.cues.append(cue)
            i = cue.end
    return reading


def may_read(kb: KnowledgeBase, doc: Any, start: int, end: int) -> bool:
    """False when :func:`read_range` of tokens ``start..end`` provably finds no cue and no
    name token (such a reading composes no actor: "the attack", "Tuesday").

    Read from :func:`cue_index`, built in one pass over the document's token table.
    """
    return True in cue_index(kb, doc)[start:end]


def cue_index(kb: KnowledgeBase, doc: Any) -> list[bool]:
    """For each token of ``doc``: can :func:`read_range` find a cue starting at it, or read it
    as a name or a "former" word? Built once per document and knowledge base.

    A cue that :func:`read_range` finds starts at a token whose one-token n-gram may be a
    key of the KB (:func:`may_match`) or that may start a longer key
    (:func:`_may_start_key`); a name token passes :func:`_is_name_index`; punctuation and
    possessive marks are passed over. Every one of these reads only the token's text,
    trailing space, lemma, part of speech, tag and entity type, so the answer is
    remembered by those across documents (the same words recur). The index is a superset
    of what a reading finds (it ignores skipped tokens): a ``True`` does not promise a cue.
    """
    memo = doc_memo(doc)
    key = ("actors.cue_index", id(kb))
    found = memo.get(key)
    if found is None or found[0] is not kb:
        table = token_table(doc)
        state = _kb_state(kb)
        seen: dict[tuple[Any, ...], bool] = state["cue_index"]
        if len(seen) > _MAY_MATCH_LIMIT:
            seen.clear()
        keys = list(zip(table.text, table.ws, table.lemma, table.pos, table.tag, table.ent_type, table.is_punct))
        flags: list[bool | None] = list(map(seen.get, keys))
        if None in flags:  # a token not seen in this form yet
            for i, flag in enumerate(flags):
                if flag is None:
                    flags[i] = seen[keys[i]] = _may_cue(kb, state, table, i)
        found = memo[key] = (kb, flags)
    return found[1]  # type: ignore[no-any-return]


def _may_cue(kb: KnowledgeBase, state: dict[str, Any], table: TokenTable, i: int) -> bool:
    """One entry of :func:`cue_index`."""
    if table.is_punct[i] or table.tag[i] == "POS":
        return False  # read_range passes over it
    low = table.lower[i]
    return (low in FORMER_WORDS or low == "ex" or _is_name_index(table, i) or _may_start_key(state, table, i)
            or may_match(kb, table, i, i + 1, state))


def _head_index(table: TokenTable, doc: Any, start: int, end: int) -> int:
    """The phrase's head: its root, or the last noun whose head lies outside the phrase.

    A fragment such as "Panamanian army" in "Panamanian army officers" has
    two tokens attached outside it; the noun, not the adjective, heads it.
    Read from the head list; ``Span.root`` only when no single token is attached outside.
    """
    head, pos = table.head, table.pos
    outside = [i for i in range(start, end) if not start <= head[i] < end or head[i] == i]
    if len(outside) > 1:
        nouns = [i for i in outside if pos[i] in ("NOUN", "PROPN")]
        if nouns:
            return nouns[-1]
    if len(outside) == 1:
        return outside[0]  # the only token attached outside: spaCy's root of the span
    return doc[start:end].root.i


def _is_name_index(table: TokenTable, i: int) -> bool:
    """:func:`_is_name_token` of token ``i``, from plain lists."""
    if table.pos[i] != "PROPN" or table.ent_type[i] in NON_ACTOR_ENTS:
        return False
    if table.lower[i].rstrip(".") in HONORIFICS:
        return False
    return table.text[i][:1].isupper()


def _is_name_token(tok: Any) -> bool:
    if tok.pos_ != "PROPN" or tok.ent_type_ in NON_ACTOR_ENTS:
        return False
    if tok.lower_.rstrip(".") in HONORIFICS:
        return False
    return tok.text[:1].isupper()


#: for one knowledge base (and its table sizes): answers of :func:`_may_match` by n-gram
#: text and lemma form (the same phrases recur from document to document), and the first
#: words of its keys
_KB_STATE: dict[str, Any] = {"kb": None, "sizes": None, "memo": {}, "first": frozenset(), "starts": {}, "cue_index": {}}
_MAY_MATCH_LIMIT = 200_000


def _kb_state(kb: KnowledgeBase) -> dict[str, Any]:
    state = _KB_STATE
    sizes = (len(kb.names), len(kb.roles), len(kb.demonyms), len(kb.seats))
    if state["kb"] is not kb or state["sizes"] != sizes:
        first = {key.split(" ", 1)[0] for table in (kb.names, kb.roles, kb.demonyms, kb.seats) for key in table}
        state.update(kb=kb, sizes=sizes, memo={}, first=frozenset(first), starts={}, cue_index={})
    return state


def _may_start_key(state: dict[str, Any], table: TokenTable, i: int) -> bool:
    """Could an n-gram of two or more tokens starting at token ``i`` be a key of the KB?

    False only when it provably cannot: token ``i`` is followed by a space, its key
    form (:func:`~khaldun.actors.kb.norm`) is one word other than "the", and it cannot
    start an acronym; then every key form :meth:`KnowledgeBase.may_name` tries for such
    an n-gram (its text, its lemma form, its text less the last letter) begins with that
    word followed by a space, and no key of the KB begins with it.
    """
    word = table.text[i]
    if table.ws[i] != " ":
        return True
    starts = state["starts"]  # the answer for a word followed by a space, by its text
    found = starts.get(word)
    if found is None:
        if len(starts) > _MAY_MATCH_LIMIT:
            starts.clear()
        found = starts[word] = _word_may_start_key(state, word)
    return found  # type: ignore[no-any-return]


def _word_may_start_key(state: dict[str, Any], word: str) -> bool:
    """:func:`_may_start_key` of a token ``word`` followed by a space."""
    first = norm(word)
    if not first or " " in first or first == "the":
        return True
    bare = word.replace(".", "").replace(" ", "")
    if not bare or _ACRONYM.fullmatch(bare):
        return True
    return first in state["first"]


def may_match(kb: KnowledgeBase, table: TokenTable, start: int, end: int, state: dict[str, Any] | None = None) -> bool:
    """:func:`_may_match`, remembered by the n-gram's text and lemma form (``state``: what
    ``_kb_state(kb)`` gave, when the caller has it)."""
    text = table.span_text(start, end)
    lemma_form = " ".join([*table.text[start : end - 1], table.lemma[end - 1]]).strip()
    key = (text, lemma_form, end - start <= 3)
    memo = (state if state is not None and state["kb"] is kb else _kb_state(kb))["memo"]
    found = memo.get(key)
    if found is None:
        if len(memo) > _MAY_MATCH_LIMIT:
            memo.clear()
        found = memo[key] = kb.may_name(text, lemma_form, short=key[2])
    return found  # type: ignore[no-any-return]


def _may_match(kb: KnowledgeBase, table: TokenTable, start: int, end: int) -> bool:
    """Could tokens ``start..end`` be a cue? A cheap superset of what :func:`_match` accepts.

    Every cue :func:`_match` returns comes from a KB lookup of the n-gram's
    text, its lemma form or its text less a final "s"; this asks the same
    dictionaries for the same keys, on text built from plain lists, without
    creating the ``Span`` and ``Token`` objects that make ``_match`` costly.
    Most n-grams of a phrase fail here.
    """
    text = table.span_text(start, end)
    lemma_form = " ".join([*table.text[start : end - 1], table.lemma[end - 1]]).strip()
    return kb.may_name(text, lemma_form, short=end - start <= 3)


def _match(kb: KnowledgeBase, toks: Any) -> Cue | None:
    """The cue the tokens of span ``toks`` make, or None."""
    return _match_range(kb, toks.doc, toks.start, toks.end)


#: parts of speech of function words (an n-gram of only these is no cue)
_FUNCTION_POS = frozenset(["PRON", "AUX", "VERB", "ADP", "DET", "CCONJ", "SCONJ", "PART"])


def _match_range(kb: KnowledgeBase, doc: Any, start: int, end: int) -> Cue | None:
    """:func:`_match` of tokens ``start..end``, read from the token table (no ``Span`` or ``Token`` objects)."""
    table = token_table(doc)
    text = table.span_text(start, end)
    n = end - start
    last = end - 1
    last_pos, last_lower = table.pos[last], table.lower[last]
    function_words = all(p in _FUNCTION_POS for p in table.pos[start:end])
    if function_words and not (text.isupper() and len(text) > 1):  # "IS" may be tagged a verb
        return None
    person_ent = "PERSON" in table.ent_type[start:end]
    found = kb.lookup(text)
    if found:
        ent = found[0] if len(found) == 1 else _settled(kb, found, doc, end)
        # "The Houthis" tagged PERSON: a plural proper noun names a group, not a person
        plural_name = (n == 1 and ent.kind != "person" and last_lower.endswith("s")
                       and (table.tag[last] == "NNPS" or (start > 0 and table.lower[start - 1] == "the")))
        # "JSQM called a strike": an acronym the recogniser tagged a person names the body it spells
        acronym = n == 1 and len(text) >= 3 and text.isupper() and text.isalpha()
        if ent.kind == "person" or not person_ent or n > 1 or plural_name or acronym:
            return Cue(start, end, "entity", text, entity=ent, country=ent.country, sector=ent.sector)
    if n <= 3:
        iso = kb.demonym(text)
        if iso and end < len(doc) and doc[end].ent_iob_ == "I" and table.ent_type[end] in ("GPE", "LOC", "FAC"):
            iso = None  # "Tamil Nadu": the first word of a longer place name, not a nationality
        if iso and start > 0 and table.lower[start - 1] == "ethnic":
            # "ethnic Albanians in Serbia": an ethnic group, of the country they live in
            return Cue(start, end, "role", text, role=Role(text, "CVL", "group"), sector="CVL")
        if iso and not (text.islower() and text in DEMONYM_COMMON_NOUNS):
            return Cue(start, end, "demonym", text, country=iso)
        seat = kb.seat(text)
        if seat and not person_ent and last_pos == "PROPN":
            return Cue(start, end, "seat", text, country=seat[0], sector=seat[1])
    if last_pos in ("NOUN", "PROPN") or (n == 1 and last_pos == "ADJ" and last_lower in ("military", "opposition")):
        head_words = " ".join(table.text[start:last])
        forms = [text, f"{head_words} {table.lemma[last]}".strip()]
        if last_pos == "PROPN" and last_lower.endswith("s"):  # "Kurds": the tagger keeps PROPN plurals
            forms.append(text[:-1])
        for form in forms:
            role = kb.role(form)
            if role is not None:
                return Cue(start, end, "role", text, role=role, sector=None if role.sector == INHERIT else role.sector)
    if n == 1 and last_pos == "PROPN" and not person_ent:
        return None
    return None


#: demonyms that are also English nouns: written in lower case, the noun ("power poles")
DEMONYM_COMMON_NOUNS = frozenset({"pole", "poles", "swede", "swedes", "dane", "danes"})

#: nouns after a name that make it a party's ("Congress workers", "Maoist cadres")
PARTY_MEMBER_WORDS = frozenset({"worker", "workers", "activist", "activists", "cadre", "cadres",
                                "supporter", "supporters", "party", "member", "members"})


def _settled(kb: KnowledgeBase, found: list[Any], doc: Any, end: int | None = None) -> Any:
    """The entity an ambiguous name ("Congress": the US Congress or India's party) means
    in this document: a party where a party's members follow the name ("Congress
    workers"), else the one whose country the document's unambiguous names (countries,
    demonyms, bodies and places of one country, words of one country's public life) name
    most; the knowledge base's first on a tie."""
    countries = {e.country for e in found}
    if len(countries) < 2:
        return found[0]
    # "Congress workers", "cadres of the Congress": a party's members name the party
    if end is not None and ((end < len(doc) and doc[end].lower_ in PARTY_MEMBER_WORDS)
                            or _members_of_before(doc, end)):
        parties = [e for e in found if e.sector == "PTY"]
        if len(parties) == 1:
            return parties[0]
    context = _context_countries(kb, doc)
    best = max(found, key=lambda e: context.get(e.country, 0))
    return best if context.get(best.country, 0) > context.get(found[0].country, 0) else found[0]


def _members_of_before(doc: Any, end: int) -> bool:
    """The one-word name ending at ``end`` follows "<party member word> of (the)" ("cadres of
    Congress", "supporters of the Congress"), alone or as the second of two names ("of TD
    and Congress")."""
    i = end - 2  # the word before the name
    if i >= 1 and doc[i].lower_ == "and" and doc[i - 1].pos_ == "PROPN":
        i -= 2  # "of TD and Congress"
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in PARTY_MEMBER_WORDS


def _context_countries(kb: KnowledgeBase, doc: Any) -> dict[str, float]:
    """Countries the named entities of a document name without doubt, counted (once per doc):
    countries, demonyms and bodies of one country, places of one country ("Kaithal", "Sylhet"),
    and the words of one country's public life, a word several countries use sharing its
    vote ("dharna", "tehsildar": India and Pakistan; khaldun/data/places/country_words.tsv)."""
    cached = doc.user_data.get("khaldun_kb_countries")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from khaldun.places.gazetteer import loaded_gazetteer
    from khaldun.places.resolver import country_word_weights

    counts: dict[str, float] = dict(country_word_weights(doc.text))
    gaz = loaded_gazetteer()  # places of one country, where the gazetteer is loaded already
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "ORG", "LOC"):
            continue
        iso = kb.demonym(ent.text)
        if iso is None:
            found = kb.lookup(ent.text)
            isos = {e.country for e in found}
            if not isos and gaz is not None and ent.label_ in ("GPE", "LOC"):
                isos = {e.country for e in gaz.lookup(ent.text, loose=False)}
            iso = isos.pop() if len(isos) == 1 else None
        if iso:
            counts[iso] = counts.get(iso, 0) + 1
    doc.user_data["khaldun_kb_countries"] = counts
    return counts


# -- composition -------------------------------------------------------------


@dataclass(slots=True)
class Composed:
    """One actor read from a phrase, with what the linker needs to know."""

    actor: Actor
    person_entity: Entity | None
    role: Role | None
    has_name: bool
    explicit_country: bool


def compose(kb: KnowledgeBase, span: Any, reading: Reading, date: str | None) -> list[Composed]:
    """The actors a phrase names; several when it holds conjoined nationalities.

    Precedence, highest first. Country: a country word before or at the head
    ("Iranian", "Iran's", "Tehran"), the organisation's country ("Hamas
    leader"), the person's country from the knowledge base on ``date``, a
    country after the head in an "of/in/from" phrase ("president of
    Armenia"). Sector: a role word at or before the head ("foreign
    minister", "police"), then the person's office on ``date``, then the
    organisation's sector, then a seat of government, then GOV for a
    country's leader or official with a generic role ("the Iranian leader").
    "former"/"ousted" before the role makes it ELI.
    """
    head_i = reading.head.i
    cues = reading.cues
    before = [c for c in cues if c.start <= head_i]
    after = [c for c in cues if c.start > head_i]
    role_cue = _role_cue(reading, before)
    persons = [c for c in cues if c.entity is not None and c.entity.kind == "person"]
    orgs = [c for c in cues if c.entity is not None and c.entity.kind in ("organization", "group")]
    places_before = [c for c in before if c.is_place]
    head_is_actorish = role_cue is not None or bool(reading.name_tokens) or bool(persons) or any(
        c.start <= head_i < c.end for c in cues if c.kind == "entity"
    )
    places_after = [c for c in after if c.is_place] if head_is_actorish else []

    person = persons[0].entity if persons else None
    p_country = p_sector = None
    if person is not None:
        p_country, p_sector, _ = person.on(date)
    if not head_is_actorish:
        orgs = [c for c in orgs if c.start <= head_i]
    org = _nearest(orgs, head_i)
    org_ent = org.entity if org is not None else None
    renamed_sector = None
    if org is not None and org_ent is not None and _another_body(reading, org):
        # "the Tharu Democratic Party": a generic party name after a proper name that is
        # no place of the known party's country is another party, of no known country
        renamed_sector, org, org_ent = org_ent.sector, None, None
        orgs = []

    # conjoined nationalities before one head: "Hungarian and Romanian officials"
    groups = _conjoined_places(places_before) if role_cue is not None else []
    head_people = [c for c in places_before if c.kind == "demonym" and c.start <= head_i < c.end]
    if head_people and places_after:  # "Albanians of southern Serbia": where they live
        places_before = places_after[:1]
    place_sets = [[c] for c in groups] if len(groups) > 1 else [places_before[:1] or places_after[:1]]

    results = []
    for places in place_sets:
        place = places[0] if places else None
        country = sector = None
        explicit = False
        if place is not None and (org is None or org_ent is None or place.start < org.start or org_ent.country in (None, "IGO", "NGO", "IMG")):
            country, explicit = place.country, True
        elif org_ent is not None and org_ent.country:
            country = org_ent.country
        elif place is None and p_country:
            country = p_country
        if country is None and place is not None:
            country, explicit = place.country, True
        if country is None and p_country:
            country = p_country

        role = role_cue.role if role_cue is not None else None
        modifier = _modifier_role(reading, role_cue)
        org_first = org is not None and org_ent is not None and org.start <= head_i and org_ent.sector not in (None, "IGO", "NGO")
        if org_first and org_ent is not None and role is not None and (role.kind != "person" or role.sector == INHERIT):
            sector = org_ent.sector  # "the Taliban religious faction", "Hamas spokesman"
        elif role is not None and role.sector == INHERIT and modifier is not None:
            sector = modifier.sector  # "rebel leaders", "intelligence officials"
        elif role is not None and role.sector != INHERIT:
            sector = role.sector
        elif person is not None and p_sector:
            sector = p_sector
        elif org_ent is not None and org_ent.sector:
            sector = org_ent.sector
        elif place is not None and place.kind == "seat" and place.sector and (role is None or not reading.name_tokens):
            sector = place.sector
        elif role is not None and country is not None:
            sector = "GOV"
        if sector is None and renamed_sector is not None:
            sector = renamed_sector
        if role_cue is not None and _former_before(reading, role_cue):
            sector = "ELI"
        if role is None and person is None and org is None and place is not None:
            if place.kind == "demonym" and reading.head.tag_ in PLURAL_TAGS and place.start <= head_i < place.end:
                sector = "CVL"  # "Palestinians", "Israelis": the people
            elif place.kind == "seat":
                sector = place.sector

        kind, name, qid = _identity(kb, reading, role, person, org, place, country)
        if kind is None and renamed_sector is not None:
            kind = "organization"
        if country is None and sector is None and kind is None:
            continue
        text = span_text(span).strip()
        if len(place_sets) > 1 and place is not None:  # "Hungarian and Romanian officials"
            text = f"{place.text} {reading.doc_text(place.end, reading.head.i + 1)}".strip()
            name = text if kind != "person" else name
        actor = Actor(text=text, name=name, country=country, sector=sector, kind=kind, wikidata=qid)
        results.append(Composed(actor, person, role, bool(reading.name_tokens) or person is not None, explicit))
    return results


#: words of generic body names ("Democratic Party", "Youth Congress", "Workers' Union"): a
#: proper name before them may name another body than the knowledge base's
GENERIC_NAME_WORDS = frozenset({
    "democratic", "party", "republican", "national", "socialist", "labour", "labor", "liberal",
    "conservative", "people", "people's", "peoples", "progressive", "front", "movement", "union",
    "congress", "alliance", "league", "green", "greens", "communist", "workers", "workers'",
    "federation", "council", "youth", "students", "students'", "association", "united", "freedom",
    "popular", "justice", "democrats", "republicans", "new", "reform", "unity", "independent",
})


def _another_body(reading: Reading, org: Cue) -> bool:
    """The knowledge base's body ``org`` is named generically ("Democratic Party") right
    after a proper noun of the phrase (a name, or a people's name) that the gazetteer (when loaded) gives no place of
    that body's country ("the Tharu Democratic Party"; not "the Texas Democratic Party"
    nor "the Kerala Youth Congress")."""
    ent = org.entity
    if ent is None or not ent.country or ent.country in ("IGO", "NGO", "IMG"):
        return False
    doc = reading.doc
    prev = org.start - 1
    if prev < reading.start or doc[prev].pos_ != "PROPN" or not doc[prev].text[:1].isupper() \
            or any(c.start <= prev < c.end and c.kind != "role" for c in reading.cues):
        return False  # a country, a demonym or another body before it speaks for itself
    words = org.text.lower().replace("-", " ").split()
    if not words or any(w not in GENERIC_NAME_WORDS for w in words):
        return False
    from khaldun.places.gazetteer import loaded_gazetteer  # only when loaded: no load here

    gaz = loaded_gazetteer()
    if gaz is None:
        return False
    first = prev
    while first - 1 >= reading.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
        first -= 1
    names = {doc[i:org.start].text for i in range(first, org.start)}
    return not any(e.country == ent.country for n in names for e in gaz.lookup(n, loose=False))


def _role_cue(reading: Reading, before: list[Cue]) -> Cue | None:
    """The role word that describes the actor.

    The role at the head ("Kenyan *police*"); else, when the head is a name,
    the last role before it ("Hamas *leader* Ismail Haniyeh"); else, when the
    head is a quantity ("hundreds of *protesters*"), the first role after it.
    A role word that only modifies another noun ("a *press* release") is no role.
    """
    head = reading.head
    roles = [c for c in reading.cues if c.kind == "role"]
    for c in roles:
        if c.start <= head.i < c.end:
            return c
    head_is_name = head in reading.name_tokens or any(
        c.kind == "entity" and c.entity is not None and c.entity.kind == "person" and c.start <= head.i < c.end
        for c in reading.cues
    )
    prior = [c for c in roles if c.end <= head.i]
    if prior and head_is_name:
        return prior[-1]
    if head.pos_ in ("NUM", "PRON") or head.lemma_.lower() in QUANTITY_HEADS:
        later = [c for c in roles if c.start > head.i]
        if later:
            return later[0]
    return None


def _modifier_role(reading: Reading, role_cue: Cue | None) -> Cue | None:
    """A role word right before a generic role: "*rebel* leaders", "*border patrol* agents"."""
    if role_cue is None:
        return None
    for c in reading.cues:
        if c.kind == "role" and c.end == role_cue.start and c.sector is not None:
            return c
    return None


def _former_before(reading: Reading, role_cue: Cue) -> bool:
    return any(c.kind == "former" and c.end <= role_cue.start and role_cue.start - c.end <= 2 for c in reading.cues)


def _nearest(cues: list[Cue], head_i: int) -> Cue | None:
    if not cues:
        return None
    before = [c for c in cues if c.start <= head_i]
    return before[-1] if before else cues[0]


def _conjoined_places(places: list[Cue]) -> list[Cue]:
    """Place cues joined by "and"/"or"/commas into one list, in order; [] if not conjoined."""
    if len(places) < 2:
        return []
    for prev, cur in pairwise(places):
        gap = cur.start - prev.end
        if gap < 1 or gap > 2:  # "Hungarian and Romanian", "Iraqi, U.S. and British"
            return []
    return places


def _identity(
    kb: KnowledgeBase,
    reading: Reading,
    role: Role | None,
    person: Entity | None,
    org: Cue | None,
    place: Cue | None,
    country: str | None,
) -> tuple[str | None, str | None, str | None]:
    """(kind, canonical name, wikidata QID) of the actor a reading describes."""
    name_text = " ".join(t.text for t in reading.name_tokens) or None
    org_ent = org.entity if org is not None else None
    if person is not None:
        return "person", person.name, person.wikidata
    if name_text and (role is None or role.kind == "person" or role.sector == INHERIT):
        ents = {t.ent_type_ for t in reading.name_tokens}
        if role is not None or "PERSON" in ents or ("ORG" in ents and role is not None):
            return "person", name_text, None
        if "ORG" in ents:
            return "organization", name_text, None
        return "person" if "PERSON" in ents else ("organization" if org_ent is None else org_ent.kind), name_text, None
    if role is not None:
        plural = reading.head.tag_ in PLURAL_TAGS
        kind = role.kind
        if kind == "person" and plural:
            kind = "group"
        if org is not None and org_ent is not None and role.kind != "person" and org.start <= reading.head.i:
            return org_ent.kind, org_ent.name, org_ent.wikidata
        return kind, _label(reading), None
    if org_ent is not None:
        return org_ent.kind, org_ent.name, org_ent.wikidata
    if place is not None:
        ent = kb.countries.get(place.country or "")
        if place.kind == "demonym" and reading.head.tag_ in PLURAL_TAGS:
            return "group", _label(reading), None
        return "country", ent.name if ent else None, ent.wikidata if ent else None
    return None, None, None


def _label(reading: Reading) -> str:
    """The phrase as a name, without punctuation: "Kenyan police"."""
    table = token_table(reading.doc)
    text, is_punct, tag = table.text, table.is_punct, table.tag
    return " ".join([text[i] for i in range(reading.start, reading.end) if not is_punct[i] and tag[i] != "POS"])
