"""What a number counts: killed, injured, arrested, abducted or a crowd.

Each :class:`~khaldun.counts.phrases.NumberPhrase` is read through the parse,
in this order (the first rule that says something wins):

1. the word counted is itself a cue: "5 dead", "20 wounded", "12 deaths",
   "dozens of bodies"; "casualties" is ambiguous and counts in nothing;
2. a container around it: "a crowd of 5,000", "the bodies of 7",
   "a death toll of 40", "claimed the lives of 12"; "a group of",
   "a total of" are transparent;
3. its role under a verb: the object of an active or the subject of a passive
   victim verb ("killing 12", "40 were detained"), the subject of "die",
   "lose their lives" or a crowd verb ("5,000 marched"), "took 12 hostage",
   "held captive", "the death toll rose to 40";
4. a participle or relative clause on it: "12 people killed in the attack";
5. a weak noun: "120 hostages", "thousands of protesters".

The active subject of a victim verb ("two gunmen killed ...") is never a
victim. Coordinated phrases share the role of the first ("five soldiers and
two civilians were killed"); phrases under "including"/"among" are parts of
another count. A verb joined to another by "or" ("killing or wounding 50")
makes the number ambiguous.

Victims named without a number count one ("a man was killed", "killed the
deputy chief", "a prisoner died"); "no one was killed" counts zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khaldun.counts.lexicon import AMBIGUOUS, lexicon
from khaldun.counts.phrases import NumberPhrase, number_phrases
from khaldun.nlp.views import of_object, token_table
from khaldun.resources import register_cache, word_list

#: dependency labels of a number that modifies the noun it counts
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "det", "npadvmod"})
#: containers that pass their role on to what they contain ("a total of 40 ...")
TRANSPARENT = frozenset({"group", "total", "number", "batch", "contingent", "minimum", "maximum", "estimate"})  # fmt: skip
#: containers that are counted people themselves: "claimed the lives of 12"
LIFE_WORDS = frozenset({"life"})
TOLL_WORDS = frozenset({"toll"})
TALLY_WORDS = frozenset({"number", "tally", "count", "figure", "total"})
#: markers that turn "take"/"hold" into hostage taking
HOSTAGE_MARKERS = frozenset({"hostage", "hostages", "captive", "captives", "prisoner", "prisoners"})
PART_PREPOSITIONS = frozenset({"including", "among", "excluding"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
#: heads under which a killing or an arrest did not (yet) happen: "attempted to assassinate"
UNREALISED_HEADS = frozenset({
    "attempt", "try", "plan", "threaten", "vow", "seek", "want", "intend", "fail", "aim", "plot",
    "conspire", "order", "call", "urge", "demand", "warn", "promise", "pledge", "refuse", "deny",
})  # fmt: skip
#: singular objects of "killed", "hurt", "arrested" that are not one person
#: (khaldun/data/lexicon/non_person_nouns.txt)
NON_PERSON = word_list("non_person_nouns.txt")
NON_PERSON_ENTS = frozenset({"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "DATE", "TIME", "MONEY"})  # fmt: skip
SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "her"})
ZERO_WORDS = frozenset({"nobody", "none"})
#: verbs whose subject is a crowd when their object is one of CROWD_OBJECTS
SPECIAL_VERBS = frozenset({"take", "go", "stage", "hold", "join", "walk", "stop", "begin", "start", "launch", "block", "occupy", "mount", "observe", "lead"})  # fmt: skip
CROWD_OBJECTS = frozenset({
    "protest", "demonstration", "rally", "march", "strike", "sit-in", "vigil", "walkout",
    "boycott", "gathering", "part", "street", "road", "highway", "work",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    """A count of people of one category, read from one place in a sentence."""

    category: str
    value: int
    qualifier: str
    text: str
    start: int
    """document index of the first token of ``text``"""
    end: int
    """document index after the head noun (used to span summed counts)"""
    predicate: int | None
    """document index of the word that says what is counted ("killed", "toll")"""
    clause: int
    """document index of the verb of the clause the count sits in"""
    key: tuple[int, int]
    """mentions sharing a key are coordinated parts of one count and are summed"""
    part: bool = False
    """inside "including ..." or "among ...": a part of a larger count"""


def clause_verb(tok: Any) -> Any:
    """The nearest verb at or above ``tok`` (the root when there is none)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _lemma(tok: Any) -> str:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma in _known_verbs():
        return lemma
    # the lemmatizer slips on some forms ("staged" -> "stag"): try the plain stems
    word = tok.lower_
    for stem in (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e"):
        if stem in _known_verbs():
            return stem
    return lemma


@register_cache
@lru_cache(maxsize=1)
def _known_verbs() -> frozenset[str]:
    lex = lexicon()
    return (
        frozenset(lex.cues.get("victim", {}))
        | frozenset(lex.cues.get("subject", {}))
        | SPECIAL_VERBS
    )


def _is_passive_subject(tok: Any, dep: str | None = None, verb: Any = None) -> bool:
    dep = dep or tok.dep_
    verb = verb if verb is not None else tok.head
    if dep in ("nsubjpass", "csubjpass"):
        return True
    # "20 wounded", "two dozen detained": a bare participle with a subject
    return (
        dep == "nsubj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" and _lemma(c) == "have" for c in verb.children)
    )


