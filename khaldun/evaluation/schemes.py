"""Label schemes: how each evaluation set's gold labels meet our event records.

Each set in ``../shared/eval`` labels its sentences differently (see its
README). A :class:`Scheme` knows one of them: which sentences it can score,
which fields it scores, and how to turn one gold sentence plus the events
khaldun predicted for it into per-field :class:`Comparison` objects, which
:mod:`khaldun.evaluation.metrics` then counts.

Choices made here, and why:

* **Which predicted events count.** An event counts when its ``polarity`` is
  ``affirmed`` and its ``modality`` is not ``claimed``, ``alleged``,
  ``denied`` or ``hypothetical``: the gold sets code what happened or was
  said to happen, not what someone denied or imagined. ``future`` and
  ``reported`` events count ("Arnor is about to restore ties" is coded 064).
  The ACLED-scheme sets (ACLED 2022, ACLED 2015, CASE 2021) also count
  ``claimed`` and ``alleged`` events: ACLED codes events as its sources report
  them ("activists said forces shelled the town" is a shelling), see
  :data:`ACLED_EXCLUDED_MODALITIES`.
* **The main event** of a sentence, for the single-label sets (PLOVER GSR,
  ConfliBERT), is the counted event with the highest ``confidence``; ties go
  to the earliest trigger. A plain statement (CAMEO 01) is ``event_type``
  null, shown as ``STATEMENT``, and ``quad_class`` 0. No counted event is a
  miss, the label ``NONE``.
* **PLOVER types** are compared after mapping the set's older names to
  today's: DEMAND to REQUEST, DISAPPROVE and INVESTIGATE to ACCUSE, FIGHT to
  ASSAULT.
* **CAMEO actor codes** (PETR2 GSR) give a country by their first three
  letters. ``---`` (country unknown) becomes null and matches only a
  prediction with no country: the gold says the text does not name one.
  ``IGO`` codes keep the organisation (``IGOUNO`` from ``IGOUNOMIL``); an
  IGO prediction matches when the organisations agree, or when either side
  names no organisation (just ``IGO``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from khaldun.errors import UsageError
from khaldun.evaluation.metrics import NONE, Matcher, exact
from khaldun.records import Actor, EventRecord

EXCLUDED_MODALITIES = frozenset({"claimed", "alleged", "denied", "hypothetical"})
STATEMENT = "STATEMENT"
EVENT = "EVENT"

PLOVER_OLD_TO_NEW = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""PLOVER GSR labels from the 18-type draft, renamed to today's 16 types"""

PLOVER_LOCATION_COUNTRY = {
    "algers": "DZA", "bam": "IRN", "basra": "IRQ", "beirut": "LBN", "bosnia": "BIH",
    "britain": "GBR", "cambodia": "KHM", "dili": "TLS", "geneva": "CHE", "genoa": "ITA",
    "germany": "DEU", "gorazde": "BIH", "greece": "GRC", "hong kong": "HKG", "iran": "IRN",
    "iraq": "IRQ", "jaffna peninsula": "LKA", "jericho": "PSE", "kabul": "AFG",
    "khatmandu": "NPL", "kirkuk": "IRQ", "lagos": "NGA", "lebanon": "LBN", "macedonia": "MKD",
    "montenegro": "MNE", "samarra": "IRQ", "sarajevo": "BIH", "serbia": "SRB", "soroti": "UGA",
    "tbilisi": "GEO", "thailand": "THA", "tripoli": "LBN", "west bank": "PSE",
    "province of herat": "AFG", "town of rafah": "PSE",
}
"""Country of the place names PLOVER GSR gives as locations (it gives an ISO2
``country`` for only four). Our reading of the names, written by hand; names
we cannot place for sure ("Europe Bridge") are left out and not scored."""

