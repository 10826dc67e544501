"""Place mentions in a parsed document, before any disambiguation.

A mention is a span that names a place, with what the surrounding words add:

- a direction ("southern Israel", "north-western Syria") or a bearing from a
  place ("30 km north of Baghdad");
- an administrative noun ("Borno state", "Kherson region", "Helmand province"),
  which makes a division the better reading;
- a qualifier: "Paris, Texas", "Nigeria's Borno state", "the Syrian city of Aleppo";
- its role in the clause: ``locative`` (object of "in", "near", "outside" ...),
  ``target`` (object of an attack verb: "shelled Kharkiv"), ``agent`` (subject or
  object of other verbs, a possessor: "Iran accused Israel" names actors, not
  places) or ``other``.

Spans come from the entity recogniser (GPE, LOC, FAC) and, because the small model
misses place names it has not seen, from any capitalised name that follows a
locative preposition and is in the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from khaldun.nlp.views import doc_ents, doc_tokens, sentence_of, slice_span, token_table
from khaldun.places.directions import DIRECTION_NOUNS, direction_of
from khaldun.places.gazetteer import Gazetteer, normalise

PLACE_LABELS = ("GPE", "LOC", "FAC")
LOCATIVE_PREPS = {
    "in", "at", "near", "outside", "inside", "across", "around", "throughout", "within",
    "into", "on", "onto", "along", "off", "over", "from", "nearby", "between", "through",
    "towards", "toward", "to",
}
#: prepositions that place an event less surely than "in"
WEAK_PREPS = {"from", "to", "towards", "toward", "over", "between"}
ADMIN_NOUNS = {
    "province", "state", "region", "oblast", "governorate", "district", "county",
    "department", "prefecture", "territory", "division", "municipality", "emirate",
}
#: nouns after a name that say what kind of place it is, below the first-level division:
#: "Pune city", "Sonaimuri upazila", "Minakulu sub-county" (no hint to read it as a division)
PLACE_SUFFIXES = {"city", "town", "village", "upazila", "township", "tehsil", "taluk", "taluka",
                  "locality", "sub-county", "commune", "municipality", "lga", "ward", "union"}
_SETTLEMENT_NOUNS = {"city", "town", "village", "capital", "port", "district", "area",
                     "province", "state", "region", "governorate", "county", "suburb",
                     "neighbourhood", "neighborhood", "camp", "outskirts"}
#: verbs whose object or passive subject is where the event happened ("shelled Kharkiv")
TARGET_LEMMAS = {
    "attack", "strike", "hit", "shell", "bomb", "raid", "storm", "pound", "target", "seize",
    "capture", "besiege", "invade", "enter", "occupy", "rock", "overrun", "ambush", "bombard",
    "flood", "rattle", "shake", "blockade", "liberate", "retake", "recapture", "encircle",
    "surround", "sweep", "evacuate", "visit", "tour", "reach",
}
_AGENT_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative", "iobj", "attr",
               "csubj", "appos"}


@dataclass
class Mention:
    """One place named in the document."""

    text: str
    """the words as written, direction included ("southern Israel")"""
    name: str
    """the name to look up ("Israel", "Borno")"""
    start: int
    end: int
    """token offsets of the whole mention in the document"""
    head: Any
    """the span's syntactic root"""
    sent_start: int
    role: str = "other"
    """locative, target, agent or other"""
    prep: str | None = None
    direction: str | None = None
    """n, s, e, w, ne, nw, se, sw or c for a part of the place"""
    near: bool = False
    """True for "30 km north of X": the event is near X, not in a part of it"""
    admin_hint: bool = False
    qualifiers: list[str] = field(default_factory=list)
    """names or ISO3 codes that narrow the reading ("Texas", "NGA")"""
    from_entity: bool = True
    parenthetical: list[str] = field(default_factory=list)
    """names in brackets after the place, smallest first: "Minakulu (Oyam, Northern)";
    where the place itself is unknown, the first of them that resolves stands for it"""
    cued: bool = False
    """a place noun or a bracket of areas follows the name ("Mobile city", "X (Y, Z)")"""


def _preposition(head: Any) -> tuple[Any | None, Any]:
    """The preposition that governs ``head`` (through conjuncts and apposition), if any."""
    tok = head
    for _ in range(4):
        if tok.dep_ in ("conj", "appos", "compound") and tok.head is not tok:
            tok = tok.head
            continue
        break
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP":
        return tok.head, tok
    # "the town of X", "the city of X": the preposition governs the settlement noun
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _SETTLEMENT_NOUNS:
        noun = tok.head.head
        if noun.dep_ == "pobj" and noun.head.pos_ == "ADP":
            return noun.head, tok
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.lower_ in _SETTLEMENT_NOUNS:
        noun = tok.head
        if noun.dep_ == "pobj" and noun.head.pos_ == "ADP":
            return noun.head, tok
    if tok.dep_ == "npadvmod" and tok.head.lower_ in ("near", "outside"):
        return tok.head, tok
    return None, tok


