"""Where an event happened: place mentions disambiguated in their document, and the
one that belongs to the event chosen.

Disambiguation scores each reading of a mention by
- population (log scale; a division counts ten times smaller than its people, so a
  name that is both a town and its province reads as the town unless the text says
  "province", "state", "region" ...);
- the document's other places (countries that unambiguous mentions name), the
  actors' countries and, weakly, the dateline's country;
- qualifiers in the text ("Paris, Texas", "Nigeria's Borno state", "the Syrian
  city of Aleppo"), which override everything;
- curated region phrases and primary names over alternate spellings.

Each mention is resolved on its own: one that cannot be resolved is dropped alone,
never the others.

The event location is, in order: the place attached to the trigger in its clause
("met ... in Qatar", "shelled Kharkiv"), the nearest fitting place in the sentence,
then the nearest in the preceding sentences of the paragraph and in the lead; the
dateline never, unless the text names the place itself. Places in actor roles
("Iran accused Israel") are never locations.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from khaldun.dates.resolver import tree_distance
from khaldun.ingest.text import dateline_place
from khaldun.nlp.views import doc_sents, doc_text
from khaldun.places.directions import region_centre
from khaldun.places.gazetteer import Entry, Gazetteer, default_gazetteer, normalise
from khaldun.places.mentions import WEAK_PREPS, Mention, find_mentions, foreign_name, leading_area
from khaldun.records import Place
from khaldun.resources import register_cache

_SPECIFICITY = {"city": 0, "admin1": 1, "region": 1, "country": 2}
#: a town whose name is an English word must be this big to be read without a place noun
COMMON_WORD_MIN_POPULATION = 100_000
#: a town named inside another name or in lower case must be this big to place a document
_NAME_CITY_MIN_POPULATION = 100_000
#: a namesake town at least this fraction of the size of a name's big reading shares its vote
_NAMESAKE_SIZE_RATIO = 4
#: how many sentences back (within the paragraph) a location is looked for
_CONTEXT_SENTENCES = 3
#: a town smaller than this, or matched only by another of its names, is a "weak" reading:
#: a namesake abroad that the document's other evidence can overrule (see DocumentPlaces)
WEAK_READING_MAX_POPULATION = 20_000
#: a town smaller than this is overruled when two pieces of evidence name another country
TOWN_READING_MAX_POPULATION = 100_000


_DASHED_DIRECTION = re.compile(r"[-\s]+(?:North|South|East|West|Central)$")


def _undirected(name: str) -> str:
    """"Shan-North" -> "Shan": a division written with the part of it meant."""
    return _DASHED_DIRECTION.sub("", name)


def _population_score(e: Entry) -> float:
    if e.kind == "country":
        return 7.0 + 2.0
    if e.kind == "region":
        return 7.5
    pop = max(e.population, 1)
    if e.kind == "admin1":
        return math.log10(pop) - 1.0
    return math.log10(pop)


#: words after a place name that make it the seat of an institution, however the
#: recogniser tags it ("Delhi Police", "Hyderabad press club", "Lahore High Court")
_INSTITUTION_WORDS = frozenset({
    "police", "government", "administration", "university", "college", "press", "court",
    "corporation", "municipality", "municipal", "assembly", "council", "district", "division",
    "cantonment", "airport", "railway", "bar", "club", "development", "authority", "chamber",
    "traders", "union", "unit", "chapter", "cell", "wing", "branch", "city", "metropolitan",
})


def _institution_after(span: Any) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in _INSTITUTION_WORDS


#: nouns of bodies and groups that a place name before them qualifies ("the Haryana guest
#: teacher association", "Assam tea workers' union"), whatever tag the recogniser gives the name
_GROUP_NOUNS = frozenset({
    "association", "union", "federation", "forum", "committee", "council", "society", "front",
    "movement", "party", "league", "alliance", "sangh", "sangha", "samiti", "sabha", "morcha",
    "organisation", "organization", "group", "body", "unit", "wing", "chapter", "teachers",
    "workers", "employees", "farmers", "students", "traders", "lawyers", "doctors", "nurses",
    "government", "police", "department", "ministry", "board", "assembly",
    # a body's people: "the Karnataka ... activists", "Assam ... cadres"
    "activists", "cadres", "members", "supporters", "volunteers", "protesters", "agitators",
})


def _division_modifier(span: Any, found: list[Entry]) -> bool:
    """A name with a first-level-division or country reading that modifies a noun of a body
    or group further on in its phrase ("Members of the Haryana guest teacher association"):
    a place word, whichever tag the recogniser gave it."""
    if not any(e.kind in ("admin1", "region", "country") for e in found):
        return False
    last = span[-1]
    if last.dep_ not in ("compound", "amod", "nmod") or last.head.i <= last.i or last.head.i - last.i > 4:
        return False
    head = last.head
    # the head may be the last of a compound run: "guest teacher association"
    while head.dep_ == "compound" and head.head.i > head.i and head.head.i - last.i <= 5:
        head = head.head
    return head.lower_ in _GROUP_NOUNS


def _inside_longer_name(span: Any) -> bool:
    """The span ends a longer proper name: a capitalised proper noun of the same entity
    comes just before it ("Sauda" in "the Dera Sacha Sauda")."""
    start = span[0].i
    if start == 0:
        return False
    prev = span.doc[start - 1]
    # inside one entity, or a run of proper nouns the recogniser left untagged
    same = span[0].ent_iob_ == "I" or (span[0].ent_iob_ == "O" and prev.ent_iob_ == "O")
    return same and prev.pos_ == "PROPN" and prev.text[:1].isupper()


def _name_of_person(tok: Any) -> bool:
    """A capitalised word the recogniser tagged no place that reads as part of a person's
    name: after a person's name or an untagged proper noun ("Ahmad Rashid"), or joined by
    "and" to a person's name ("commanders Rashid and Karim"). Not before one: a town's name
    may be the first of a longer place's ("Bahawal Nagar") or of a body's ("Delhi Police")."""
    if not tok.text[:1].isupper() or tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
        return False
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() \
            and prev.ent_type_ in ("", "PERSON") and not prev.text.isupper():
        return True
    return any(t.ent_type_ == "PERSON" for t in tok.conjuncts)


#: a word of the text, hyphenated compounds whole ("lathi-charge")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@lru_cache(maxsize=1)
def _place_nouns() -> dict[str, tuple[str, ...]]:
    rows: dict[str, tuple[str, ...]] = {}
    path = Path(__file__).resolve().parent.parent / "data" / "places" / "place_nouns.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "noun\t")):
            continue
        noun, countries = line.split("\t")
        rows[" ".join(_WORD.findall(noun.lower()))] = tuple(countries.split("|"))
    return rows


#: the extra vote of a shared country word's first-listed (likelier) country
LIKELIER_WORD_BONUS = 0.01

@lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str]]:
    """The nouns of ``place_nouns.tsv`` and the words of ``country_words.tsv``: lower-cased
    words (matched in any case), acronyms as written (``country_words.tsv``'s words in
    capitals: "MNA", "SDM"), each with its countries; and the first words of the entries
    of several words."""
    words: dict[str, tuple[str, ...]] = {}
    acronyms: dict[str, tuple[str, ...]] = {}
    words.update(_place_nouns())
    words.update(_wide_words())
    path = Path(__file__).resolve().parent.parent / "data" / "places" / "country_words.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "word\t")):
            continue
        word, countries = line.split("\t")
        key = " ".join(_WORD.findall(word))
        if word.isupper() or (len(word) <= 3 and word[:1].isupper()):
            acronyms[key] = tuple(countries.split("|"))
        else:
            words[key.lower()] = tuple(countries.split("|"))
    starts = frozenset(k.split()[0].lower() for k in [*words, *acronyms] if " " in k)
    return words, acronyms, starts


@lru_cache(maxsize=1)
def _wide_words() -> dict[str, tuple[str, ...]]:
    """"province-wide", "statewide": a strike or protest across one of a country's first-level
    divisions points to the countries that call them so (``division_nouns.tsv``, in its order)."""
    rows: dict[str, tuple[str, ...]] = {}
    path = Path(__file__).resolve().parent.parent / "data" / "places" / "division_nouns.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "noun\t")):
            continue
        noun, countries = line.split("\t")
        noun = noun.strip().lower()
        if noun.endswith("s"):
            continue  # "states-wide" is no word
        rows[f"{noun}-wide"] = rows[f"{noun}wide"] = tuple(countries.split("|"))
    return rows


def _country_word_hits(text: str) -> list[tuple[str, ...]]:
    """The countries of each distinct division noun and country word the text uses (one
    pass over its words, so that long texts stay cheap)."""
    words, acronyms, starts = _country_words()
    tokens = _WORD.findall(text)
    found: dict[str, tuple[str, ...]] = {}
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in words:
            found[low] = words[low]
        if tok in acronyms:
            found[tok] = acronyms[tok]
        if low in starts:
            for n in (2, 3, 4):
                exact = " ".join(tokens[i:i + n])
                key = exact.lower()
                if key in words:
                    found[key] = words[key]
                if exact in acronyms:
                    found[exact] = acronyms[exact]
    return list(found.values())


def place_noun_countries(text: str, hits: list[tuple[str, ...]] | None = None) -> Counter:
    """Countries whose own division nouns, titles of office and institution words the text
    uses ("Tala upazila": Bangladesh; "the Lok Sabha": India), once per word; a word
    several countries use ("tehsil", "dharna") does not count
    (``khaldun/data/places/place_nouns.tsv``, ``country_words.tsv``). ``hits``: the
    text's words already found (:func:`_country_word_hits`)."""
    out: Counter = Counter()
    for countries in _country_word_hits(text) if hits is None else hits:
        if len(countries) == 1:
            out[countries[0]] += 1
    return out