SECTOR_ALIASES = {"CIV": "CVL"}


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One line of an evaluation file."""

    id: str
    text: str
    doc_date: str | None
    dataset: str
    gold: dict[str, Any]
    line: int


@dataclass(frozen=True, slots=True)
class Comparison:
    """One field of one sentence: gold against prediction."""

    field: str
    kind: str
    """``label`` or ``set``"""
    gold: Any
    """a label (str) or, for set fields, a tuple of items"""
    pred: Any
    matcher: Matcher = exact


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: str
    description: str
    labels: tuple[str, ...] | None = None


# --- predicted events -------------------------------------------------------


def counts_as_event(event: EventRecord) -> bool:
    """Whether an event is scored at all (see the module docstring)."""
    return event.polarity == "affirmed" and event.modality not in EXCLUDED_MODALITIES


def counted_events(events: Sequence[EventRecord]) -> list[EventRecord]:
    return [e for e in events if counts_as_event(e)]


def main_event(events: Sequence[EventRecord]) -> EventRecord | None:
    """The sentence's main event: highest confidence, then earliest trigger."""
    counted = counted_events(events)
    if not counted:
        return None
    return min(counted, key=lambda e: (-e.confidence, e.evidence.sentence_index, e.evidence.start))


def plover_label(event: EventRecord | None) -> str:
    if event is None:
        return NONE
    return event.event_type or STATEMENT


def map_plover_type(label: str) -> str:
    """An older PLOVER GSR type as today's type."""
    return PLOVER_OLD_TO_NEW.get(label, label)


# --- actor codes --------------------------------------------------------------


def cameo_actor_country(code: str | None) -> str | None:
    """Country part of a CAMEO actor code: ``USAGOV`` -> ``USA``, ``---LEG`` -> None,
    ``IGOUNOMIL`` -> ``IGOUNO``. Quoted free-text actors give None."""
    if not code or not code[:3].isalpha() or code.startswith('"'):
        return None
    code = code.upper()
    if code.startswith("IGO"):
        return code[:6]
    return code[:3]


def predicted_country(actor: Actor | None) -> str | None:
    if actor is None or not actor.country:
        return None
    return cameo_actor_country(actor.country)


def country_match(gold: str | None, pred: str | None) -> bool:
    """Gold country against predicted; see the module docstring for IGO codes."""
    if gold == pred:
        return True
    if gold and pred and gold.startswith("IGO") and pred.startswith("IGO"):
        return len(gold) == 3 or len(pred) == 3 or gold[:6] == pred[:6]
    return False


def dyad_match(gold: tuple[Any, ...], pred: tuple[Any, ...]) -> bool:
    """(code, actor country, recipient country) triples."""
    return gold[0] == pred[0] and country_match(gold[1], pred[1]) and country_match(gold[2], pred[2])


def normalise_sector(sector: str | None) -> str | None:
    """``CVLalb`` -> ``CVL``; ``***`` and empty -> None."""
    if not sector:
        return None
    head = sector[:3].upper()
    if not head.isalpha():
        return None
    return SECTOR_ALIASES.get(head, head)


def _label_in(field: str, golds: Sequence[str], pred: str | None, matcher: Matcher = exact) -> Comparison:
    """A label comparison where any of several gold labels is right (compound actors)."""
    p = pred if pred is not None else NONE
    hit = next((g for g in golds if pred is not None and matcher(g, pred)), None)
    return Comparison(field, "label", hit if hit is not None else golds[0], p if hit is None else hit)


# --- schemes ----------------------------------------------------------------


class Scheme:
    """How one evaluation set is scored. Subclasses fill in the class attributes."""

    name: ClassVar[str] = ""
    datasets: ClassVar[tuple[str, ...]] = ()
    """values of the records' ``dataset`` field this scheme reads"""
    description: ClassVar[str] = ""
    fields: ClassVar[tuple[FieldSpec, ...]] = ()

    def skip_reason(self, record: GoldRecord) -> str | None:
        """Why this sentence cannot be scored, or None."""
        return None

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        raise NotImplementedError