def _role(head: Any) -> tuple[str, str | None]:
    prep, top = _preposition(head)
    if prep is not None and prep.lower_ in LOCATIVE_PREPS:
        # "north of Baghdad", "the city of Aleppo" resolve to the outer preposition
        if prep.lower_ == "of":
            outer = prep.head
            if outer.dep_ == "pobj":
                return "locative", outer.head.lower_
        return "locative", prep.lower_
    if prep is not None and prep.lower_ == "of":
        outer = prep.head
        if outer.lower_ in DIRECTION_NOUNS or outer.lower_ in _SETTLEMENT_NOUNS or outer.lower_ in ("outskirts", "coast", "centre", "center", "heart", "streets", "part", "parts", "front"):
            if outer.dep_ == "pobj" and outer.head.lower_ in LOCATIVE_PREPS:
                return "locative", outer.head.lower_
            if outer.dep_ in ("npadvmod", "advmod") or outer.head.lower_ in LOCATIVE_PREPS:
                return "locative", "near"
    if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in TARGET_LEMMAS:
        return "target", None
    if top.dep_ == "nsubj" and top.head.lemma_.lower() in _SCENE_VERBS:
        return "locative", "in"  # "the valley witnessed a shutdown": where it happened
    if top.dep_ == "poss" and _possessed_place(top.head):
        # "at Phnom Penh's central market", "in Birgunj's Adarsh Nagar": the town of the place named
        outer, _ = _preposition(top.head)
        return "locative", outer.lower_
    if top.dep_ in _AGENT_DEPS:
        return "agent", None
    return "other", None


_PART_NOUNS = {"centre", "center", "outskirts", "heart", "streets", "suburbs", "edge", "port",
               "airport", "coast", "north", "south", "east", "west", "part", "parts", "area", "areas", "front",
               "city", "town", "village", "capital", "province", "district", "region", "state",
               "governorate", "county", "camp", "countryside", "environs"}
#: small words that may sit inside a place name ("Deir ez-Zor", "Rio de Janeiro")
_NAME_PARTICLES = {"-", "ez", "el", "al", "de", "del", "da", "do", "dos", "la", "le", "es",
                   "ad", "as", "ar", "an", "of", "bin", "ibn", "'s"}


#: verbs whose subject is the scene of what they report ("Srinagar witnessed protests")
_SCENE_VERBS = frozenset({"witness"})


#: streets and buildings that a possessive names after a person or saint rather than a town
_NAMED_FOR_PEOPLE = frozenset({"road", "street", "lane", "avenue", "church", "cathedral", "chapel",
                               "school", "college", "hospital", "park", "square", "ashram"})


def _possessed_place(noun: Any) -> bool:
    """True when ``noun``, the thing a name possesses, is a named place or a part or building
    ("Phnom Penh's Sorya Mall", "Manipur's capital") in a locative slot ("at", "in", "near"):
    the possessor is the town or division it is in. Not an act ("in response to Iran's attack")."""
    if not (noun.pos_ == "PROPN" or noun.lower_ in _PART_OR_BUILDING) or noun.lower_ in _NAMED_FOR_PEOPLE:
        return False  # "St Mary's Road", "Gandhi's Ashram": named after a person, not in a town
    prep, _ = _preposition(noun)
    return prep is not None and prep.lower_ in LOCATIVE_PREPS - WEAK_PREPS


def _slot(tok: Any, depth: int = 0) -> bool:
    """True when ``tok`` sits where a place is named: the object of a locative
    preposition, the object of an attack verb, "the centre of X", "X airport"."""
    if depth > 2:
        return False
    dep, head = tok.dep_, tok.head
    if dep == "pobj" and head.lower_ in LOCATIVE_PREPS:
        return True
    if dep in ("dobj", "nsubjpass") and head.lemma_.lower() in TARGET_LEMMAS:
        return True
    if dep == "pobj" and head.lower_ == "of" and head.head.lower_ in _PART_NOUNS:
        # "in front of X", "residents of the Y areas of X"
        return _slot(head.head, depth + 1) or head.head.dep_ in ("npadvmod", "advmod", "nsubj") \
            or _resident_slot(head.head)
    if dep in ("compound", "nmod", "amod") and head.lower_ in _PART_OR_BUILDING:
        return _slot(head, depth + 1)
    if dep == "poss" and depth == 0 and head.i > tok.i and _possessed_place(head):
        return True  # "in Birgunj's Adarsh Nagar": the town the place is in
    if dep == "pobj" and head.lower_ == "of" and _district_office(head.head):
        return True  # "the Deputy Commissioner of Tala": the district the office governs
    if dep == "appos" and tok.i > head.i and head.pos_ == "NOUN" and head.lower_ in _PART_OR_BUILDING | _OFFICE_NOUNS:
        # "in front of the Deputy Commissioner's office, Tezpur": the town of the building named
        return _slot(head, depth + 1)
    return False


#: people named by the place they live in ("Tala residents", "villagers of Tala")
_RESIDENT_NOUNS = frozenset({"residents", "resident", "villagers", "inhabitants", "locals", "natives", "dwellers"})

#: buildings of an office, after which a name set off by commas is their town
_OFFICE_NOUNS = frozenset({"office", "offices", "secretariat", "collectorate", "headquarters", "residence",
                           "complex", "station", "court", "campus", "hall", "gate"})


_PART_OR_BUILDING = _PART_NOUNS | {"hospital", "school", "market", "mosque", "church", "prison", "university", "base", "checkpoint", "border"}
#: the dependency labels :func:`_slot` can accept (a cheap filter before making ``Token`` objects)
_SLOT_DEPS = frozenset({"pobj", "dobj", "nsubjpass", "compound", "nmod", "amod", "appos", "poss"})


_NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


#: offices named after the district they govern ("the Deputy Commissioner of Tala", "the
#: District Magistrate of Tala", "the Collector of Tala")
_DISTRICT_OFFICES = frozenset({"commissioner", "magistrate", "collector"})
_DISTRICT_OFFICE_MODIFIERS = frozenset({"deputy", "district", "divisional", "additional"})


def _district_office(tok: Any) -> bool:
    if tok.lower_ not in _DISTRICT_OFFICES:
        return False
    return tok.lower_ == "collector" or any(c.lower_ in _DISTRICT_OFFICE_MODIFIERS for c in tok.lefts)


def _resident_slot(tok: Any) -> bool:
    """True when ``tok`` names the place people live in: "Tala residents", "villagers of Tala"."""
    dep, head = tok.dep_, tok.head
    if dep in ("compound", "nmod") and head.lower_ in _RESIDENT_NOUNS and head.i > tok.i:
        return True
    return dep == "pobj" and head.lower_ == "of" and head.head.lower_ in _RESIDENT_NOUNS


def _name_span(doc: Any, tok: Any) -> tuple[int, int] | None:
    """The capitalised name ending at ``tok`` ("Deir ez-Zor", "Khan Younis"), or None.
    Acronyms ("UN", "IDF") are organisations far more often than places."""
    if not tok.is_title or tok.like_num:
        return None
    start = tok.i
    while start > 0 and tok.i - start < 6:
        prev = doc[start - 1]
        if prev.is_title and (prev.pos_ == "PROPN" or (prev.pos_ in ("NOUN", "ADJ") and not prev.is_sent_start)):
            start -= 1
            continue
        if prev.lower_ in _NAME_PARTICLES:
            j = start - 2
            while j >= 0 and start - j < 4 and doc[j].lower_ in _NAME_PARTICLES:
                j -= 1
            if j >= 0 and doc[j].is_title and doc[j].pos_ == "PROPN":
                start = j
                continue
        break
    return start, tok.i + 1


def find_mentions(doc: Any, gaz: Gazetteer) -> list[Mention]:
    """Every place mention of ``doc`` in text order (overlaps resolved, merges done)."""
    table = token_table(doc)
    spans: list[tuple[int, int, bool]] = []
    taken: set[int] = set()
    for start, end in _bracketed_places(doc, gaz) + _dashed_places(doc, gaz):
        if any(i in taken for i in range(start, end)):
            continue
        spans.append((start, end, False))
        taken.update(range(start, end))
    for start, end in _bracket_only_places(doc, gaz, taken) + _cued_runs(doc, taken):
        if any(i in taken for i in range(start, end)):
            continue
        spans.append((start, end, False))
        taken.update(range(start, end))
    for ent in doc_ents(doc):
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ in PLACE_LABELS:
            end = ent.end
            start = ent.start
            # "Zur Maghar town", "Tar Long village": before a place noun, the whole
            # capitalised run is the name even where the recogniser took only its end
            if _cued(doc, ent.end) and doc[ent.end].text != "(":
                run = _name_span(doc, doc[ent.end - 1])
                if run is not None and run[0] < start and not any(i in taken for i in range(run[0], start)):
                    start = run[0]
            # the recogniser may cut a long name ("Dera" + "Ismail Khan", "Mar" + "del
            # Plata"): extend over following capitalised words and name particles when
            # the longer name is in the gazetteer
            for stop in range(min(len(doc), ent.end + 3), ent.end, -1):
                if all(table.is_title[j] or table.lower[j] in _NAME_PARTICLES for j in range(ent.end, stop)) \
                        and table.is_title[stop - 1] and gaz.has(table.span_text(start, stop)):
                    end = stop
                    break
            spans.append((start, end, True))
            taken.update(range(start, end))
        elif ent.label_ in _NOT_PLACES:
            taken.update(range(ent.start, ent.end))
    # Names in place slots the recogniser missed or mislabelled ("shelled Kherson"
    # tagged PERSON, "in Deir ez-Zor province"): taken when the gazetteer knows them
    # by their main name.
    table = token_table(doc)
    deps, low, is_title = table.dep, table.lower, table.is_title
    for i in [i for i, d in enumerate(deps) if d in _SLOT_DEPS]:
        if i in taken:
            continue
        if not is_title[i - 1 if i > 0 and low[i] in _SUFFIX_OR_ADMIN else i]:
            continue  # the name would end at a word that is not title-case: _name_span finds none
        tok = doc[i]
        # where people live: only a whole name ("residents of Tala", not the tail of "Gyan Tala")
        resident = False
        if not _slot(tok):
            if not _resident_slot(tok):
                continue
            resident = True
        end_tok = tok
        if tok.lower_ in _SUFFIX_OR_ADMIN and tok.i > 0:
            end_tok = doc[tok.i - 1]
        found = _name_span(doc, end_tok)
        if found is None:
            continue
        start, end = found
        for s in range(start, end):
            if resident and s > start:
                break
            if any(i in taken for i in range(s, end)):
                continue
            name = doc[s:end].text
            if doc[s].lower_ in _NAME_PARTICLES:
                continue
            # "Trading Center", "Police Department": English words, not towns, unless a
            # place noun follows ("Mobile city")
            if gaz.is_common_word(name) and not _suffixed(doc, end):
                continue
            if _primary_name(gaz, name) or (s == start and end - s >= 2 and not gaz.has(name)
                                             and leading_area(gaz, name)):
                # "at Comilla Tila area": an unknown part of a known district, whole
                spans.append((s, end, False))
                taken.update(range(s, end))
                break
        else:
            # "shelled Verkhnokamianske, Donetsk": a name the gazetteer does not know,
            # placed by the division after it
            area = _area_after_comma(doc, end, gaz)
            if area is not None and not any(i in taken for i in range(start, area[1])) \
                    and doc[start].lower_ not in _NAME_PARTICLES:
                spans.append((start, end, False))
                spans.append(area)
                taken.update(range(start, area[1]))
    spans.extend(_areas_after_places(doc, spans, gaz))
    spans.sort()
    mentions = [m for m in (_mention(doc, s, e, ent, gaz) for s, e, ent in spans) if m]
    # the divisions in "Pune (Pune, Maharashtra)" qualify the place; they are not places of their own
    inside: set[int] = set()
    for m in mentions:
        bracket = _bracket_after(doc, m.end, notes=True) if m.parenthetical else None
        if bracket is not None:
            inside.update(range(m.end, bracket[0]))
    mentions = [m for m in mentions if m.start not in inside]
    return _merge_qualifiers(doc, mentions, gaz)


