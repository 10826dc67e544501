"""The coder's lexicons, read once from ``khaldun/data/lexicon/``.

- ``verbs.tsv``: verb lemma + cue conditions -> CAMEO code.
- ``nouns.tsv``: event nouns ("attack", "talks") -> CAMEO code.
- ``light_verbs.txt``: verbs that take their meaning from their object noun.
- ``modes.tsv``: weapons and methods -> PLOVER mode and a refined CAMEO code.
- ``attribution.tsv``: reporting, claim, denial, future and hypothetical words.

Matching is by hash lookup on lemmas; no regular expressions run on text.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khaldun.errors import DataError
from khaldun.nlp.views import child_indices, doc_memo, token_table
from khaldun.resources import data_lines, register_cache

OBJ_DEPS = {"dobj", "obj"}
_MATCH_VERB = ("lexicon", "match_verb")
GENERIC_EVENT_NOUNS = {"effort", "mission", "campaign", "bid", "operation", "wave", "series", "round", "spate", "action"}
PASSIVE_SUBJ = {"nsubjpass", "nsubj:pass"}


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str  # obj, prep, prt, xcomp, comp, passive, neg
    values: frozenset[str]


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str
    cues: tuple[Cue, ...]
    cameo: str
    order: int
    reverse: bool = False
    """roles swap: "received weapons from X" -> X gives, the subject receives"""

    @property
    def specificity(self) -> float:
        # more conditions win; a two-word object ("humanitarian aid") beats a one-word one
        return len(self.cues) + (0.5 if any(" " in v for c in self.cues for v in c.values) else 0.0)


def _lines(name: str) -> list[str]:
    return data_lines("lexicon", name)


def _parse_cues(raw: str, where: str) -> tuple[Cue, ...]:
    if raw.strip() in ("", "-"):
        return ()
    cues = []
    for part in raw.split(","):
        part = part.strip()
        if part in ("passive", "neg"):
            cues.append(Cue(part, frozenset()))
            continue
        kind, _, vals = part.partition("=")
        if kind not in {"obj", "prep", "pobj", "prt", "xcomp", "comp", "clause"} or not vals:
            raise DataError(f"{where}: bad cue {part!r}")
        cues.append(Cue(kind, frozenset(v.strip().lower() for v in vals.split("|"))))
    return tuple(cues)


def _children_lemmas(tok: Any, deps: set[str]) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in deps}


#: participles of reduced relatives ("weapons believed to belong to", "a cache thought to be")
RAISING_PARTICIPLES = frozenset({"believe", "think", "say", "suspect", "estimate", "report", "allege", "know", "presume"})


def object_tokens(tok: Any) -> list[Any]:
    """Direct objects of a verb, or its passive subject, with their conjuncts."""
    # the children's labels from the token and child tables (asked for most triggers and
    # candidates): Token objects only for the objects
    doc = tok.doc
    dep = token_table(doc).dep
    out = []
    for i in child_indices(doc)[tok.i]:
        if dep[i] in OBJ_DEPS or dep[i] in PASSIVE_SUBJ:
            c = doc[i]
            out.append(c)
            out.extend(c.conjuncts)
        elif (dep[i] == "ccomp" and i > tok.i and (c := doc[i]).lemma_.lower() in RAISING_PARTICIPLES
              and not any(g.dep_ in ("aux", "auxpass") for g in c.children)
              and any(g.dep_ == "xcomp" and any(a.lower_ == "to" for a in g.children) for g in c.children)):
            # a reduced relative the parser took for a clause: "found ammunition believed to
            # belong to the group" (the object is the participle's subject)
            for g in c.children:
                if g.dep_ == "nsubj" and tok.i < g.i < c.i:
                    out.append(g)
                    out.extend(g.conjuncts)
    return out


#: complements spaCy reads as adverbs when they come before the object ("set ablaze a bus")
PREDICATIVE_ADVERBS = frozenset({"ablaze", "afire", "alight", "aflame"})


def complement_lemmas(tok: Any) -> set[str]:
    """Predicative complements: "held captive", "remained on alert", "called X glorious"."""
    found = set()
    for c in tok.children:
        if c.dep_ in {"acomp", "oprd", "attr", "ccomp", "xcomp"} and c.pos_ in {"ADJ", "NOUN", "ADV"}:
            found.add(c.lemma_.lower())
        elif c.dep_ in ("advmod", "prt") and c.lower_ in PREDICATIVE_ADVERBS:
            # "set ablaze a motorcycle": before the object spaCy makes the complement an adverb or a particle
            found.add(c.lower_)
        if c.dep_ in {"prep", "dobj"}:
            for g in c.children:
                if g.dep_ in {"pobj", "oprd", "amod", "acomp"} and g.pos_ in {"ADJ", "NOUN"}:
                    found.add(g.lemma_.lower())
        if c.dep_ == "prep" and c.lower_ in {"on", "in"}:
            found.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
    return found


#: nouns that measure out their "of" object: a cue on the object holds through them
QUANTITY_HEADS = frozenset({
    "amount", "quantity", "number", "lot", "cache", "stash", "haul", "cargo", "consignment", "container",
    "canister", "cylinder", "box", "crate", "sack", "bag", "kilogram", "kg", "ton", "tonne", "pile", "stockpile",
    "batch", "load", "shipment", "truckload", "dozen", "hundred", "thousand", "total",
})


def _cue_holds(cue: Cue, tok: Any) -> bool:
    if "*" in cue.values:
        if cue.kind == "obj":
            return bool(object_tokens(tok))
        if cue.kind == "xcomp":
            return any(c.dep_ == "xcomp" for c in tok.children)
        if cue.kind == "comp":
            return any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        if cue.kind == "clause":
            # a clausal complement with a subject of its own: "wants Putin to attack"
            return any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in tok.children)
    if cue.kind == "obj":
        for o in object_tokens(tok):
            if o.lemma_.lower() in cue.values or o.lower_ in cue.values:
                return True
            # two-word objects: "humanitarian aid", "peace talks"
            if any(f"{c.lemma_.lower()} {o.lemma_.lower()}" in cue.values for c in o.children if c.dep_ in ("amod", "compound")):
                return True
            # a quantity of the object: "a large amount of ammunition", "containers of chlorine"
            if o.lemma_.lower() in QUANTITY_HEADS and any(
                    g.dep_ == "pobj" and (g.lemma_.lower() in cue.values or any(
                        m.dep_ in ("amod", "compound") and m.lemma_.lower() in cue.values for m in g.children))
                    for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children):
                return True
        return False
    if cue.kind == "prep":
        if _children_lemmas(tok, {"prep", "prt", "agent"}) & cue.values:
            return True
        # "received assurances from the government": the preposition hangs off the object
        return any(_children_lemmas(o, {"prep"}) & cue.values for o in object_tokens(tok))
    if cue.kind == "pobj":
        # "taken into custody", "sent to jail": the object of a preposition of the verb
        # (spaCy makes "to" a dative: "sent to police custody")
        return any(g.dep_ == "pobj" and g.lemma_.lower() in cue.values
                   for c in tok.children if c.dep_ in ("prep", "dative") for g in c.children)
    if cue.kind == "prt":
        return bool(_children_lemmas(tok, {"prt"}) & cue.values)
    if cue.kind == "xcomp":
        return bool(_children_lemmas(tok, {"xcomp"}) & cue.values)
    if cue.kind == "comp":
        return bool(complement_lemmas(tok) & cue.values)
    if cue.kind == "passive":
        return any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in tok.children)
    if cue.kind == "neg":
        return any(c.dep_ == "neg" for c in tok.children)
    return False


#: (lemma, lower-cased word) -> (lexicon, :meth:`Lexicon.verb_lemma`) for lemmas no verb row
#: has: the same few hundred words recur in every document (a pure function of the pair
#: for one lexicon, which the entry names: another lexicon recomputes its own)
_INFLECTED: dict[tuple[str, str], tuple[Any, str]] = {}
_INFLECTED_LIMIT = 100_000


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[VerbEntry, ...]]
    nouns: dict[str, str]
    light_verbs: frozenset[str]
    modes: dict[str, tuple[str, str]]
    attribution: dict[str, frozenset[str]]
    derived: dict[str, dict[str, str]]
    agent_modes: frozenset[str] = frozenset()
    """weapon words that name people ("gunmen"): a mode, and also an actor"""

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Lexicon:
        verbs: dict[str, list[VerbEntry]] = defaultdict(list)
        for i, row in enumerate(csv.DictReader(_lines("verbs.tsv"), delimiter="\t")):
            where = f"verbs.tsv row {i + 2}"
            lemma = row["lemma"].strip().lower()
            roles = (row.get("roles") or "").strip()
            if roles not in ("", "reverse"):
                raise DataError(f"{where}: unknown roles {roles!r}")
            verbs[lemma].append(VerbEntry(lemma, _parse_cues(row["cue"], where), row["cameo"].strip(), i, roles == "reverse"))
        nouns = {r["lemma"].strip().lower(): r["cameo"].strip() for r in csv.DictReader(_lines("nouns.tsv"), delimiter="\t")}
        light = frozenset(ln.strip().lower() for ln in _lines("light_verbs.txt"))
        modes = {}
        agents = set()
        for row in csv.reader(_lines("modes.tsv"), delimiter="\t"):
            modes[row[0].strip().lower()] = (row[1].strip(), row[2].strip())
            if len(row) > 3 and row[3].strip() == "agent":
                agents.add(row[0].strip().lower())
        attribution: dict[str, set[str]] = defaultdict(set)
        for r in csv.DictReader(_lines("attribution.tsv"), delimiter="\t"):
            attribution[r["kind"].strip()].add(r["word"].strip().lower())
        derived: dict[str, dict[str, str]] = defaultdict(dict)
        for r in csv.DictReader(_lines("derived_codes.tsv"), delimiter="\t"):
            derived[r["family"].strip()][r["inner"].strip()] = r["code"].strip()
        ordered = {
            k: tuple(sorted(v, key=lambda e: (-e.specificity, e.order))) for k, v in verbs.items()
        }
        return cls(ordered, nouns, light, modes, {k: frozenset(v) for k, v in attribution.items()}, dict(derived), frozenset(agents))

    def derive(self, family: str, inner: str) -> str | None:
        """The code of a statement of ``family`` (intent, threat, reject, appeal, demand) about ``inner``."""
        table = self.derived.get(family, {})
        for n in range(len(inner), 0, -1):
            hit = table.get(inner[:n])
            if hit:
                return hit
        return None

    def words(self, kind: str) -> frozenset[str]:
        return self.attribution.get(kind, frozenset())

    def verb_lemma(self, tok: Any) -> str:
        """The lexicon's lemma for a verb token.

        spaCy's rule lemmatizer sometimes strips too much ("staged" -> "stag");
        when its lemma is unknown, regular inflections of the word are tried.
        """
        # read from the document's token table: asked several times for most verbs
        table, i = token_table(tok.doc), tok.i
        lemma = table.lemma[i].lower()
        if lemma in self.verbs or lemma in self.light_verbs:
            return lemma
        w = table.lower[i]
        key = (lemma, w)
        found = _INFLECTED.get(key)
        if found is None or found[0] is not self:
            if len(_INFLECTED) >= _INFLECTED_LIMIT:
                _INFLECTED.clear()
            found = _INFLECTED[key] = (self, self._inflected(lemma, w))
        return found[1]

    def _inflected(self, lemma: str, w: str) -> str:
        """:meth:`verb_lemma` for a lemma the lexicon does not know: the first regular
        inflection of the word ``w`` that it knows, else the lemma."""
        candidates = []
        if w.endswith("ied"):
            candidates.append(w[:-3] + "y")
        if w.endswith("ed"):
            candidates += [w[:-1], w[:-2], w[:-3]]
        if w.endswith("ing"):
            candidates += [w[:-3], w[:-3] + "e", w[:-4]]
        if w.endswith("es"):
            candidates += [w[:-2], w[:-1]]
        elif w.endswith("s"):
            candidates.append(w[:-1])
        for c in candidates:
            if c in self.verbs or c in self.light_verbs:
                return c
        return lemma

    def match_verb(self, tok: Any) -> VerbEntry | None:
        """The most specific lexicon row whose cues hold for verb ``tok``."""
        # asked several times for most verbs (readings, complements, the coder): once per
        # token and document (the answer depends on the token's parse and this lexicon only)
        memo = doc_memo(tok.doc)
        key = (_MATCH_VERB, tok.i)
        found = memo.get(key)
        if found is None or found[0] is not self:
            found = memo[key] = (self, self._match_verb(tok))
        return found[1]  # type: ignore[no-any-return]

    def _match_verb(self, tok: Any) -> VerbEntry | None:
        """:meth:`match_verb`, read from the parse."""
        for entry in self.verbs.get(self.verb_lemma(tok), ()):
            if all(_cue_holds(c, tok) for c in entry.cues):
                return entry
        return None

    def event_noun(self, tok: Any) -> str | None:
        """CAMEO code of an event noun ("attack", "air strike"), else None."""
        return self.event_noun_at(tok.doc, tok.i)

    def event_noun_at(self, doc: Any, i: int) -> str | None:
        """:meth:`event_noun` of token ``i`` of ``doc``, with no ``Token`` object made."""
        # read from the document's token table (children in order, as ``tok.children`` gives
        # them): this runs on most nouns of every sentence
        table = token_table(doc)
        lemmas, low, dep = table.lemma, table.lower, table.dep
        lemma = lemmas[i].lower()
        if i >= 2 and table.text[i - 1] == "-" and not table.ws[i - 1]:
            # the tokenizer splits hyphenated nouns: "sit-in", "lathi-charge"
            first = low[i - 2]
            # "sit-in"; the plural "shoot-outs" by its lemma; "shoot-out" written "shootout"
            for joined in (f"{first}-{low[i]}", f"{first}-{lemma}", f"{first}{lemma}"):
                if joined in self.nouns:
                    return self.nouns[joined]
        kids = child_indices(doc)
        for c in kids[i]:
            if dep[c] in ("compound", "amod"):
                two = f"{lemmas[c].lower()} {lemma}"
                if two in self.nouns:
                    return self.nouns[two]
                if two in self.modes and lemma in self.nouns:
                    return self.modes[two][1]
                if lemma in GENERIC_EVENT_NOUNS and lemmas[c].lower() in self.nouns:
                    # "a mediation effort", "a peace mission", "a bombing campaign"
                    return self.nouns[lemmas[c].lower()]
        if lemma in GENERIC_EVENT_NOUNS:
            for c in kids[i]:
                if dep[c] == "prep" and low[c] == "of":
                    for g in kids[c]:
                        if dep[g] == "pobj" and lemmas[g].lower() in self.nouns:
                            return self.nouns[lemmas[g].lower()]
        return self.nouns.get(lemma)

    def mode_of(self, tokens: Any, *, plain: bool = False) -> tuple[str, str] | None:
        """The weapon/method named among ``tokens``: (PLOVER mode, CAMEO code).

        ``plain`` selects the modes that refine no CAMEO code (disrupted weapons
        use, a base established) instead of the weapons of an attack.
        """
        best: tuple[str, str] | None = None
        prev = ""
        for t in tokens:
            lemma = t.lemma_.lower()
            two = f"{prev} {lemma}" if prev else ""
            hit = self.modes.get(two) or self.modes.get(lemma) or self.modes.get(t.lower_)
            if hit and bool(hit[1]) == plain:
                hit = None
            if hit and (best is None or two in self.modes or (hit[0] == "aerial" and best[0] == "heavy-weapons" and _launcher(t))):
                # missiles or rockets fired by jets, helicopters or drones are an air strike (ACLED's
                # air/drone strike): the aircraft that fires outranks the munition it fires
                best = hit
            prev = lemma
        return best


def _launcher(tok: Any) -> bool:
    """The token names who fires, not what is hit: the subject, or the object of "by"/"from"
    ("Israeli jets fired", "fired by jets", "launched from a drone"), or a word on either."""
    t = tok.head if tok.dep_ in ("compound", "amod") else tok
    return t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ in ("by", "from"))


register_cache(Lexicon.default)