class PloverGSR(Scheme):
    name = "plover_gsr"
    datasets = ("plover_gsr",)
    description = "PLOVER gold standard records: event type of the main event, its actors, place and deaths"
    fields = (
        FieldSpec("event_type", "label", "PLOVER type of the main event (old types mapped to today's)"),
        FieldSpec("actor_country", "label", "main event's actor country is one of the gold source actors' countries"),
        FieldSpec("actor_sector", "label", "main event's actor sector is one of the gold source actors' sectors (when gold gives one)"),
        FieldSpec("recipient_country", "label", "main event's recipient country is one of the gold target actors' countries"),
        FieldSpec("location", "label", "main event's place name contains, or is contained in, the gold location"),
        FieldSpec("location_country", "label", "main event's place country against the gold location's country"),
        FieldSpec("fatalities", "label", "deaths (main event's count, else the first counted event's); NONE when neither side has one"),
    )

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        g = record.gold
        main = main_event(events)
        out = [Comparison("event_type", "label", map_plover_type(g["event_type"]), plover_label(main))]
        actor = main.actor if main else None
        recipient = main.recipient if main else None

        src = [c for c in (g.get("source_actor_codes") or []) if c.get("code")]
        if src:
            codes = [cameo_actor_country(c["code"]) or c["code"] for c in src]
            out.append(_label_in("actor_country", codes, predicted_country(actor), country_match))
            sectors = [s for s in (normalise_sector(c.get("sector")) for c in src) if s]
            if sectors:
                out.append(_label_in("actor_sector", sectors, normalise_sector(actor.sector if actor else None)))
        tgt = [c for c in (g.get("target_actor_codes") or []) if c.get("code")]
        if tgt:
            codes = [cameo_actor_country(c["code"]) or c["code"] for c in tgt]
            out.append(_label_in("recipient_country", codes, predicted_country(recipient), country_match))

        place = main.location if main else None
        if g.get("location"):
            gold_name = str(g["location"])
            pred_name = (place.name or place.text) if place else None
            names = [n.lower() for n in (place.name, place.text) if n] if place else []
            hit = any(gold_name.lower() in n or n in gold_name.lower() for n in names)
            out.append(Comparison("location", "label", gold_name, gold_name if hit else (pred_name or NONE)))
        gold_country = _plover_location_country(g)
        if gold_country:
            out.append(Comparison("location_country", "label", gold_country, (place.country if place else None) or NONE))

        gold_deaths = _count_label(g.get("fatalities"))
        pred_deaths = NONE
        for e in ([main] if main else []) + counted_events(events):
            if e.fatalities is not None:
                pred_deaths = str(e.fatalities.value)
                break
        if gold_deaths is not None:
            out.append(Comparison("fatalities", "label", gold_deaths, pred_deaths))
        return out


def _plover_location_country(g: dict[str, Any]) -> str | None:
    iso2 = g.get("country")
    if iso2:
        import pycountry

        found = pycountry.countries.get(alpha_2=str(iso2).upper())
        if found is not None:
            return str(found.alpha_3)
    name = g.get("location")
    return PLOVER_LOCATION_COUNTRY.get(str(name).lower()) if name else None


def _count_label(raw: Any) -> str | None:
    """Gold count as a label: digits as an int string, null as ``NONE``, words ("Thousands") unscored."""
    if raw is None:
        return NONE
    text = str(raw).strip().replace(",", "")
    return str(int(text)) if text.isdigit() else None


class ConfliBERTCameo(Scheme):
    name = "conflibert_cameo"
    datasets = ("conflibert_cameo",)
    description = "ConfliBERT CAMEO PentaClass: 5-way class of the main event (quad_class, 0 for statements)"
    fields = (
        FieldSpec("quad_class", "label", "5-way class of the main event: 0 statement .. 4 material conflict",
                  labels=("0", "1", "2", "3", "4")),
    )

    def skip_reason(self, record: GoldRecord) -> str | None:
        label = record.gold.get("label_id")
        return None if str(label) in {"0", "1", "2", "3", "4"} else f"label_id {label!r} is not 0..4"

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        main = main_event(events)
        pred = str(main.quad_class) if main else NONE
        return [Comparison("quad_class", "label", str(record.gold["label_id"]), pred)]