#: words after a name in brackets that say what kind of unit it is: "(Shwebo district,
#: Sagaing region)", "(Bahri locality, Khartoum state)"
_UNIT_WORDS = ADMIN_NOUNS | PLACE_SUFFIXES | {"sub-district", "subdistrict", "locality", "zone",
                                              "rayon", "raion", "lga", "area", "countryside"}


def unit_name(name: str) -> str:
    """``name`` without a trailing kind of unit: "Shwebo district" -> "Shwebo"."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _UNIT_WORDS:
        words.pop()
    return " ".join(words)


#: a coder's note in brackets, "(coded to district level)", "(coded as Sosnivka)",
#: "(unknown location coded to admin center, Barinitas, ...)": what follows "coded to/as"
_CODED_NOTE = re.compile(r"^(?:[a-z]+\s+){0,3}coded\s+(?:to|as|at)\b\s*(.*)$", re.DOTALL)


def _names_of(inner: str) -> list[str]:
    return [unit_name(n.strip()) for n in inner.split(",") if n.strip()]


def _bracket_after(doc: Any, end: int, notes: bool = False) -> tuple[int, list[str]] | None:
    """``(Oyam, Northern)`` right after token ``end``: (index after the closing bracket, names,
    without the kind of unit: "(Shwebo district, Sagaing region)" gives Shwebo, Sagaing).

    ``notes``: a coder's note in brackets ("Khamir (coded to district level) (Omran)")
    is passed over for the bracket right after it; without one, the note's own names after
    "coded to" ("(coded to Barinitas, Barinas)"), those written as names."""
    if end >= len(doc) or doc[end].text != "(":
        return None
    depth = 0
    for j in range(end + 1, min(len(doc), end + (32 if notes else 16))):
        text = doc[j].text
        if text == "(" and notes:
            depth += 1
        elif text == ")" and depth:
            depth -= 1
        elif text == ")":
            inner = doc[end + 1:j].text
            note = _CODED_NOTE.match(inner) if notes else None
            if note is not None:
                after = _bracket_after(doc, j + 1)
                if after is not None:
                    return after
                inner = re.sub(r"\([^()]*\)", "", note.group(1))
                names = [n.removeprefix("in ") for n in _names_of(inner)]
                names = [n for n in names if n[:1].isupper()]
                return (j + 1, names) if names else None
            if not notes and j - end >= 16:
                return None
            names = _names_of(inner)
            if names and all(n[:1].isupper() for n in names):
                return j + 1, names
            return None
    return None


def _bracketed_places(doc: Any, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Names followed by their divisions in brackets, "Ogbete-Mgbuji (Isi Uzo, Enugu)", as
    ACLED and agency copy write them: a place even when the recogniser calls it an
    organisation, as long as the last bracketed name is a division or country we know."""
    out: list[tuple[int, int]] = []
    for i in [i for i, t in enumerate(token_table(doc).text) if t == "("]:
        if i == 0:
            continue
        tok = doc[i]
        found = _bracket_after(doc, tok.i, notes=True)
        if found is None or not _is_area(gaz, found[1][-1]):
            continue
        end = tok.i
        while end > 0 and doc[end - 1].lower_ in _SUFFIX_OR_ADMIN:
            end -= 1
        span = _name_span(doc, doc[end - 1]) if end > 0 else None
        if span is None:
            continue
        start = span[0]
        while start < end and doc[start].lower_ in ("the", "a"):
            start += 1
        if start < end and _after_locative(doc, start):
            out.append((start, tok.i))
    return out


def suffix_len(doc: Any, i: int) -> int:
    """How many tokens the place noun at token ``i`` takes: 1 for "town", 3 for "sub -
    county" (split by the tokenizer), 0 for none."""
    if i >= len(doc):
        return 0
    low = doc[i].lower_
    if low in _SUFFIX_OR_ADMIN:
        return 1
    if low == "sub" and i + 2 < len(doc) and doc[i + 1].text == "-" and \
            doc[i + 2].lower_ in _SUFFIX_OR_ADMIN:
        return 3
    return 0


