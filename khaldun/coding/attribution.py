"""Who says so, and how sure the text is: sources, speakers, modality, polarity.

Reported speech is read from the dependency parse: a trigger inside the
clausal complement of a reporting verb ("X said that ...") is reported by
that verb's subject; inside a claim verb ("X claimed/alleged that ...") it is
claimed; inside a denial it is denied. A speaker that names a news outlet
("The Jerusalem Post reported", "according to IRNA", "as per Reuters",
"citing hospital officials") becomes the record's ``source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from khaldun.coding.lexicon import Lexicon
from khaldun.nlp.views import child_indices, subtree_indices, token_table
from khaldun.records import fast_init
from khaldun.resources import word_set

#: main verbs of a sentence that report its complement clause ("..., officials said"):
#: the clause is what is reported (khaldun/data/lexicon/speech_verbs.tsv, "reporting")
REPORTING_HEADS = word_set("speech_verbs.tsv", "reporting")
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "parataxis"}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}


@fast_init
@dataclass(frozen=True, slots=True)
class Frame:
    """The attribution around one trigger."""

    polarity: str = "affirmed"
    modality: str = "asserted"
    speaker_token: Any = None
    """head token of who asserts it (the reporting verb's subject), or None"""
    frame_verb: Any = None
    """the reporting/claim/deny verb, or None"""
    frame_kind: str | None = None
    """say, report, claim or deny"""
    conditional: bool = False
    """the trigger carries an if/unless clause ("will withdraw unless ...")"""
    obligation: bool = False
    """the trigger carries "must" or "should" ("Libya must hand over ...")"""
    arranged: bool = False
    """a future event already arranged ("is scheduled to attend", "is due to sign"): the act, not a promise"""


def is_negated(tok: Any) -> bool:
    doc = tok.doc
    dep = token_table(doc).dep  # the children's labels from the tables: no Token objects
    if any(dep[c] == "neg" for c in child_indices(doc)[tok.i]):
        return True
    # "did not agree to cooperate": negation on the governing verb of an xcomp
    h = token_table(doc).head[tok.i]
    return dep[tok.i] == "xcomp" and h != tok.i and any(dep[c] == "neg" for c in child_indices(doc)[h])


def subject_of(tok: Any) -> Any:
    """The subject token of a verb, climbing conj/xcomp/advcl chains when it has none."""
    seen = 0
    cur = tok
    via_xcomp = False
    doc = tok.doc
    dep, kids = token_table(doc).dep, child_indices(doc)  # the children's labels: no Token objects
    while cur is not None and seen < 6:
        for c in kids[cur.i]:
            if dep[c] in ("nsubj", "csubj"):
                return doc[c]
            if via_xcomp and dep[c] in ("nsubjpass", "nsubj:pass"):
                return doc[c]  # "Obama is scheduled to attend": the passive subject acts
        via_xcomp = cur.dep_ == "xcomp"
        if cur.dep_ in ("conj", "xcomp", "advcl", "acomp", "oprd") and cur.head is not cur:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


#: one search pattern per word set: " name " for each of its names (a set's identity is kept)
_NAME_PATTERNS: dict[int, tuple[frozenset[str], re.Pattern[str]]] = {}


def _any_name(names: frozenset[str], joined: str) -> bool:
    """``any(f" {name} " in joined for name in names)``, as one precompiled search."""
    found = _NAME_PATTERNS.get(id(names))
    if found is None or found[0] is not names:
        pattern = "|".join(re.escape(f" {n} ") for n in sorted(names)) if names else r"(?!)"
        found = _NAME_PATTERNS[id(names)] = (names, re.compile(pattern))
    return found[1].search(joined) is not None


def _is_outlet_token(tok: Any, lex: Lexicon) -> bool:
    """Does the noun phrase headed by ``tok`` name a news outlet or agency?"""
    low = token_table(tok.doc).lower  # the subtree's words from the token table: no Token objects
    joined = " " + " ".join([low[j] for j in subtree_indices(tok.doc, tok.i)]) + " "
    if _any_name(lex.words("outlet"), joined):
        return True
    if tok.ent_type_ in ("ORG", "") and tok.lemma_.lower() in lex.words("source_noun") and tok.pos_ in ("PROPN", "NOUN"):
        # "The Jerusalem Post", "state television", "local news reports"
        return tok.pos_ == "PROPN" or tok.lemma_.lower() in {"agency", "newspaper", "television", "media", "radio", "report", "news", "daily", "broadcaster", "tv", "channel", "outlet", "website", "wire", "correspondent"}
    return False


def outlet_phrase(tok: Any, lex: Lexicon) -> str:
    """The words naming the outlet inside the phrase headed by ``tok``."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    for ent in doc.ents:
        if ent.start >= lo and ent.end <= hi + 1 and ent.label_ in ("ORG", "WORK_OF_ART", "GPE", "NORP", "PERSON"):
            joined = " " + " ".join(t.lower_ for t in ent) + " "
            if _any_name(lex.words("outlet"), joined) or ent.root.lemma_.lower() in lex.words("source_noun"):
                text = ent.text
                return text[4:] if text.lower().startswith("the ") else text
    return phrase(tok)


def phrase(tok: Any) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("punct",) or t.i not in (tok.left_edge.i, tok.right_edge.i)]
    if not toks:
        return tok.text
    start, end = toks[0].i, toks[-1].i + 1
    text = tok.doc[start:end].text.strip(" ,\"'")
    return text[4:] if text.lower().startswith("the ") and len(text) > 4 else text


def sentence_sources(sent: Any, lex: Lexicon) -> list[str]:
    """Outlets a sentence cites: "X reported", "according to X", "as per X", "citing X"."""
    doc = sent.doc
    table, children = token_table(doc), child_indices(doc)
    speech = lex.words("report") | lex.words("say")
    found: list[str] = []
    for i in range(sent.start, sent.end):
        dep, lemma = table.dep[i], table.lemma[i].lower()
        h = table.head[i]
        if dep == "pobj" and (table.lower[h], table.lower[table.head[h]]) in (("to", "according"), ("per", "as")):
            found.append(phrase(doc[i]))  # "according to X", "as per X"
            continue
        if table.pos[i] != "VERB":
            pass
        elif lemma == "cite":
            found.extend(phrase(doc[c]) for c in children[i] if table.dep[c] == "dobj")
        elif lemma in speech:
            for c in children[i]:
                if table.dep[c] == "nsubj" and _is_outlet_token(doc[c], lex):
                    found.append(outlet_phrase(doc[c], lex))
        if dep in ("appos", "nsubj") and table.lemma[h].lower() in ("report", "say") and _is_outlet_token(doc[i], lex):
            found.append(outlet_phrase(doc[i], lex))
        # "as per The Jerusalem Post": spaCy often attaches "per" to "as"
        if table.lower[i] == "per" and i > sent.start and table.lower[i - 1] == "as":
            found.extend(phrase(doc[c]) for c in children[i] if table.dep[c] == "pobj")
    out: list[str] = []
    for f in found:
        if f and f not in out:
            out.append(f)
    return out


OBLIGATION = {"must", "should", "ought"}


def frame_of(trigger: Any, lex: Lexicon) -> Frame:
    """Polarity and modality of ``trigger`` and who asserts it."""
    polarity = "negated" if is_negated(trigger) else "affirmed"
    modal: str | None = None  # the modal auxiliary on the trigger's own clause
    in_condition = False
    adverb = None
    # the trigger's children read from the token and child tables: no Token objects
    table, kids = token_table(trigger.doc), child_indices(trigger.doc)
    dep, tag, low = table.dep, table.tag, table.lower
    own = kids[trigger.i]
    for c in own:
        w = low[c]
        if dep[c] in ("aux", "auxpass") and tag[c] == "MD":
            modal = w
        elif dep[c] == "mark" and w in lex.words("hypothetical"):
            in_condition = True
        elif dep[c] == "advmod" and w in ("allegedly", "reportedly", "purportedly"):
            adverb = w
    conditional = any(
        dep[c] == "advcl" and any(dep[m] == "mark" and low[m] in ("if", "unless") for m in kids[c])
        for c in own
    )
    intent = False
    arranged = False
    head = trigger.head
    if modal is None:
        # "must be ready to mediate", "must ensure security to allow ...": an obligation
        # on the verb that governs this one in the same clause
        ci = trigger.i
        for _ in range(3):
            if dep[ci] not in ("xcomp", "advcl", "acomp", "oprd", "conj") or table.head[ci] == ci:
                break
            ci = table.head[ci]
            if any(dep[c] == "aux" and tag[c] == "MD" and low[c] in OBLIGATION for c in kids[ci]):
                modal = "must"
                break
    if trigger.dep_ == "xcomp" and head is not trigger:
        # "plans to visit", "is ready to send", "wants to attack", "will seek to"
        hl = head.lemma_.lower()
        if hl in lex.words("future") or head.lower_ in lex.words("future"):
            intent = True
            # "is scheduled to attend" is arranged; "is prepared to lift" (an adjective) is willingness
            arranged = head.pos_ == "VERB" and (hl in lex.words("arranged") or head.lower_ in lex.words("arranged"))
        if any(dep[c] == "aux" and low[c] in ("will", "shall", "'ll") for c in kids[head.i]):
            intent = True
        hh = table.head[head.i]
        if table.pos[head.i] in ("ADJ", "AUX") and hh != head.i and any(
            dep[c] == "aux" and low[c] in ("will", "would") for c in kids[hh]
        ):
            intent = True
    speaker = None
    frame_verb = None
    kind = None
    # the walk up the heads on the token table: a Token object only for a frame verb
    doc, heads, poses, lemmas = trigger.doc, table.head, table.pos, table.lemma
    ci = trigger.i
    hops = 0
    while heads[ci] != ci and hops < 5:
        d = dep[ci]
        ui = heads[ci]
        hops += 1
        if d == "prep" and low[ci] == "of" and poses[ui] == "VERB" and lemmas[ui].lower() in lex.words("claim"):
            # "accused the RSF of shelling a market": what the accusation says
            up = doc[ui]
            kind, frame_verb = "claim", up
            speaker = subject_of(up)
            break
        if d in ("ccomp", "pcomp", "xcomp", "advcl", "conj") and poses[ui] in ("VERB", "AUX"):
            up = doc[ui]
            ul = lemmas[ui].lower()
            if d in ("ccomp", "pcomp") and ul in lex.words("deny"):
                kind, frame_verb = "deny", up
            elif d in ("ccomp", "pcomp", "xcomp") and ul in lex.words("claim"):
                kind, frame_verb = "claim", up
            elif d in ("ccomp", "parataxis") and ul in lex.words("say"):
                kind, frame_verb = "say", up
            elif d in ("ccomp", "parataxis") and ul in lex.words("report"):
                kind, frame_verb = "report", up
            if frame_verb is not None:
                speaker = subject_of(up)
                break
        if d not in ("conj", "xcomp", "advcl", "ccomp", "pcomp", "prep", "pobj", "acomp"):
            break
        ci = ui
    modality = "asserted"
    if in_condition:
        modality = "hypothetical"
    elif modal in ("will", "shall", "'ll", "wo") or intent:
        modality = "future"
    elif modal == "would" and kind in ("say", "report", "claim"):
        modality = "future"  # reported speech: "said it would withdraw"
    elif modal in ("would", "could", "might", "may"):
        modality = "hypothetical"
    if adverb == "reportedly" and modality == "asserted":
        modality = "reported"
    elif adverb and modality == "asserted":
        modality = "alleged"
    if kind == "deny":
        modality, polarity = "denied", "negated"
    elif kind == "claim" and modality in ("asserted", "reported"):
        modality = "alleged" if frame_verb.lemma_.lower() in ("allege", "charge") else "claimed"
    elif kind in ("report", "say") and modality == "asserted":
        modality = "reported"
    if frame_verb is not None and is_negated(frame_verb) and kind in ("report", "say"):
        polarity = "negated"
    return Frame(polarity, modality, speaker, frame_verb, kind, conditional, modal in OBLIGATION, arranged)


def is_outlet(tok: Any, lex: Lexicon) -> bool:
    return tok is not None and _is_outlet_token(tok, lex)


def is_neutral_witness(tok: Any, lex: Lexicon) -> bool:
    """Officials, medics, witnesses, police sources: report events without taking sides."""
    if tok is None:
        return True
    if tok.pos_ == "PRON":
        return False
    head_lemma = tok.lemma_.lower()
    if head_lemma in lex.words("witness_noun") or tok.lower_ in lex.words("witness_noun") and not any(c.dep_ == "compound" and c.ent_type_ == "PERSON" for c in tok.children):
        return tok.ent_type_ not in ("PERSON",)
    return False