def _valid_cameo(code: Any) -> bool:
    return isinstance(code, str) and len(code) >= 3 and code[:2].isdigit() and 1 <= int(code[:2]) <= 20


class _CameoSets(Scheme):
    """Shared by the two PETRARCH sets: every expected event is listed."""

    with_dyads: ClassVar[bool] = False

    def skip_reason(self, record: GoldRecord) -> str | None:
        error = record.gold.get("expected_error")
        if error in {"dateline", "bad_input_parse"}:
            return f"tests PETRARCH input handling ({error})"
        if error == "storydiscard":
            # PETRARCH drops a whole story when a keyword (a typhoon, a golf championship)
            # appears anywhere in it: a pipeline filter, not a judgement of the sentence.
            # Sentence-level discards (sports news) are still scored as "no event".
            return "tests PETRARCH's story-level keyword filter (storydiscard)"
        bad = [e["event_type"] for e in record.gold.get("events") or [] if not _valid_cameo(e.get("event_type"))]
        if bad:
            return "toy codes outside CAMEO (" + ", ".join(sorted(set(map(str, bad)))) + ")"
        return None

    def gold_events(self, record: GoldRecord) -> list[dict[str, Any]]:
        # the "discard" tests (sports, typhoons) expect no event at all
        return list(record.gold.get("events") or [])

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        gold = self.gold_events(record)
        pred = counted_events(events)
        out = [
            Comparison("cameo_root", "set", _uniq(e["event_type"][:2] for e in gold), _uniq(e.cameo_root for e in pred)),
            Comparison("cameo_code", "set", _uniq(e["event_type"] for e in gold), _uniq(e.cameo_code for e in pred)),
        ]
        if self.with_dyads:
            def gd(e: dict[str, Any], n: int | None) -> tuple[Any, ...]:
                code = e["event_type"] if n is None else e["event_type"][:n]
                return (code, cameo_actor_country(e.get("source_actor")), cameo_actor_country(e.get("target_actor")))

            def pd(e: EventRecord, full: bool) -> tuple[Any, ...]:
                code = e.cameo_code if full else e.cameo_root
                return (code, predicted_country(e.actor), predicted_country(e.recipient))

            out.append(Comparison("dyad_root", "set", _uniq(gd(e, 2) for e in gold), _uniq(pd(e, False) for e in pred), dyad_match))
            out.append(Comparison("dyad", "set", _uniq(gd(e, None) for e in gold), _uniq(pd(e, True) for e in pred), dyad_match))
        gold_flag = EVENT if gold else NONE
        pred_flag = EVENT if pred else NONE
        out.append(Comparison("event_detection", "label", gold_flag, pred_flag))
        if not gold:
            out.append(Comparison("empty_sentences", "label", NONE, pred_flag))
        return out


def _uniq(items: Any) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


_CAMEO_FIELDS = (
    FieldSpec("cameo_root", "set", "set of CAMEO roots (2 digits) in the sentence"),
    FieldSpec("cameo_code", "set", "set of full CAMEO codes in the sentence"),
)
_DETECTION_FIELDS = (
    FieldSpec("event_detection", "label", "does the sentence hold any event (EVENT) or none (NONE)"),
    FieldSpec("empty_sentences", "label", "sentences whose gold has no event: share where khaldun gives none"),
)