_SUFFIX_OR_ADMIN = PLACE_SUFFIXES | ADMIN_NOUNS
#: the lower-case forms a cue of :func:`_cued_runs` can have ("area", or what :func:`suffix_len` accepts)
_CUE_WORDS = _SUFFIX_OR_ADMIN | {"area", "sub"}


_NOT_IN_NAMES = {"ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "NUM", "PUNCT", "VERB"}


def _cued_runs(doc: Any, taken: set[int]) -> list[tuple[int, int]]:
    """Capitalised names before a place noun: "in Tar Long village", "Minakulu sub-county",
    "Sonaimuri upazila". The noun says the whole run is one name, even where the
    recogniser took a part of it or nothing; an unknown name still resolves through the
    areas written after it."""
    out: list[tuple[int, int]] = []
    for i in [i for i, w in enumerate(token_table(doc).lower) if w in _CUE_WORDS]:
        tok = doc[i]
        if not tok.is_lower or tok.i == 0 or not (tok.lower_ == "area" or suffix_len(doc, tok.i)):
            continue
        end = tok.i
        if doc[end - 1].text == "-" and end >= 2:
            continue  # "sub - county" split: the cue is the whole word
        after = end + max(suffix_len(doc, end), 1)
        if after < len(doc) and doc[after].lower_ == "of":
            continue  # "the Syrian city of Aleppo": the name follows
        start = end
        while start > 0 and end - start < 5:
            prev = doc[start - 1]
            if prev.i in taken:
                break
            if prev.is_title and prev.pos_ not in _NOT_IN_NAMES and (not prev.is_sent_start or prev.pos_ == "PROPN"):
                start -= 1
                continue
            if prev.lower_ in _NAME_PARTICLES and (prev.is_title or (
                    start - 1 > 0 and start < end and doc[start - 2].is_title)):
                start -= 1  # "Ar Raqqa", "Deir ez Zor"
                continue
            break
        while start < end and doc[start].lower_ in _NAME_PARTICLES and not doc[start].is_title:
            start += 1
        if start < end and not (end - start == 1 and doc[start].pos_ != "PROPN" and doc[start].is_sent_start):
            out.append((start, end))
    return out


def _area_after_comma(doc: Any, end: int, gaz: Gazetteer) -> tuple[int, int, bool] | None:
    """The span of a division or country right after ", " at token ``end``, if any."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    k = j
    while k < len(doc) and k - j < 4 and (doc[k].is_title or (doc[k].text == "-" and k > j)):
        k += 1
    for stop in range(k, j, -1):
        name = doc[j:stop].text
        if _is_area(gaz, name) or (not gaz.is_common_word(name) and any(
                e.population >= _AFTER_COMMA_MIN_POPULATION for e in gaz.lookup(name, loose=False))):
            return j, stop, False
    return None


def _areas_after_places(doc: Any, spans: list[tuple[int, int, bool]],
                        gaz: Gazetteer) -> list[tuple[int, int, bool]]:
    """The division after a place and a comma that no span holds yet ("near Sosnivka, Volyn",
    where the recogniser called the division a person or an organisation): the
    place's area, read as its qualifier."""
    held = {i for s, e, _ in spans for i in range(s, e)}
    out: list[tuple[int, int, bool]] = []
    for start, end, _ in spans:
        if any(t.text in ("-", "\u2013") and t.whitespace_ and doc[t.i - 1].whitespace_ for t in doc[start:end]):
            continue  # "City - District": placed by its city already
        area = _area_after_comma(doc, end, gaz)
        if area is None or any(i in held for i in range(area[0], area[1])):
            continue
        if not _is_area(gaz, doc[area[0]:area[1]].text):
            continue
        # the whole name only ("Al" of "Al Mansura" is no division), and not inside brackets,
        # which the place's own reading of brackets handles
        if area[1] < len(doc) and (doc[area[1]].is_title or doc[area[1]].text == ")"):
            continue
        out.append(area)
        held.update(range(area[0], area[1]))
    return out


#: a town after "X Hospital, " places X when it is this big ("Gangaram Hospital, Lahore")
_AFTER_COMMA_MIN_POPULATION = 100_000


def _suffixed(doc: Any, end: int) -> bool:
    """True when a place noun in lower case follows token ``end``: "Mobile city", not
    "Police Department"."""
    return suffix_len(doc, end) > 0 and doc[end].is_lower


def _cued(doc: Any, end: int) -> bool:
    """True when a place noun or a bracket of divisions follows token ``end``: "Mobile city"."""
    return suffix_len(doc, end) > 0 or (end < len(doc) and doc[end].text == "(")


def _dashed_places(doc: Any, gaz: Gazetteer) -> list[tuple[int, int]]:
    """"City - District" names, as agency and ACLED copy write a part of a city ("Lima -
    Miraflores"): the whole is one mention, read as the district inside the city."""
    out: list[tuple[int, int]] = []
    for i in [i for i, t in enumerate(token_table(doc).text) if t in ("-", "\u2013")]:
        tok = doc[i]
        if tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        if not doc[tok.i - 1].whitespace_ or not tok.whitespace_:
            continue
        left = _name_span(doc, doc[tok.i - 1])
        if left is None or not gaz.has(doc[left[0]:left[1]].text):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 5 and (
                doc[end].is_title or (doc[end].lower_ in _NAME_PARTICLES and end > tok.i + 1)
                or (doc[end].text == "." and doc[end - 1].is_title and len(doc[end - 1]) == 1)):
            end += 1
        while end > tok.i + 1 and not doc[end - 1].is_title:
            end -= 1
        if end == tok.i + 1:
            continue
        # "the Banos - Puyo highway": a road between two places, not a part of one
        if end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].is_lower:
            continue
        out.append((left[0], end))
    return out