def _or_ambiguous(verb: Any, category: str) -> bool:
    """Another category joined to ``verb`` by "or": "killing or wounding 50"."""
    lex = lexicon()
    joined = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        joined.append(verb.head)
    for other in joined:
        owner = verb if other.head.i == verb.i else verb.head
        if not any(c.dep_ == "cc" and c.lower_ in ("or", "and/or") for c in owner.children):
            continue
        other_cat = (
            lex.cue("victim", _lemma(other))
            or lex.cue("state", other.lower_)
            or lex.cue("state", _lemma(other))
        )
        if other_cat and other_cat != category:
            return True
    return False


def _word_category(tok: Any) -> str | None:
    """Category of a counted word that is itself a cue ("dead", "deaths", "casualties")."""
    lex = lexicon()
    if lex.cue("ambiguous", _lemma(tok)):
        return AMBIGUOUS
    if tok.pos_ in ("ADJ", "VERB"):
        category = lex.cue("state", tok.lower_) or lex.cue("state", _lemma(tok))
        if category:
            return AMBIGUOUS if _or_ambiguous(tok, category) else category
    if tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        return lex.cue("noun", _lemma(tok)) or lex.cue("noun", tok.lower_)
    return None


def _tally_category(verb: Any) -> tuple[str | None, Any]:
    """A toll or tally as the subject: "the death toll rose to 40", "the number of dead reached 40"."""
    for subj in verb.children:
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        category = _container_category(subj)
        if category and _lemma(subj) in TOLL_WORDS | TALLY_WORDS:
            return category, subj
    return None, None