class Petr2GSR(_CameoSets):
    name = "petr2_gsr"
    datasets = ("petr2_gsr_validation",)
    description = "PETR2 GSR validation (real AFP sentences): CAMEO codes and (code, actor country, recipient country) dyads"
    with_dyads = True
    fields = _CAMEO_FIELDS + (
        FieldSpec("dyad_root", "set", "set of (CAMEO root, actor country, recipient country)"),
        FieldSpec("dyad", "set", "set of (full CAMEO code, actor country, recipient country)"),
    ) + _DETECTION_FIELDS


class Petrarch2UnitTest(_CameoSets):
    name = "petrarch2_unittest"
    datasets = ("petrarch2_unittest",)
    description = "PETRARCH2 unit tests (fictional actors): CAMEO codes only"
    fields = _CAMEO_FIELDS + _DETECTION_FIELDS


# --- ACLED, CASE 2021 and IndiaPoliceEvents (document-level sets) -------------


ACLED_EXCLUDED_MODALITIES = frozenset({"denied", "hypothetical"})
"""Modalities the ACLED-scheme sets (ACLED 2022, ACLED 2015, CASE 2021) do not count. ACLED
"codes reported information" (codebook, introduction): an attack a monitor, a rights group or one
side says or claims happened is coded as its source reports it, so a claimed or alleged event
stands for the document there; a denied, negated or hypothetical one does not."""


def counts_as_acled_event(event: EventRecord) -> bool:
    """Whether an event is scored by the ACLED-scheme sets: affirmed, and not denied or
    hypothetical (claimed and alleged events count: see :data:`ACLED_EXCLUDED_MODALITIES`)."""
    return event.polarity == "affirmed" and event.modality not in ACLED_EXCLUDED_MODALITIES


def acled_counted_events(events: Sequence[EventRecord]) -> list[EventRecord]:
    return [e for e in events if counts_as_acled_event(e)]


def acled_event(events: Sequence[EventRecord]) -> EventRecord | None:
    """The document's event for the ACLED sets: the most confident event that the ACLED
    sets count (:func:`counts_as_acled_event`) and that has an ACLED type (ties to the
    earliest trigger)."""
    typed = [e for e in acled_counted_events(events) if e.acled_event_type]
    if not typed:
        return None
    return min(typed, key=lambda e: (-e.confidence, e.evidence.sentence_index, e.evidence.start))


COUNTRY_NAME_ALIASES = {
    "cape verde": "CPV", "curacao": "CUW", "democratic republic of congo": "COD",
    "republic of congo": "COG", "palestine": "PSE", "russia": "RUS", "turkey": "TUR",
    "kosovo": "XKX", "eswatini": "SWZ", "ivory coast": "CIV", "micronesia": "FSM",
    "east timor": "TLS", "bonaire, saint eustatius and saba": "BES", "vatican city": "VAT",
}
"""ACLED country names pycountry does not know under that spelling"""


def country_iso3(name: str | None) -> str | None:
    """ISO3 of a country name as ACLED writes it; None when unknown."""
    if not name:
        return None
    key = str(name).strip().lower()
    if key in COUNTRY_NAME_ALIASES:
        return COUNTRY_NAME_ALIASES[key]
    import pycountry

    try:
        return str(pycountry.countries.lookup(str(name).strip()).alpha_3)
    except LookupError:
        return None


def _fold(name: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().replace("-", " ").split())


def place_name_match(gold_names: Sequence[str], place: Any) -> bool:
    """The predicted place's name (or its text) equals the gold location or one of its admin names."""
    if place is None:
        return False
    golds = {_fold(g) for g in gold_names if g}
    return any(_fold(n) in golds for n in (place.name, place.text) if n)


def _fatalities(event: EventRecord | None) -> str:
    """Predicted deaths as a label; no count is 0."""
    return str(event.fatalities.value) if event is not None and event.fatalities is not None else "0"