def _bracket_only_places(doc: Any, gaz: Gazetteer, taken: set[int]) -> list[tuple[int, int]]:
    """A place given only in brackets after a building or a body: "outside the town hall
    (Wonju)", "at the State Capitol (Boise, Idaho)". The first bracketed name is the
    mention; it is taken when it is a division or a town the gazetteer knows by that name,
    and not an English word."""
    out: list[tuple[int, int]] = []
    for i in [i for i, t in enumerate(token_table(doc).text) if t == "("]:
        tok = doc[i]
        if tok.i == 0 or tok.i + 1 in taken or tok.i - 1 in taken:
            continue
        found = _bracket_after(doc, tok.i)
        if found is None or doc[tok.i - 1].is_punct:
            continue
        names = found[1]
        end = tok.i + 1
        while end < found[0] - 1 and doc[end].text not in (",", ")"):
            end += 1
        first = doc[tok.i + 1:end]
        if gaz.is_common_word(names[0]) or not all(t.is_title or t.lower_ in _NAME_PARTICLES | _UNIT_WORDS
                                                   or t.text in ("-", ".") for t in first):
            continue
        if _is_area(gaz, names[-1]) or _primary_name(gaz, names[0]):
            # a trailing kind of unit stays out of the name: "(Sindhupalchok district)"
            while end - 1 > tok.i + 1 and doc[end - 1].lower_ in _UNIT_WORDS:
                end -= 1
            out.append((tok.i + 1, end))
    return out


def _after_locative(doc: Any, i: int) -> bool:
    """True when the words before token ``i`` place something: "in", "near the", "city of"."""
    j = i - 1
    while j >= 0 and (doc[j].lower_ == "the" or direction_of(doc[j].text) or doc[j].text == "-"):
        j -= 1
    if j < 0:
        return False
    word = doc[j].lower_
    if word == "of":
        return j > 0 and (doc[j - 1].lower_ in _SETTLEMENT_NOUNS or doc[j - 1].lower_ in DIRECTION_NOUNS
                          or doc[j - 1].lower_ in ("outskirts", "coast"))
    return word in LOCATIVE_PREPS - WEAK_PREPS


#: the nouns of a country's diplomatic mission abroad ("the X embassy", "the X consulate")
_MISSION_NOUNS = frozenset({"embassy", "embassies", "consulate", "consulates", "chancery"})


def _foreign_mission(doc: Any, end: int) -> bool:
    """The words at ``end`` name a diplomatic mission: "embassy", "consulate" (also
    "consulate general"), "high commission"."""
    if end >= len(doc):
        return False
    word = doc[end].lower_
    if word in _MISSION_NOUNS:
        return True
    return word == "high" and end + 1 < len(doc) and doc[end + 1].lower_ in ("commission", "commissions")


#: nouns of an armed force or its strike that a country's name before them makes the
#: attacker's ("a US drone strike", "Afghan forces"), not the scene
_FORCE_NOUNS = frozenset({
    "drone", "drones", "strike", "strikes", "airstrike", "airstrikes", "air-strike", "air-strikes",
    "forces", "troops", "soldiers", "military", "army", "warplanes", "jets", "missile", "missiles",
    "aircraft", "helicopter", "helicopters", "navy",
})


def foreign_name(doc: Any, end: int) -> bool:
    """A country's name ending before ``end`` names a body of that country rather than a
    scene: its mission abroad ("the X embassy") or its armed force ("an X drone strike")."""
    return _foreign_mission(doc, end) or (end < len(doc) and doc[end].lower_ in _FORCE_NOUNS)