def country_word_weights(text: str, hits: list[tuple[str, ...]] | None = None) -> Counter:
    """Every country that the text's division nouns and country words may point to, each
    word sharing one vote among its countries ("dharna": India and Pakistan a half each),
    the country listed first (the likelier: the word's main user) a little more: what
    settles a name several countries share ("Punjab", "Congress"), or alone, the likelier
    country of the words, as a name several places share goes to the likelier place."""
    out: Counter = Counter()
    for countries in _country_word_hits(text) if hits is None else hits:
        for c in countries:
            out[c] += 1.0 / len(countries)
        if len(countries) > 1:
            out[countries[0]] += LIKELIER_WORD_BONUS
    return out


#: the extra score of a reading in the country the text's domestic bodies and country words
#: lean to (:func:`_leaning`): more than the size gap of two first-level namesakes (Punjab)
LEAN_BONUS = 1.0
#: how much more weight the leading country needs than the next for the text to lean to it
LEAN_MARGIN = 0.75


def _leaning(weights: Counter) -> str | None:
    """The country that the text's domestic bodies and country words (``weights``: the
    named bodies' countries, counted, and the words' shared votes) point to by at least
    :data:`LEAN_MARGIN` more than any other, else None."""
    ranked = [(c, w) for c, w in weights.most_common(2) if c]
    if not ranked:
        return None
    if len(ranked) == 1:
        return ranked[0][0] if ranked[0][1] >= LEAN_MARGIN else None
    return ranked[0][0] if ranked[0][1] - ranked[1][1] >= LEAN_MARGIN else None