def _container_category(tok: Any) -> str | None:
    """Category of a noun that holds a count: toll, crowd, bodies, lives, number of dead."""
    lex = lexicon()
    lemma = _lemma(tok)
    if lemma in TOLL_WORDS:
        modifiers = {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        if modifiers & {"casualty", "victim"}:
            return AMBIGUOUS
        if modifiers & {"injury", "injured"}:
            return "injured"
        return "fatalities"  # "the toll", "the death toll"
    if lemma in TALLY_WORDS:
        obj = of_object(tok)
        return _word_category(obj) if obj is not None else None
    if lemma in LIFE_WORDS:
        return "fatalities"
    if lex.cue("crowd", lemma):
        return "size"
    if lex.cue("ambiguous", lemma):
        return AMBIGUOUS
    return lex.cue("noun", lemma)


def _crowd_subject(verb: Any) -> bool:
    """Whether ``verb``'s subject is a gathering ("the rally drew ...", "..., which drew ...")."""
    lex = lexicon()
    for subj in verb.children:
        if subj.dep_ != "nsubj":
            continue
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subj = verb.head
        if lex.cue("crowd", _lemma(subj)):
            return True
    return False


def _hostage_marked(verb: Any) -> bool:
    return any(c.lower_ in HOSTAGE_MARKERS and c.dep_ != "nsubj" for c in verb.children)


def _role(arg: Any, phrase: NumberPhrase | None) -> tuple[str, Any]:
    """``arg``'s dependency label and head, seen past a qualifier the parser made the head.

    "Over 3000 have been injured" can parse as "3000" under the preposition
    "Over"; "kidnapped up to 16 advisers" as "advisers" under "up to". The
    qualifier then stands where the count does: before the verb with no
    subject, it is the subject; after it with no object, the object.
    """
    adverbial = arg.dep_ == "npadvmod" and arg.head.pos_ == "VERB" and arg.i > arg.head.i
    if adverbial and not any(c.dep_ == "dobj" for c in arg.head.children):
        return "dobj", arg.head  # "police detained 15" parsed as an adverbial
    if phrase is None or not (phrase.text_start <= arg.head.i < phrase.start):
        return arg.dep_, arg.head
    top = arg.head
    while phrase.text_start <= top.head.i < phrase.start and top.head.i != top.i:
        top = top.head
    verb = top.head
    if verb.pos_ not in ("VERB", "AUX"):
        return arg.dep_, arg.head
    deps = {c.dep_ for c in verb.children}
    if top.i < verb.i and not deps & {"nsubj", "nsubjpass"}:
        return ("nsubjpass" if "auxpass" in deps else "nsubj"), verb
    if top.i > verb.i and "dobj" not in deps:
        return "dobj", verb
    return arg.dep_, arg.head


def _killed_by_manner(verb: Any) -> bool:
    """Killed by the manner of it: "shot dead", "stabbed to death", "beaten to death"."""
    for c in verb.children:
        if c.lower_ == "dead" and c.dep_ in ("acomp", "oprd", "advmod", "xcomp", "dobj"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(_lemma(g) == "death" for g in c.children):
            return True
    return False


def unrealised(verb: Any) -> bool:
    """Nothing happened (yet): "were not killed", "attempted to assassinate", "threatened to kill"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ in ("xcomp", "acl", "ccomp") and _lemma(verb.head) in UNREALISED_HEADS


def _verb_category(arg: Any, phrase: NumberPhrase | None = None) -> tuple[str | None, Any]:
    """Category that ``arg``'s role under its head verb gives, and that verb."""
    category, verb = _plain_verb_category(arg, phrase)
    if (
        category is not None
        and verb is not None
        and verb.pos_ in ("VERB", "AUX")
        and unrealised(verb)
    ):
        return AMBIGUOUS, verb  # counted in nothing
    return category, verb


def _plain_verb_category(arg: Any, phrase: NumberPhrase | None) -> tuple[str | None, Any]:
    lex = lexicon()
    dep, verb = _role(arg, phrase)
    lemma = _lemma(verb)
    if dep == "pobj":
        prep, governor = verb, verb.head
        if prep.dep_ == "agent" and lex.cue("subject", _lemma(governor)) == "size":
            return "size", governor  # "attended by 5,000 people"
        if prep.lower_ in ("to", "at", "of") and governor.pos_ in ("VERB", "AUX"):
            return _tally_category(governor)
        return None, None
    if dep in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        category, _ = _tally_category(verb)
        if category:
            return category, verb  # "the toll reached 40", "the toll is 40"
        if lemma in ("number", "total", "reach"):
            # "protesters numbered about 5,000", "the dead numbered 40"
            for subj in verb.children:
                if subj.dep_ == "nsubj":
                    found = (
                        _word_category(subj)
                        or lex.cue("weak", _lemma(subj))
                        or _container_category(subj)
                    )
                    if found:
                        return found, verb
        if lemma in ("draw", "attract", "bring", "mobilize", "mobilise") and _crowd_subject(verb):
            return "size", verb  # "the protest, which drew about 10,000 people"
    passive = _is_passive_subject(arg, dep, verb)
    if dep == "dobj" or passive:
        if lemma in ("take", "hold") and _hostage_marked(verb):
            return "abducted", verb
        category = lex.cue("victim", lemma) or ("fatalities" if _killed_by_manner(verb) else None)
        if category:
            return (AMBIGUOUS if _or_ambiguous(verb, category) else category), verb
        if lemma == "leave":  # "left 5 people dead"
            for c in verb.children:
                state = (
                    lex.cue("state", c.lower_)
                    if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advcl")
                    else None
                )
                if state:
                    return state, verb
        return None, None
    if dep in ("nsubj", "attr") and lemma == "be":
        # "two soldiers were among the dead", "among the dead were three children"
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "among":
                for obj in prep.children:
                    found = _word_category(obj) if obj.dep_ == "pobj" else None
                    if found:
                        return found, verb
    if dep == "nsubj":
        category = lex.cue("subject", lemma)
        if category:
            return category, verb
        objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "oprd")]
        if lemma == "lose" and any(_lemma(o) in LIFE_WORDS for o in objects):
            return "fatalities", verb
        if lemma in SPECIAL_VERBS:
            # "took part", "took to the streets", "went on strike", "staged a protest",
            # "stopped work", "began a hunger strike", "blocked roads"
            words = {
                _lemma(t) for t in verb.subtree if t.head.i == verb.i or t.head.head.i == verb.i
            }
            if words & CROWD_OBJECTS:
                return "size", verb
        for o in objects:  # "12 were dead"
            state = lex.cue("state", o.lower_)
            if state:
                return state, verb
    return None, None