def _mention(doc: Any, start: int, end: int, from_entity: bool, gaz: Gazetteer) -> Mention | None:
    whole = slice_span(doc, start, end)
    # the text of a non-empty token range, cut as spaCy's ``Span.text`` gives it
    table = token_table(doc)
    cut = table.span_text
    words = doc_tokens(doc)[whole.start : whole.end]
    # strip a leading article and direction words inside the entity ("the southern Gaza Strip")
    direction = None
    while words and words[0].lower_ in ("the", "a"):
        words = words[1:]
    # the possessive first: "South Korea's" is checked as "South Korea"
    while words and words[-1].text in ("'s", "\u2019s", ",", "."):
        words = words[:-1]
    # "South Sudan", "West Bank", "North Kivu" are names; "southern Gaza Strip" is a part
    if len(words) > 1 and direction_of(words[0].text) and not (words[0].is_title and gaz.has(
            cut(words[0].i, words[-1].i + 1))):
        direction = direction_of(words[0].text)
        words = words[1:]
    while words and words[-1].text in ("'s", "\u2019s", ",", "."):
        words = words[:-1]
    if not words:
        return None
    first = words[0].i
    words, outer_areas = _inner_place(doc, words, gaz)
    if words[0].i != first and not outer_areas:
        start = words[0].i  # "Simara of Bara district": the mention is the district
    name = cut(words[0].i, words[-1].i + 1)
    m_start = start
    # a direction word just before the entity: "southern Israel", "north-western Syria"
    # (a name begins with a capital: "in south Lebanon" is a part of Lebanon, not the
    # Ohio village of South Lebanon)
    if start > 0 and table.is_title[start - 1] and direction_of(table.text[start - 1]) \
            and gaz.has(cut(start - 1, end)):
        # the recogniser left the direction word out of a name ("North" + "Kivu")
        name, start = cut(start - 1, words[-1].i + 1), start - 1
        m_start = start
    if direction is None and start > 0 and direction_of(table.text[start - 1]):
        direction, m_start = direction_of(table.text[start - 1]), start - 1
        if start >= 3 and table.text[start - 2] == "-" and direction_of(table.text[start - 3]):
            direction = direction_of(table.text[start - 3] + table.text[start - 1]) or direction
            m_start = start - 3
    m_end = end
    admin_hint = False
    if end < len(doc) and table.lower[end] in ADMIN_NOUNS:
        admin_hint = True
        m_end = end + 1
    elif words[-1].lower_ in ADMIN_NOUNS and len(words) > 1:
        admin_hint = True
        name = cut(words[0].i, words[-1].i)
    if end < len(doc) and table.lower[end] in PLACE_SUFFIXES:
        m_end = end + 1
    elif suffix_len(doc, end) == 3:
        m_end = end + 3  # "Minakulu sub-county"
    elif words[-1].lower_ in PLACE_SUFFIXES and len(words) > 1:
        name = cut(words[0].i, words[-1].i)  # "Pune city": the city is Pune
    bracket = _bracket_after(doc, m_end, notes=True)
    parenthetical = bracket[1] if bracket else []
    if not parenthetical and start > 0 and table.text[start - 1] == "(":
        # the first name of "(Boise, Idaho)": the others are its areas
        inner = _bracket_after(doc, start - 1)
        parenthetical = inner[1][1:] if inner else []
    dash = next((t for t in words[1:-1] if t.text in ("-", "\u2013") and t.whitespace_
                 and table.ws[t.i - 1]), None)
    if dash is not None:
        # "Lima - Miraflores": the district, read inside the city named first
        city = cut(words[0].i, dash.i)
        name = cut(dash.i + 1, words[-1].i + 1)
        parenthetical = [city, *parenthetical]
    # a place noun in lower case ("Mobile city"), not a title ("Police Department")
    cued = bool(parenthetical) or (m_end > end and doc[end].is_lower) or (
        len(words) > 1 and words[-1].is_lower and words[-1].lower_ in _SUFFIX_OR_ADMIN)
    near = False
    # "30 km north of Baghdad": the bearing names a neighbourhood of the place
    if start >= 2 and table.lower[start - 1] == "of" and table.lower[start - 2] in DIRECTION_NOUNS | {"outskirts"}:
        near = True
        direction = None
        m_start = start - 2
        if m_start >= 2 and table.lower[m_start - 1] in ("km", "kilometres", "kilometers", "miles"):
            m_start -= 2 if doc[m_start - 2].like_num else 1
    if foreign_name(doc, end) and any(e.kind == "country" for e in gaz.lookup(name)):
        # "the U.S. embassy", "the Indian high commission": a country's mission stands in
        # another country, and "a US drone strike" names the attacker; the name places
        # nothing (the mission's seat or the strike's place, if named, does)
        return None
    head = whole.root if words[0].i == first else slice_span(doc, words[0].i, words[-1].i + 1).root
    role, prep = _role(head)
    text = cut(m_start, m_end)
    return Mention(text=text, name=name, start=m_start, end=m_end, head=head,
                   sent_start=sentence_of(head).start, role=role, prep=prep, direction=direction,
                   near=near, admin_hint=admin_hint, from_entity=from_entity,
                   qualifiers=[n for k, n in enumerate(parenthetical)
                               if _is_area(gaz, n) or (dash is not None and k == 0)] + outer_areas,
                   parenthetical=parenthetical, cued=cued)


def _inner_place(doc: Any, words: list[Any], gaz: Gazetteer) -> tuple[list[Any], list[str]]:
    """One entity that names a place and its area: "Manipur's Imphal East" is Imphal East,
    qualified by Manipur; "Simara of Bara" (a village the gazetteer does not know, of a
    district it knows) is Bara. Returns the words of the place and the areas that qualify it."""
    if len(words) < 3 or gaz.has(doc[words[0].i:words[-1].i + 1].text):
        return words, []
    for k in range(1, len(words) - 1):
        if words[k].text in ("'s", "\u2019s"):
            before = doc[words[0].i:words[k].i].text
            if _is_area(gaz, before):
                return words[k + 1:], [before]
            return words, []
        if words[k].lower_ == "of" and words[k - 1].is_title and words[k + 1].is_title:
            after = doc[words[k + 1].i:words[-1].i + 1].text
            if _is_area(gaz, after) and not gaz.has(doc[words[0].i:words[k].i].text):
                return words[k + 1:], []
            return words, []
    return words, []