class Acled2022(Scheme):
    name = "acled_acledr"
    datasets = ("acled_acledr",)
    description = "ACLED 2022 event descriptions: types, place, date and deaths of the document's ACLED event"
    fields = (
        FieldSpec("event_type", "label", "ACLED event type of the most confident event with an ACLED type"),
        FieldSpec("sub_event_type", "label", "ACLED sub-event type of that event"),
        FieldSpec("location_country", "label", "that event's place country against the gold country (ISO3)"),
        FieldSpec("location", "label", "that event's place name equals the gold location or one of its admin names"),
        FieldSpec("date", "label", "that event's date equals the gold event date"),
        FieldSpec("fatalities", "label", "that event's deaths equal the gold fatalities (no count is 0)"),
    )

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        g = record.gold
        main = acled_event(events)
        out = [
            Comparison("event_type", "label", g.get("event_type") or NONE, (main.acled_event_type if main else None) or NONE),
            Comparison("sub_event_type", "label", g.get("sub_event_type") or NONE,
                       (main.acled_sub_event_type if main else None) or NONE),
        ]
        place = main.location if main else None
        out += _place_comparisons(g, place, names=True)
        if g.get("event_date"):
            out.append(Comparison("date", "label", str(g["event_date"]), (main.date if main else None) or NONE))
        if g.get("fatalities") is not None:
            out.append(Comparison("fatalities", "label", str(int(g["fatalities"])), _fatalities(main)))
        return out


def _place_comparisons(g: dict[str, Any], place: Any, *, names: bool) -> list[Comparison]:
    out = []
    gold_country = country_iso3(g.get("country"))
    if gold_country:
        out.append(Comparison("location_country", "label", gold_country, (place.country if place else None) or NONE))
    if names and g.get("location"):
        gold_names = [str(g[k]) for k in ("location", "admin1", "admin2", "admin3") if g.get(k)]
        pred = (place.name or place.text) if place else None
        hit = place_name_match(gold_names, place)
        out.append(Comparison("location", "label", str(g["location"]), str(g["location"]) if hit else (pred or NONE)))
    return out


ACLED_2015_TYPES = {
    "Riots/Protests": ("Riots", "Protests"),
    "Battle-No change of territory": ("Battles",),
    "Battle-Government regains territory": ("Battles",),
    "Battle-Non-state actor overtakes territory": ("Battles",),
    "Violence against civilians": ("Violence against civilians",),
    "Remote violence": ("Explosions/Remote violence",),
    "Strategic development": ("Strategic developments",),
    "Non-violent transfer of territory": ("Strategic developments",),
}
"""ACLED's 2015 event types as today's; any of several is right"""


class Acled2015(Scheme):
    name = "acled_asia2015"
    datasets = ("acled_asia2015",)
    description = "ACLED 2015 South Asia news excerpts: event type (old taxonomy mapped to today's), country, deaths"
    fields = (
        FieldSpec("event_type", "label", "ACLED event type of the document's ACLED event, against the old type mapped to today's"),
        FieldSpec("location_country", "label", "that event's place country against the gold country (ISO3)"),
        FieldSpec("fatalities", "label", "that event's deaths equal the gold fatalities (no count is 0)"),
    )

    def skip_reason(self, record: GoldRecord) -> str | None:
        label = record.gold.get("event_type")
        return None if label in ACLED_2015_TYPES else f"2015 event type {label!r} has no counterpart today"

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        g = record.gold
        main = acled_event(events)
        golds = list(ACLED_2015_TYPES[g["event_type"]])
        out = [_label_in("event_type", golds, main.acled_event_type if main else None)]
        out += _place_comparisons(g, main.location if main else None, names=False)
        if g.get("fatalities") is not None:
            out.append(Comparison("fatalities", "label", str(int(g["fatalities"])), _fatalities(main)))
        return out


CASE2021_SUB_TYPES = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
}
"""CASE 2021 task 2's labels for ACLED sub-event types; its other labels (DIPLO,
ORG_CRIME, NATURAL_DISASTER, ...) are outside ACLED and have no event type"""