def _clause_category(noun: Any) -> tuple[str | None, Any]:
    """A participle or relative clause on the counted noun: "12 people killed in ..."."""
    lex = lexicon()
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            category = lex.cue("victim", _lemma(c))
            if category:
                return (AMBIGUOUS if unrealised(c) else category), c
        if c.dep_ == "relcl":
            for sub in c.children:
                if sub.lower_ not in RELATIVE_PRONOUNS:
                    continue
                if _is_passive_subject(sub) or sub.dep_ == "dobj":
                    # "people who were killed", "members whom they had taken hostage"
                    hostage = _lemma(c) in ("take", "hold") and _hostage_marked(c)
                    category = "abducted" if hostage else lex.cue("victim", _lemma(c))
                elif sub.dep_ == "nsubj":
                    category = lex.cue("subject", _lemma(c))
                else:
                    category = None
                if category:
                    return (AMBIGUOUS if unrealised(c) else category), c
    return None, None


def _phrase_root(doc: Any, phrase: NumberPhrase) -> Any:
    inside = range(phrase.start, phrase.end)
    roots = [t for t in doc[phrase.start : phrase.end] if t.head.i not in inside or t.head.i == t.i]
    return roots[-1] if roots else doc[phrase.end - 1]


def classify(doc: Any, phrase: NumberPhrase) -> Mention | None:
    """What ``phrase`` counts, as a :class:`Mention`; ``None`` when it counts no one we track."""
    lex = lexicon()
    root = _phrase_root(doc, phrase)
    if root.dep_ in MODIFIER_DEPS and root.head.i >= phrase.end:
        head = root.head
    elif (
        root.dep_ in MODIFIER_DEPS
        and root.head.i < phrase.start
        and root.head.pos_ in ("NOUN", "PROPN")
    ):
        return None  # "Resolution 242", "Flight 17"
    else:
        head = root
    counted = of_object(head)  # "thousands of protesters", "one of the victims"

    category: str | None = None
    predicate: Any = None
    for tok in (head, counted):
        if tok is not None and category is None:
            category = _word_category(tok)
            predicate = tok if category else None

    arg, part = head, False
    while (
        arg.dep_ == "pobj" and arg.head.lower_ == "of" and arg.head.head.pos_ in ("NOUN", "PROPN")
    ):
        container = arg.head.head
        arg = container
        if _lemma(container) in TRANSPARENT and _lemma(container) not in TALLY_WORDS | TOLL_WORDS:
            continue
        if _lemma(container) in TALLY_WORDS and _container_category(container) is None:
            continue  # "a total of 40", "a number of"
        found = _container_category(container)
        if found is None:
            return None  # "the families of 12 victims": not a count of the victims
        if category is None:
            category, predicate = found, container
        break
    if arg.dep_ == "pobj" and arg.head.lower_ in PART_PREPOSITIONS:
        part = True
        owner = arg.head.head
        if owner.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            arg = owner
        elif category is None and owner.pos_ == "VERB":
            # "were killed, including 5 children": the parts share the verb's victims
            category = lex.cue("victim", _lemma(owner)) or lex.cue("subject", _lemma(owner))
            predicate = owner if category else None
    first = arg
    while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
        first = first.head

    if category is None:
        category, predicate = _verb_category(first, phrase)
        if predicate is not None and _lemma(predicate) == "be":
            part = True  # "two soldiers were among the dead": at least two
    if category is None:
        for tok in (head, arg):
            category, predicate = _clause_category(tok)
            if category:
                break
    if category is None:
        for tok in (head, counted, arg):
            if tok is not None and lex.cue("weak", _lemma(tok)):
                category, predicate = lex.cue("weak", _lemma(tok)), tok
                break
    if category is None or category == AMBIGUOUS:
        return None
    clause = clause_verb(first)
    head_end = max(phrase.text_end, head.i + 1)
    return Mention(
        category=category,
        value=phrase.value,
        qualifier=phrase.qualifier,
        text=phrase.text,
        start=phrase.text_start,
        end=head_end,
        predicate=predicate.i if predicate is not None else None,
        clause=clause.i,
        key=((predicate.i if predicate is not None else clause.i), first.i),
        part=part,
    )