@lru_cache(maxsize=1)
def _division_nouns() -> dict[str, frozenset[str]]:
    """Which countries call their first-level divisions by a noun ("state": India, Nigeria;
    "province": Pakistan, Afghanistan), from ``khaldun/data/places/division_nouns.tsv``."""
    rows: dict[str, frozenset[str]] = {}
    path = Path(__file__).resolve().parent.parent / "data" / "places" / "division_nouns.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "noun\t")):
            continue
        noun, countries = line.split("\t")
        rows[noun.strip().lower()] = frozenset(countries.split("|"))
    return rows


#: the extra score of a first-level reading in a country that calls its divisions by the noun
#: the text writes after the name ("Punjab state", "Punjab province")
DIVISION_NOUN_BONUS = 1.5


def _division_noun_bonus(e: Entry, m: Mention) -> float:
    """:data:`DIVISION_NOUN_BONUS` when the mention writes a first-level division noun after
    the name and ``e`` is a first-level division of a country that uses that noun."""
    if e.kind not in ("admin1", "region") or not e.country or len(m.text) <= len(m.name) \
            or not m.text.lower().startswith(m.name.lower()):
        return 0.0
    noun = " ".join(_WORD.findall(m.text[len(m.name):].lower()))
    return DIVISION_NOUN_BONUS if e.country in _division_nouns().get(noun, ()) else 0.0


#: the empty counts :meth:`PlaceResolver.score` is given where there are none (it only reads them)
_NO_COUNTS: Counter = Counter()

#: the extra score of a first-level reading of the last name in brackets (see DocumentPlaces._by_brackets)
_LAST_AREA_BONUS = 1.0

_CITY_WORD = re.compile(r"\s+(?:City|Metropolitan City|Special City)$")


def _dash_parts(area: str) -> list[str]:
    """"Seoul City - Jung" -> ["Jung", "Seoul"]; other areas as they are."""
    if " - " not in area:
        return [area]
    city, _, district = area.partition(" - ")
    return [district.strip(), _CITY_WORD.sub("", city.strip())]


#: the extra score of a second-level reading of a name written before "district" ("Bara
#: district"): the admin hint favours first-level divisions and costs others 2, and a district
#: of ``districts.tsv`` whose seat the gazetteer lacks has no population to speak for it
DISTRICT_NOUN_BONUS = 5.0


def _district_noun_bonus(e: Entry, m: Mention) -> float:
    """:data:`DISTRICT_NOUN_BONUS` when ``e`` is a second-level division and the text writes
    "district" after its name."""
    if e.kind != "admin2" or len(m.text) <= len(m.name) or not m.text.lower().startswith(m.name.lower()):
        return 0.0
    return DISTRICT_NOUN_BONUS if m.text[len(m.name):].strip().lower() == "district" else 0.0


def _written_name(m: Mention) -> str:
    """The place's name as the text writes it, without the place noun or areas after it
    ("Izium" in "Izium district", "Kamianske" in "Kamianske, Dnipropetrovsk"); a
    direction stays ("southern Israel")."""
    if m.direction is None and len(m.text) > len(m.name) and m.text.lower().startswith(m.name.lower()):
        return m.text[:len(m.name)]
    return m.text


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _border_partner(doc: Any, m: Mention) -> str | None:
    """The other name of "A-B border" when ``m`` is A or B ("the India-Bhutan border"), else None."""
    if doc is None:
        return None
    n = len(doc)
    if m.end < n and doc[m.end].lower_ in ("border", "borders", "frontier") and m.start >= 2 \
            and doc[m.start - 1].text in _DASHES:
        return doc[m.start - 2].text
    if m.end + 2 < n and doc[m.end].text in _DASHES and doc[m.end + 2].lower_ in ("border", "borders", "frontier"):
        return doc[m.end + 1].text
    return None


def _unit_countries(m: Mention) -> tuple[str, ...]:
    """The countries whose division noun the text writes after the name ("Tala Tehsil":
    Pakistan or India; "Tala upazila": Bangladesh; ``place_nouns.tsv``), else ()."""
    if len(m.text) <= len(m.name) or not m.text.lower().startswith(m.name.lower()):
        return ()
    return _place_nouns().get(" ".join(_WORD.findall(m.text[len(m.name):].lower())), ())