_CASE_BY_SUB_TYPE = {sub: code for code, (_, sub) in CASE2021_SUB_TYPES.items()}

CASE2021_RESPONSIBILITY_CODES = frozenset({"015", "016"})
"""CAMEO 015 (acknowledge or claim responsibility) and 016 (deny responsibility): CASE 2021's
ATTRIB label (attribution of responsibility for an act) by definition"""

CASE2021_DIPLOMATIC_ROOTS = frozenset({"02", "03", "04", "05", "10", "11", "12", "13", "16"})
"""CAMEO's verbal interactions and reduced relations (appeal, intent, consult, diplomatic
cooperation, demand, disapprove, reject, threaten, sanctions and expulsions): CASE 2021's
DIPLO label (diplomatic events) by definition, when a government acts towards another
government or state (or towards no one named)"""


CASE2021_INCIDENT_LABELS = {
    "natural_disaster": "NATURAL_DISASTER", "man_made_disaster": "MAN_MADE_DISASTER", "organized_crime": "ORG_CRIME",
}
"""CASE 2021's labels outside ACLED for the record's ``incident_class`` (khaldun/coding/incidents.py):
the same classes by definition (natural and man-made disasters, organised crime)"""


def _governmental(actor: Actor | None) -> bool:
    if actor is None:
        return False
    return normalise_sector(actor.sector) in {"GOV", "IGO"} or (actor.kind == "country" and not actor.sector)


def _of_a_state(actor: Actor) -> bool:
    """A state, its government, or any branch of it (its army's or its judiciary's leaders are the
    state too: sanctions "on the junta's military leaders" are a state's measure against a state)."""
    return _governmental(actor) or actor.kind == "country" or (
        bool(actor.country) and normalise_sector(actor.sector) in {"MIL", "COP", "SPY", "JUD", "LEG"})


def case2021_label(events: Sequence[EventRecord]) -> str:
    """The CASE 2021 label our records give a snippet.

    The document's ACLED event (:func:`acled_event`) gives its sub-type's label, unless a
    claim or denial of responsibility (CAMEO 015/016) is at least as confident: the
    attack is then what is claimed (ATTRIB). With no ACLED event, a government's
    verbal interaction or reduction of relations is DIPLO. The mapping is by
    definition of the CAMEO codes, never per record. A record that carries an
    ``incident_class`` (a natural or man-made disaster, organised crime) gives that class's
    label (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER) when it is the most confident
    record, or when the document's ACLED event is itself one.
    """
    counted = acled_counted_events(events)
    main = acled_event(events)
    incidents = [e for e in counted if e.incident_class in CASE2021_INCIDENT_LABELS]
    if incidents:
        incident = min(incidents, key=lambda e: (-e.confidence, e.evidence.sentence_index, e.evidence.start))
        if main is None or main.incident_class or incident.confidence >= main.confidence:
            return CASE2021_INCIDENT_LABELS[incident.incident_class or ""]
    claims = [e for e in counted if e.cameo_code in CASE2021_RESPONSIBILITY_CODES]
    if claims and (main is None or max(e.confidence for e in claims) >= main.confidence):
        return "ATTRIB"
    if main is not None:
        return _CASE_BY_SUB_TYPE.get(main.acled_sub_event_type or "", NONE)
    top = main_event([e for e in counted if e.cameo_root in CASE2021_DIPLOMATIC_ROOTS and _governmental(e.actor)
                      and (e.recipient is None or _of_a_state(e.recipient))])
    return "DIPLO" if top is not None else NONE