#: words between a place and the area that contains it: "Paris, Texas", "Beit Lahia, in the
#: northern Gaza Strip", "Kiryat Shmona in northern Israel"
_CONTAINER_GLUE = {",", ", in", "in", ", in the", "in the"}
#: a place, then a village or quarter the recogniser did not take, then the area of both
_VILLAGE_IN = re.compile(r"^,(?: [A-Z][\w'-]*){1,3},? in(?: the)?$")


def _merge_qualifiers(doc: Any, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Fold "Paris, Texas" and "Nigeria's Borno state" into one qualified mention."""
    out: list[Mention] = []
    skip: set[int] = set()
    table = token_table(doc)

    def text_of(start: int, end: int) -> str:
        # ``doc[start:end].text`` from the token table (an empty or reversed range: "")
        start, end = max(0, start), min(end, len(table.text))
        return table.span_text(start, end) if end > start else ""

    for k, m in enumerate(mentions):
        if k in skip:
            continue
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt is not None and nxt.sent_start == m.sent_start:
            between = text_of(m.end, nxt.start).strip()
            if between in _CONTAINER_GLUE and _is_area(gaz, nxt.name) and not _is_area_of_same(
                    gaz, m.name, nxt.name):
                # "Paris, Texas": the second names the area of the first
                m.qualifiers.append(nxt.name)
                m.text = text_of(m.start, nxt.end)
                m.end = nxt.end
                skip.add(k + 1)
            elif _VILLAGE_IN.match(between) and _is_area(gaz, nxt.name):
                # "Badan, Zzyq in Bajaur": a place, the village or area it is in, and the
                # district both are in; the district stays a mention of its own
                m.qualifiers.append(nxt.name)
            elif between in ("'s", "\u2019s") or (table.text[m.end - 1] in ("'s", "\u2019s") and not between) or (
                    m.head.dep_ == "poss" and nxt.start <= m.head.head.i < nxt.end
                    and not _is_area_of_same(gaz, m.name, nxt.name)):
                # "Nigeria's Borno state": the first names the area of the second
                nxt.qualifiers.append(m.name)
                nxt.text = text_of(m.start, nxt.end)
                nxt.start = m.start
                out.append(nxt)
                skip.add(k + 1)
                continue
        out.append(m)
    # demonyms before settlement nouns: "the Syrian city of Aleppo", "Syrian town of X"
    for m in out:
        for j in range(max(0, m.start - 5), m.start):
            iso3 = gaz.demonyms.get(normalise(table.text[j]))
            if iso3 and table.lower[j + 1] in _SETTLEMENT_NOUNS | {"northern", "southern", "eastern", "western", "central"}:
                m.qualifiers.append(iso3)
    return out


#: a place known only by an alternate spelling must be this big to be taken outside entities
_ALTERNATE_MIN_POPULATION = 10_000


def _primary_name(gaz: Gazetteer, name: str) -> bool:
    """True when ``name`` is the main name of a place, or another spelling of a sizeable
    one: the test for names the entity recogniser did not call places."""
    key = normalise(name)
    return any(normalise(e.name) == key or e.kind in ("country", "region", "admin1")
               or e.population >= _ALTERNATE_MIN_POPULATION for e in gaz.lookup(name))


#: words of the names of bodies and buildings, after which the first words are no area of a place
_BODY_WORDS = frozenset({
    "institute", "university", "college", "school", "academy", "hospital", "bank", "company",
    "corporation", "group", "club", "party", "association", "union", "council", "society",
    "foundation", "trust", "ltd", "limited", "industries", "mills", "press", "house", "hotel",
    "mall", "centre", "center", "stadium", "airport", "station", "road", "street", "highway",
})
#: a town whose name begins an unknown name must be this big for the name to be read as a part of it
LEADING_TOWN_MIN_POPULATION = 100_000


def leading_area(gaz: Gazetteer, name: str) -> list[Any]:
    """The readings of the first words of a name the gazetteer does not know, where they name a
    division or a sizeable town by its own name ("Comilla Tila", "Kashmir Valley": a part of
    Comilla, of Kashmir); else []."""
    words = name.split()
    if any(w.lower() in _BODY_WORDS for w in words[1:]):
        return []  # "the Tata Institute": a body named after a person or a firm as often as a place
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])
        if not head[:1].isupper() or len(head) < 4 or gaz.is_common_word(head):
            continue
        key = normalise(head)
        found = [e for e in gaz.lookup(head, loose=False) if normalise(e.name) == key and (
            e.kind in ("admin1", "admin2", "region")
            or (e.kind == "city" and e.population >= LEADING_TOWN_MIN_POPULATION))]
        if found:
            return found
    return []


def _is_area(gaz: Gazetteer, name: str) -> bool:
    return any(e.kind in ("country", "admin1", "admin2", "region") for e in gaz.lookup(name))


def _is_area_of_same(gaz: Gazetteer, first: str, second: str) -> bool:
    """True for two peers ("Kano, Kaduna") rather than place and area ("Kano, Nigeria")."""
    a = gaz.lookup(first)
    return bool(a) and all(e.kind == "country" for e in a) and all(
        e.kind == "country" for e in gaz.lookup(second))