class PlaceResolver:
    """The gazetteer and the rules; one per process, shared by every document."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # "southern X" scans every town of X: computed once per place and direction
        self._centres: dict[tuple[Entry, str], tuple[float, float]] = {}

    def warm_up(self) -> None:
        """Build the lazily built tables now (the towns of each country, for direction phrases)."""
        self.gazetteer.cities_of("")

    @classmethod
    def default(cls, cache_dir: str | None = None) -> PlaceResolver:
        """The resolver over the shipped gazetteer, its index cached in ``cache_dir`` (the
        ``cache_dir`` setting; None: the default folder), loaded once per folder until
        :func:`khaldun.resources.reset_caches`."""
        return _default_resolver(cache_dir)

    def for_document(self, doc: Any, *, dateline: str | None = None,
                     actor_countries: Iterable[str] = (),
                     named_countries: Iterable[str] = ()) -> DocumentPlaces:
        """Resolve every place mention of a parsed document. ``actor_countries``: the
        countries of the events' actors; ``named_countries``: the home countries of the
        domestic bodies the text names (parties, movements, unions, armed groups: one
        entry per mention), which say where the story happens."""
        return DocumentPlaces(self, doc, dateline, actor_countries, named_countries)

    def lookup(self, name: str, *, context: Iterable[str] = ()) -> Place | None:
        """The best reading of a bare name ("Paris" -> Paris, France), or None."""
        candidates = self.gazetteer.lookup(name)
        if not candidates:
            return None
        ctx = Counter(context)
        best = max(candidates, key=lambda e: self.score(e, name, ctx, _NO_COUNTS, None, ()))
        return self.place(best, name)

    def score(self, e: Entry, name: str, doc_countries: Counter, actors: Counter,
              dateline_country: str | None, qualifiers: Iterable[str], admin_hint: bool = False) -> float:
        s = _population_score(e)
        if normalise(e.name) == normalise(name):
            s += 1.5
        if admin_hint:
            s += 3.0 if e.kind in ("admin1", "region") else -2.0
        if e.country and doc_countries.get(e.country):
            s += 2.5 + 0.5 * min(doc_countries[e.country], 3)
        if e.country and actors.get(e.country):
            s += 2.0
        if e.country and e.country == dateline_country:
            s += 1.0
        for q in qualifiers:
            level = self._qualifies(e, q)
            # the named area itself, or a place in it; else at least its country
            # ("La Paz, Baja California" for La Paz in Baja California Sur)
            s += (0.0, 4.0, 7.0, 10.0)[level] if level else -10.0
            if level == 1 and self._country_has_division(e.country, q):
                # only the country agrees: one whose first-level division bears the name
                # beats one with a district or town of it ("Rio Blanco (Leon)")
                s += 1.0
        return s

    def _country_has_division(self, country: str | None, qualifier: str) -> bool:
        return bool(country) and any(a.country == country and a.kind in ("admin1", "region")
                                     for a in self.gazetteer.lookup(qualifier, loose=False))

    def _qualifies(self, e: Entry, qualifier: str) -> int:
        """3 when ``e`` lies in the division or country ``qualifier`` names, 2 in the
        district of a town of that name ("Shika (Gassol, Taraba)" with Gassol a town),
        1 when only in the country of such a division, else 0."""
        if len(qualifier) == 3 and qualifier.isupper():
            return 3 if e.country == qualifier else 0
        level = 0
        gaz = self.gazetteer
        for area in gaz.lookup(qualifier, loose=False) or gaz.lookup(_undirected(qualifier), loose=False):
            if e.country != area.country or not e.country:
                continue
            if gaz.in_area(e, area) or (e.kind == area.kind and e.name == area.name):
                level = max(level, 2 if area.kind == "city" else 3)
            elif area.kind != "city":
                level = max(level, 1)
        return level

    def place(self, e: Entry, text: str, direction: str | None = None) -> Place:
        """The Place record for one reading of a mention."""
        if direction and e.kind in ("country", "admin1", "region"):
            centre = self._centres.get((e, direction))
            if centre is None:
                centre = self._centres[(e, direction)] = region_centre(self.gazetteer, e, direction)
            lat, lon = centre
            word = {"n": "northern", "s": "southern", "e": "eastern", "w": "western",
                    "c": "central", "ne": "north-eastern", "nw": "north-western",
                    "se": "south-eastern", "sw": "south-western"}[direction]
            return Place(text=text, name=f"{word} {e.name}", country=e.country,
                         admin1=e.admin1 if e.kind != "country" else None,
                         lat=lat, lon=lon, geonameid=None,
                         precision="admin1" if e.country else "country")
        return Place(text=text, name=e.name, country=e.country,
                     admin1=e.admin1 if e.kind != "country" else None,
                     lat=e.lat, lon=e.lon, geonameid=e.geonameid, precision=e.precision)


@register_cache
@lru_cache(maxsize=4)
def _default_resolver(cache_dir: str | None) -> PlaceResolver:
    return PlaceResolver(default_gazetteer(cache_dir))


class DocumentPlaces:
    """The resolved places of one document, and the event-location rule over them."""

    def __init__(self, resolver: PlaceResolver, doc: Any, dateline: str | None,
                 actor_countries: Iterable[str], named_countries: Iterable[str] = ()) -> None:
        self.resolver = resolver
        self.doc = doc
        gaz = resolver.gazetteer
        self.mentions: list[Mention] = find_mentions(doc, gaz) if doc is not None else []
        self._named = Counter(c for c in named_countries if c)
        self._cues: Counter = Counter()
        if doc is not None:
            text = doc_text(doc)
            hits = _country_word_hits(text)
            self._named.update(place_noun_countries(text, hits))
            self._cues = country_word_weights(text, hits)
        self._text_names: Counter | None = None
        self._text_divisions: Counter | None = None
        actors = Counter(c for c in actor_countries if c) + Counter(dict.fromkeys(self._named, 1))
        dl_name = dateline_place(dateline)
        dl_country = None
        if dl_name:
            dl_place = resolver.lookup(dl_name)
            dl_country = dl_place.country if dl_place else None
        self._dateline_country = dl_country
        self._actors = actors
        # the countries of the text's country words, shared ones too ("crore", "dharna"),
        # favour a reading there as the actors' countries do: "Banga" beside a "Sikh"
        # protest is the Indian town, not the Philippine one
        scoring = actors + Counter(dict.fromkeys(self._cues, 1))
        # the same without the actors' nationalities, for the areas of unknown places: where
        # "Russian forces shelled X, Donetsk" is, is the text's to say, not the attackers'
        homes = Counter(dict.fromkeys(self._named, 1)) + Counter(dict.fromkeys(self._cues, 1))
        # the one country the text's own words lean to, clearly (see _leaning): it settles a
        # name two countries share whose readings differ little in size ("Punjab" beside
        # Indian farmers' unions and "Kisan" words is India's, not Pakistan's)
        self._lean = _leaning(self._named + self._cues)
        # the same from the words alone (division nouns, words of public life): bodies named
        # may act abroad (an armed group across a border), a country's words are used at home
        self._word_lean = _leaning(self._cues)
        # first pass: countries that mentions name without doubt
        doc_countries: Counter = Counter()
        local: Counter = Counter()  # the same, without country names (often a topic, not a scene)
        first: dict[int, Entry] = {}
        readings = [self._candidates(m) for m in self.mentions]  # both passes read them
        for k, m in enumerate(self.mentions):
            cands = readings[k]
            if not cands:
                continue
            best = max(cands, key=lambda e: resolver.score(e, m.name, _NO_COUNTS, _NO_COUNTS, None,
                                                           m.qualifiers, m.admin_hint))
            areas = [q for q in m.qualifiers if not (len(q) == 3 and q.isupper())]
            if areas and not any(resolver._qualifies(best, q) for q in areas):
                continue  # a namesake outside the area the text gives is no evidence
            first[k] = best
            countries = {e.country for e in cands}
            if best.country and (len(countries) == 1 or best.kind == "country" or m.qualifiers):
                doc_countries[best.country] += 1
                if best.kind != "country":
                    local[best.country] += 1
        self.places: list[Place | None] = []
        for k, m in enumerate(self.mentions):
            cands = readings[k]
            if not cands:
                self.places.append(self._by_brackets(m, _NO_COUNTS, homes, dl_country))
                continue
            own = Counter(doc_countries)
            if k in first and first[k].country and own[first[k].country] > 0:
                own[first[k].country] -= 1  # a mention is no evidence for itself
            best = max(cands, key=lambda e: resolver.score(
                e, m.name, +own, scoring, dl_country, m.qualifiers, m.admin_hint)
                + self._lean_bonus(e, cands) + _division_noun_bonus(e, m) + _district_noun_bonus(e, m))
            areas = [q for q in m.qualifiers if not (len(q) == 3 and q.isupper())]
            if areas and not any(resolver._qualifies(best, q) for q in areas):
                # no reading lies in the areas the text gives ("Taree (Kalaw, Shan)"):
                # the text's own area is surer than a namesake elsewhere
                fallback = self._by_brackets(m, _NO_COUNTS, homes, dl_country)
                if fallback is not None and not self._text_prefers(best.country, fallback.country, own, homes):
                    self.places.append(fallback)
                    continue
            unit = _unit_countries(m)
            if unit and best.country not in unit:
                # "Tala Tehsil", "Tala upazila": the text says the place is a division
                # of a country that uses that noun; a namesake elsewhere is not it, however big
                inside = [e for e in cands if e.country in unit]
                if not inside:
                    self.places.append(None)
                    continue
                best = max(inside, key=lambda e: resolver.score(
                    e, m.name, +own, scoring, dl_country, m.qualifiers, m.admin_hint))
            own_local = Counter(local)
            if k in first and first[k].country and own_local[first[k].country] > 0:
                own_local[first[k].country] -= 1
            if self._overruled(best, m, +own_local, own):
                self.places.append(None)
                continue
            self.places.append(resolver.place(best, _written_name(m), None if m.near else m.direction))
        self._settle_border_pairs()

    def _settle_border_pairs(self) -> None:
        """"the A-B border": either country's name is where the event was only as far as the
        text's other evidence says; the towns and divisions the document names elsewhere and
        its domestic bodies pick the side ("close to the A-B border" beside a district of A
        is in A), and without such evidence the names stay as they were."""
        doc = self.doc
        pairs: list[tuple[int, str, str]] = []
        for k, (m, p) in enumerate(zip(self.mentions, self.places)):
            if p is None or p.precision != "country" or not p.country:
                continue
            partner = _border_partner(doc, m)
            if partner is None:
                continue
            other = next((e.country for e in self.resolver.gazetteer.lookup(partner, loose=False)
                          if e.kind == "country"), None)
            if other and other != p.country:
                pairs.append((k, p.country, other))
        if not pairs:
            return
        taken = {k for k, _, _ in pairs}
        evidence: Counter = Counter(self._named)
        evidence.update(p.country for k, p in enumerate(self.places)
                        if k not in taken and p is not None and p.country and p.precision != "country")
        evidence.update(self._name_countries(with_countries=False))
        for k, own, other in pairs:
            if evidence.get(other, 0) > evidence.get(own, 0):
                entry = self.resolver.gazetteer.country(other)
                if entry is not None:
                    self.places[k] = self.resolver.place(entry, entry.name)

    def _lean_bonus(self, e: Entry, cands: list[Entry]) -> float:
        """:data:`LEAN_BONUS` for a reading in the country the text leans to, when the name
        also reads as a place in another country; else 0."""
        if self._lean is None or e.country != self._lean:
            return 0.0
        return LEAN_BONUS if any(c.country and c.country != e.country for c in cands) else 0.0

    def _overruled(self, best: Entry, m: Mention, places: Counter, named_places: Counter) -> bool:
        """A weak reading (a small town or district, or one matched by another of its names) in a
        country nothing else in the document names, where the other towns and divisions
        (country names are often a topic: "against the war in Ukraine") or the domestic
        bodies the text names point to another country (twice, for a town of
        up to 100,000 people matched by its own name): the name is most
        likely a place there that the gazetteer does not know ("Barin Nagar" in a
        Bangladeshi upazila is no town in India). The mention is dropped; the event
        falls back on the other places or the document's country."""
        if best.kind not in ("city", "admin2") or m.qualifiers or m.parenthetical or not best.country:
            return False
        if best.population >= TOWN_READING_MAX_POPULATION:
            return False
        if named_places.get(best.country) or self._actors.get(best.country) or best.country == self._dateline_country:
            return False
        evidence = places + self._named
        if self._word_lean is not None and self._word_lean != best.country:
            # the text's own words lean clearly to another country ("... in X upazila"):
            # one more piece of evidence against the namesake
            evidence[self._word_lean] += 1
        if not evidence:
            # divisions and big towns named inside other names ("the Maharashtra government")
            if self._text_divisions is None:
                self._text_divisions = self._name_countries(with_countries=False)
            evidence = Counter({c: 1 for c, n in self._text_divisions.items() if n >= 1.0})
        weak = normalise(best.name) != normalise(m.name) or best.population < WEAK_READING_MAX_POPULATION
        if not evidence and weak and self._cues and not self._cues.get(best.country):
            # only the words of public life point anywhere ("a Sikh protest in Mana"): together
            # a vote against a hamlet abroad that nothing in the text supports
            evidence = Counter({"": sum(self._cues.values())})
        if not evidence or evidence.get(best.country):
            return False
        return max(evidence.values()) >= (1 if weak else 2)

    def _candidates(self, m: Mention) -> list[Entry]:
        """The readings of a mention; a name that is also an English word ("Police",
        "Center") reads as a small town or a division only with a place noun or areas
        after it."""
        gaz = self.resolver.gazetteer
        cands = gaz.lookup(m.name)
        if not cands and m.from_entity and m.role in ("locative", "target") and m.name.istitle() \
                and " " not in m.name and not m.qualifiers and not m.parenthetical:
            # a big city misspelt by one letter, named where a place goes ("in Chittagon")
            cands = gaz.near_miss(m.name)
        if not cands and " " in m.name and not m.qualifiers and not m.parenthetical:
            cands = leading_area(gaz, m.name)
        if cands and not m.cued and gaz.is_common_word(m.name):
            # nor as a division: "the Centre" (India's central government) is no region of Burkina Faso
            cands = [e for e in cands if e.kind not in ("city", "admin1", "admin2")
                     or (e.kind == "city" and e.population >= COMMON_WORD_MIN_POPULATION)
                     or (e.kind != "city" and m.admin_hint)]
        return cands

    def country_place(self, iso3: str | None = None) -> Place | None:
        """The country ``iso3`` as a place, else the country the document's places name
        most; where they name none, the dateline's country, else the country that the
        names of the text carry ("the Sindh Health Department", "Pakistani troops",
        "in hyderabad"), actors' countries breaking ties."""
        if iso3 is None:
            counts = Counter(p.country for p in self.places if p is not None and p.country)
            if counts and self._lean is not None and self._lean not in counts and all(
                    p.precision == "country" for p in self.places if p is not None and p.country):
                # only country names, none of them the one the text's own bodies and words lean
                # to: topics ("slogans in favour of X"), not where an unplaced event happened
                counts = Counter({self._lean: 1})
            if not counts and self._dateline_country:
                counts[self._dateline_country] += 1
            if not counts:
                counts = Counter(self._names_of_text())
                if counts:
                    # the domestic bodies named settle a name several countries share
                    # ("the Hyderabad press club" beside MQM and PTI workers), and so do
                    # the words of one country's public life ("Punjab" beside a "Kisan
                    # Sangharsh Front")
                    counts.update({c: n for c, n in self._named.items() if c in counts})
                    counts.update({c: n for c, n in self._cues.items() if c in counts})
            if not counts and self._named:
                counts = Counter(self._named)
            if not counts and self._cues:
                # words several countries share, settling on one ("Samiti" and "dharna":
                # India, where both are used), else on the likelier user of the words
                ranked = self._cues.most_common(2)
                if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                    counts = Counter({ranked[0][0]: 1})
            if not counts and len(self._actors) == 1:
                # the actors of an unplaced protest or attack, all of one country: the
                # event is most likely at home
                counts = Counter(self._actors)
            if not counts:
                return None
            # counts a hundredth apart (a shared name's likelier reading) are a tie that
            # the actors' countries break ("an Akali worker" beside a shared "Punjab")
            iso3 = max(counts, key=lambda c: (round(counts[c], 1), self._actors.get(c, 0), counts[c], self._cues.get(c, 0)))
        entry = self.resolver.gazetteer.country(iso3)
        return self.resolver.place(entry, entry.name) if entry is not None else None

    def _names_of_text(self) -> Counter:
        """:meth:`_name_countries`, computed once."""
        if self._text_names is None:
            self._text_names = self._name_countries()
        return self._text_names

    def _name_countries(self, with_countries: bool = True) -> Counter:
        """Countries named inside the text's other names: divisions and countries in
        organisation names ("the Sindh Health Department"), sizeable places written in
        lower case ("in hyderabad"). A name several countries share counts for each in
        part, the likelier reading a little more; names that are English words ("union",
        "mobile") do not count. Actors' nationalities do not place an event ("workers of a
        Chinese company") unless they are the only evidence and agree."""
        counts: Counter = Counter()
        doc = self.doc
        if doc is None:
            return counts
        gaz = self.resolver.gazetteer
        words_of_life = _country_words()[0]
        seen: set[str] = set()
        for i in range(len(doc)):
            for n in (3, 2, 1):
                span = doc[i:i + n]
                if len(span) < n or not all(x.is_alpha for x in span) or len(span.text) < 4:
                    continue
                key = normalise(span.text)
                if key in seen or gaz.is_common_word(key) or span[0].is_stop or span[-1].is_stop:
                    continue
                if n == 3 and not (span[0].is_title and span[-1].is_title):
                    continue  # three words: a capitalised name only ("Dera Ismail Khan")
                if n == 1 and key in words_of_life:
                    continue  # "the Kisan Sabha": a word of public life (its countries count as such), not Libya's Sabha
                if span[0].ent_type_ in ("NORP", "PERSON") and not _institution_after(span):
                    # a nationality, a person, unless a first-level division before the
                    # noun of a body ("the Punjab assembly", "the Bihar teachers' union")
                    found = gaz.lookup(key, loose=False)
                    if not _division_modifier(span, found):
                        continue
                else:
                    found = gaz.lookup(key, loose=False)
                cands = [e for e in found if e.kind in ("admin1", "region")
                         or (with_countries and e.kind == "country")
                         or (e.kind == "city" and e.population >= _NAME_CITY_MIN_POPULATION)]
                if not cands and span.text[:1].isupper() and not _inside_longer_name(span):
                    # a district written as a name ("Achham locals", "the Orakzai
                    # administration"), where all its readings are in one country; not the
                    # end of another name ("Sauda" in "the Dera Sacha Sauda")
                    cands = [e for e in found if e.kind == "admin2"]
                    if len({e.country for e in found}) != 1:
                        cands = []
                if n == 1 and cands and all(e.kind == "city" for e in cands) and _name_of_person(span[0]):
                    continue  # "a policeman (Ahmad Rashid)": a person's name, not the town
                if not cands:
                    continue
                if any(e.kind == "country" for e in cands) and foreign_name(doc, span.end):
                    continue  # "the Pakistan High Commission", "US drones": no scene
                seen.add(key)
                countries = {e.country for e in cands if e.country}
                # a town's namesakes of a like size elsewhere share its vote (a town of
                # 80,000 in India beside a Zambian one of 170,000)
                biggest = max(e.population for e in cands)
                countries |= {e.country for e in found if e.country and e.kind == "city"
                              and e.population >= max(WEAK_READING_MAX_POPULATION, biggest / _NAMESAKE_SIZE_RATIO)
                              and all(c.kind == "city" for c in cands)}
                best = max(cands, key=_population_score)
                weight = 2.0 if best.kind not in ("city", "admin2") else 1.0
                for c in countries:
                    counts[c] += weight / len(countries) + (0.01 if c == best.country else 0.0)
                break
        return counts

    @staticmethod
    def _text_prefers(country: str | None, other: str | None, places: Counter, scoring: Counter) -> bool:
        """True when the document's other evidence (the countries its places name, its
        domestic bodies and country words; not its actors' nationalities) points to ``country`` and not to ``other``:
        a town read in its own country ("Marivan (Kurdistan)" in a story about Iranian
        teachers) rather than in a namesake of the bracketed area the gazetteer lacks there."""
        if not country or country == other:
            return False
        def support(c: str | None) -> bool:
            return bool(c) and bool(places.get(c) or scoring.get(c))
        return support(country) and not support(other)

    def _by_brackets(self, m: Mention, places: Counter = _NO_COUNTS, scoring: Counter = _NO_COUNTS,
                     dateline_country: str | None = None) -> Place | None:
        """A place the gazetteer does not know, "Minakulu (Oyam, Northern)", "Ruski Tyshky,
        Kharkiv": the smallest bracketed or qualifying area that it knows, read inside the
        ones after it; a name several countries share, in the country the document's other
        evidence (``places``, ``scoring``, ``dateline_country``, as for any mention) names."""
        gaz = self.resolver.gazetteer
        areas = list(m.parenthetical) + [q for q in m.qualifiers if q not in m.parenthetical
                                         and not (len(q) == 3 and q.isupper())]
        # "(Seoul City - Jung)": the district, then the city it is in
        areas = [part for a in areas for part in _dash_parts(a)]
        for i, name in enumerate(areas):
            cands = gaz.lookup(name) or gaz.lookup(_undirected(name))
            if cands:
                rest = [a for a in areas[i + 1:] if normalise(a) != normalise(name)]
                # the last bracketed name is the widest area written: monitors end with the
                # first-level division ("(Cerro Largo)"), so such a reading of it comes first
                last = i == len(areas) - 1
                best = max(cands, key=lambda e: self.resolver.score(e, name, places, scoring, dateline_country, rest)
                           + (_LAST_AREA_BONUS if last and e.kind in ("admin1", "region") else 0.0)
                           + self._lean_bonus(e, cands))
                known = [a for a in rest if gaz.has(a) or gaz.has(_undirected(a))]
                if known and not any(self.resolver._qualifies(best, a) for a in known):
                    continue  # a namesake outside the areas named after it: try the next
                return self.resolver.place(best, _written_name(m))
        return None

    def resolved(self) -> list[tuple[Mention, Place]]:
        """Every mention that resolved, with its place, in text order."""
        return [(m, p) for m, p in zip(self.mentions, self.places) if p is not None]

    def _fitting(self, start: int, end: int) -> list[tuple[Mention, Place]]:
        return [(m, p) for m, p in self.resolved()
                if start <= m.start < end and m.role in ("locative", "target", "other")]

    def event_location(self, sentence: Any, trigger: Any, exclude: frozenset[int] = frozenset()) -> Place | None:
        """Where the event carried by ``trigger`` in ``sentence`` happened, or None.

        ``exclude``: token indices of the sentence whose places say what the event is about,
        not where it was ("protested ... demanding aid to Ukraine"): mentions starting there
        are not the event's."""
        here = [mp for mp in self._fitting(sentence.start, sentence.end) if mp[0].start not in exclude]
        if here:
            return self._most_specific(here, trigger)
        for sent in self._context(sentence):
            found = [mp for mp in self._fitting(sent.start, sent.end) if mp[0].role != "other"]
            if found:
                root = sent.root  # once, not once per mention (spaCy walks the span for it)
                return min(found, key=lambda mp: self._cost(mp[0], mp[1], root))[1]
        return None

    def _most_specific(self, found: list[tuple[Mention, Place]], trigger: Any) -> Place:
        """The best-attached place, or a more specific one inside it when both are near:
        "Kiryat Shmona in northern Israel" is Kiryat Shmona."""
        ranked = sorted(found, key=lambda mp: self._cost(mp[0], mp[1], trigger))
        best_m, best = ranked[0]
        best_cost = self._cost(best_m, best, trigger)[0]
        for m, p in ranked[1:]:
            if (p.country == best.country and best.precision != "city" and p.precision == "city"
                    and m.role != "other" and self._cost(m, p, trigger)[0] <= best_cost + 2.5
                    and tree_distance(m.head, best_m.head) <= 3):
                return p
        if best.precision == "country":
            # a country named as the target or goal ("entered Turkey") beside a town of it
            # that the sentence places the event in ("stopped a vehicle in the Baykan
            # district of Siirt"): the town
            for m, p in ranked[1:]:
                if p.country == best.country and p.precision == "city" and m.role == "locative" \
                        and m.prep not in WEAK_PREPS:
                    return p
        return best

    @staticmethod
    def _cost(m: Mention, p: Place, trigger: Any) -> tuple[float, int, int]:
        dist = float(tree_distance(m.head, trigger)) if trigger is not None else 0.0
        if m.role == "locative":
            dist -= 0.5
            if m.prep in WEAK_PREPS:
                dist += 2.0
        elif m.role == "other":
            dist += 3.0
        linear = abs(m.start - trigger.i) if trigger is not None else m.start
        return (dist, _SPECIFICITY.get(p.precision or "", 3), linear)

    def _context(self, sentence: Any) -> list[Any]:
        """Earlier sentences of the paragraph, nearest first, then the lead's."""
        doc = sentence.doc
        text = doc_text(doc)
        cut = text.rfind("\n\n", 0, sentence.start_char)
        para_start = cut + 2 if cut >= 0 else 0
        sents = doc_sents(doc)
        before = [s for s in sents if para_start <= s.start_char < sentence.start_char]
        out = list(reversed(before[-_CONTEXT_SENTENCES:]))
        lead_end = text.find("\n\n")
        for s in sents[:2]:
            if s not in out and s.start < sentence.start and (lead_end < 0 or s.start_char < lead_end):
                out.append(s)
        return out