class Case2021(Scheme):
    name = "case2021_task2"
    datasets = ("case2021_task2",)
    description = "CASE 2021 task 2: the ACLED sub-event type (25 labels, plus unseen non-ACLED ones) of the snippet's ACLED event"
    fields = (
        FieldSpec("sub_event_type", "label", "CASE label of the document's ACLED event's sub-event type (weighted F1 is the task's measure)"),
        FieldSpec("event_type", "label", "ACLED event type of that event, for labels with an ACLED type"),
    )

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        label = str(record.gold.get("event_type"))
        main = acled_event(events)
        out = [Comparison("sub_event_type", "label", label, case2021_label(events))]
        if label in CASE2021_SUB_TYPES:
            out.append(Comparison("event_type", "label", CASE2021_SUB_TYPES[label][0],
                                  (main.acled_event_type if main else None) or NONE))
        return out


POLICE_LABELS = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
"""the IndiaPoliceEvents labels scored (FAIL, police failing to act, is not an event we code)"""

_POLICE_WORDS = frozenset({
    "police", "policeman", "policemen", "policewoman", "policewomen", "cop", "cops",
    "constable", "constables", "constabulary", "inspector", "inspectors", "sub-inspector",
})


def is_police(actor: Actor | None) -> bool:
    """Sector COP or POL, or a police word in the actor's text or name."""
    if actor is None:
        return False
    if normalise_sector(actor.sector) in {"COP", "POL"}:
        return True
    words = " ".join(t for t in (actor.text, actor.name) if t).lower().replace("'s", " ").split()
    return any(w.strip(".,;:()\"'") in _POLICE_WORDS for w in words)


def police_actions(events: Sequence[EventRecord]) -> tuple[str, ...]:
    """The IndiaPoliceEvents labels the events give: see the eval README."""
    found: set[str] = set()
    for e in events:
        if e.polarity != "affirmed" or not is_police(e.actor):
            continue
        arrest = e.cameo_code == "173" or e.acled_sub_event_type == "Arrests"
        if arrest:
            found.add("ARREST")
        elif e.event_type in {"ASSAULT", "COERCE"}:
            found.add("FORCE")
        if e.event_type == "ASSAULT" and e.fatalities is not None and e.fatalities.value > 0:
            found.add("KILL")
    if found:
        found.add("ANY_ACTION")
    return tuple(label for label in POLICE_LABELS if label in found)


class IndiaPoliceEventsDocs(Scheme):
    name = "indiapoliceevents_docs"
    datasets = ("indiapoliceevents_docs",)
    description = "IndiaPoliceEvents articles: which of KILL, ARREST, FORCE, ANY_ACTION police did, per document"
    fields = (
        FieldSpec("police_action", "set", "labels police actions in the document give; F1 per label, macro over the four",
                  labels=POLICE_LABELS),
    )

    def compare(self, record: GoldRecord, events: Sequence[EventRecord]) -> list[Comparison]:
        gold = tuple(label for label in POLICE_LABELS if label in (record.gold.get("event_type") or []))
        return [Comparison("police_action", "set", gold, police_actions(events))]


class IndiaPoliceEventsSents(IndiaPoliceEventsDocs):
    name = "indiapoliceevents_sents"
    datasets = ("indiapoliceevents_sents",)
    description = "IndiaPoliceEvents sentences: the same labels per sentence"


SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    PloverGSR(), Petr2GSR(), Petrarch2UnitTest(), ConfliBERTCameo(), Acled2022(), Acled2015(), Case2021(),
    IndiaPoliceEventsDocs(), IndiaPoliceEventsSents(),
)}
"""every scheme, by name"""


def get_scheme(name: str) -> Scheme:
    try:
        return SCHEMES[name]
    except KeyError:
        raise UsageError(f"unknown evaluation scheme {name!r}; known: {', '.join(sorted(SCHEMES))}") from None


def scheme_for_dataset(dataset: str) -> Scheme:
    """The scheme that reads records whose ``dataset`` field is ``dataset``."""
    for scheme in SCHEMES.values():
        if dataset in scheme.datasets:
            return scheme
    raise UsageError(
        f"no evaluation scheme knows dataset {dataset!r}; name one with --scheme ({', '.join(sorted(SCHEMES))})"
    )