def _singular(tok: Any) -> int | None:
    """1 for a single person ("a man", "the deputy chief", "she"), 0 for "no one"."""
    if tok.lower_ in ZERO_WORDS or (
        tok.lower_ == "one" and any(c.lower_ == "no" for c in tok.children)
    ):
        return 0
    if tok.lower_ in SINGULAR_PRONOUNS:
        return 1
    if tok.ent_type_ in NON_PERSON_ENTS or _lemma(tok) in NON_PERSON:
        return None
    if any(c.dep_ == "det" and c.lower_ in ("no", "any", "every", "each") for c in tok.children):
        return None
    if tok.tag_ == "NN" or (tok.tag_ == "NNP" and tok.ent_type_ == "PERSON"):
        return 1
    return None


def _victims(verb: Any) -> list[tuple[Any, str, Any]]:
    """Who ``verb`` says was killed, hurt, arrested or taken: (argument, category, predicate)."""
    out = []
    # in "taken hostage" the marker is not a victim; in "a prisoner died" it is
    markers = HOSTAGE_MARKERS if _lemma(verb) in ("take", "hold") else frozenset()
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ not in RELATIVE_PRONOUNS | markers:
            category, predicate = _verb_category(c)
            if category in ("fatalities", "injured", "arrested", "abducted"):
                out.append((c, category, predicate))
    return out


def _singular_mentions(span: Any, phrases: list[NumberPhrase]) -> list[Mention]:
    covered = {i for p in phrases for i in range(p.text_start, p.text_end)}
    out: list[Mention] = []
    # a Span or a Doc; only verbs and auxiliaries get a Token object (the part of speech
    # from the token table)
    doc = span.doc if hasattr(span, "doc") else span
    lo, hi = (span.start, span.end) if span is not doc else (0, len(doc))
    pos = token_table(doc).pos
    for verb in [doc[i] for i in range(lo, hi) if pos[i] in ("VERB", "AUX")]:
        for arg, category, predicate in _victims(verb):
            members = [arg, *[c for c in arg.conjuncts if c.i > arg.i]]
            for member in members:
                if any(i in covered for i in range(member.left_edge.i, member.i + 1)):
                    continue  # a written number: read by classify()
                value = _singular(member)
                if value is None:
                    continue
                start = member.left_edge.i
                out.append(
                    Mention(
                        category=category,
                        value=value,
                        qualifier="exact",
                        text=member.doc[start : member.i + 1].text,
                        start=start,
                        end=member.i + 1,
                        predicate=predicate.i,
                        clause=verb.i,
                        key=(predicate.i, arg.i),
                    )
                )
    return out


def mentions(span: Any) -> list[Mention]:
    """Every count of people in ``span``, with what it counts, in text order."""
    doc = span.doc if hasattr(span, "doc") else span
    phrases = number_phrases(span)
    found = [m for p in phrases if (m := classify(doc, p)) is not None]
    found.extend(_singular_mentions(span, phrases))
    return sorted(found, key=lambda m: m.start)
