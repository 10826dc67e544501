"""Extend the knowledge base from a Wikidata JSON dump (``khaldun kb import``).

The input is Wikidata's dump format (``latest-all.json[.gz]``): a JSON array
written one entity per line, each line ending in a comma, between a ``[``
line and a ``]`` line. Gzip is detected from the file's first bytes. One
pass reads:

- countries: items with an ISO 3166-1 alpha-3 code (P298), so that later
  references resolve to ISO3 (the shipped countries' QIDs are known too);
- positions: any item's label, country (P17) and jurisdiction (P1001);
- people: humans (P31 Q5) with positions held (P39), each with start (P580)
  and end (P582) qualifiers; the position's country, else the person's
  citizenship (P27), gives the country; the position's label read with the
  role lexicon ("Minister of Foreign Affairs of Iran": minister, GOV) gives
  title and sector;
- organisations: items with a country (P17) or headquarters (P159) whose
  description or class (P31) names a kind of organisation ("militant group",
  "political party", "news agency", ...), which gives the sector.

Rows are written to ``people.tsv`` and ``organizations.tsv`` in the user KB
folder, in the shipped files' format; rows an earlier import wrote for the
same QIDs are replaced, so re-importing a newer dump updates them.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khaldun.actors.kb import SHIPPED_DIR, KnowledgeBase, _read_tsv, norm, user_kb_dir
from khaldun.errors import KnowledgeBaseError

PEOPLE_COLUMNS = ["name", "aliases", "wikidata", "country", "role", "title", "sector", "start", "end", "org", "source"]
ORG_COLUMNS = ["name", "aliases", "country", "sector", "kind", "wikidata", "source"]
HUMAN = "Q5"
POSITION = "Q4164871"

#: what an organisation's description or class says about its sector, first match wins
ORG_KINDS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p, re.IGNORECASE), sector, kind)
    for p, sector, kind in [
        (r"\b(militant|terrorist|rebel|insurgent|guerrilla|jihadist|paramilitary|armed (group|organi[sz]ation)|separatist)\b", "REB", "organization"),
        (r"\bmilitia\b", "MIL", "group"),
        (r"\b(political party|party)\b", "PTY", "organization"),
        (r"\b(news agency|newspaper|broadcaster|television|radio station|news website|magazine)\b", "MED", "organization"),
        (r"\b(intergovernmental|international organi[sz]ation|united nations)\b", "IGO", "organization"),
        (r"\b(non-governmental|ngo|charity|human rights organi[sz]ation|humanitarian)\b", "NGO", "organization"),
        (r"\b(police|law enforcement|gendarmerie)\b", "COP", "organization"),
        (r"\b(intelligence agency|secret service|security service)\b", "SPY", "organization"),
        (r"\b(armed forces|army|navy|air force|military)\b", "MIL", "organization"),
        (r"\b(parliament|legislature|legislative)\b", "LEG", "organization"),
        (r"\b(court|tribunal)\b", "JUD", "organization"),
        (r"\b(ministry|government agency|government|executive branch)\b", "GOV", "organization"),
        (r"\b(trade union|labor union|labour union)\b", "LAB", "organization"),
        (r"\b(university|college)\b", "EDU", "organization"),
        (r"\b(company|corporation|business|enterprise|bank)\b", "BUS", "organization"),
    ]
]
HEAD_OF_STATE = {"president", "king", "queen", "emir", "amir", "sultan", "monarch", "supreme leader"}
HEAD_OF_GOVERNMENT = {"prime minister", "premier", "chancellor"}
FOREIGN = re.compile(r"\b(foreign (affairs )?minister|minister of foreign affairs|foreign secretary|secretary of state)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ImportReport:
    """What one import read and wrote."""

    path: str
    kb_dir: str
    entities: int
    people: int
    offices: int
    organizations: int
    countries: int
    bad_lines: int


def _open(path: Path) -> Any:
    try:
        with path.open("rb") as fh:
            magic = fh.read(2)
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read Wikidata dump {path}: {exc}") from exc
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


def iter_entities(path: Path, bad: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """The entities of a dump, in order; numbers of lines that are not entities go to ``bad``."""
    bad = [] if bad is None else bad
    with _open(path) as fh:
        try:
            for n, line in enumerate(fh, start=1):
                line = line.strip()
                if line in ("", "[", "]"):
                    continue
                line = line.removesuffix(",")
                try:
                    ent = json.loads(line)
                except json.JSONDecodeError:
                    bad.append(n)
                    continue
                if isinstance(ent, dict) and "id" in ent:
                    yield ent
                else:
                    bad.append(n)
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(f"Wikidata dump {path} is truncated or not text: {exc}") from exc


def _label(ent: dict[str, Any]) -> str | None:
    return ((ent.get("labels") or {}).get("en") or {}).get("value")


def _aliases(ent: dict[str, Any]) -> list[str]:
    return [a.get("value", "") for a in (ent.get("aliases") or {}).get("en", []) if a.get("value")]


def _description(ent: dict[str, Any]) -> str:
    return ((ent.get("descriptions") or {}).get("en") or {}).get("value", "")


def _snak_value(snak: dict[str, Any]) -> Any:
    return ((snak or {}).get("datavalue") or {}).get("value")


def _claims(ent: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    return [c for c in (ent.get("claims") or {}).get(prop, []) if c.get("rank") != "deprecated"]


def _item_ids(ent: dict[str, Any], prop: str) -> list[str]:
    out = []
    for claim in _claims(ent, prop):
        value = _snak_value(claim.get("mainsnak", {}))
        if isinstance(value, dict) and value.get("id"):
            out.append(value["id"])
    return out


def _string(ent: dict[str, Any], prop: str) -> str | None:
    for claim in _claims(ent, prop):
        value = _snak_value(claim.get("mainsnak", {}))
        if isinstance(value, str):
            return value
    return None


def _time(qualifiers: dict[str, Any], prop: str) -> str | None:
    """ISO date of a time qualifier ("+2013-08-03T00:00:00Z"); month/day 00 become 01."""
    for snak in qualifiers.get(prop, []):
        value = _snak_value(snak)
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            m = re.match(r"^\+?(-?\d{1,4})-(\d\d)-(\d\d)", value["time"])
            if m:
                year, month, day = m.groups()
                return f"{int(year):04d}-{max(int(month), 1):02d}-{max(int(day), 1):02d}"
    return None


def import_dump(path: str | Path, kb_dir: str | Path | None = None) -> ImportReport:
    """Read a Wikidata dump and write its people and organisations to ``kb_dir``.

    ``kb_dir`` defaults to the user KB folder (``$KHALDUN_KB_DIR``). Raises
    :class:`~khaldun.errors.KnowledgeBaseError` when the file cannot be read
    or holds no entity at all.
    """
    path = Path(path)
    out_dir = Path(kb_dir) if kb_dir is not None else user_kb_dir()
    if not path.is_file():
        raise KnowledgeBaseError(f"Wikidata dump {path} does not exist")
    kb = KnowledgeBase.load([SHIPPED_DIR])
    qid_iso = dict(kb.qid_to_iso3)
    places: dict[str, list[str]] = {}  # item -> its countries (P17), for positions and HQs
    labels: dict[str, str] = {}
    humans: list[dict[str, Any]] = []
    orgs: list[dict[str, Any]] = []
    bad: list[int] = []
    count = 0
    for ent in iter_entities(path, bad):
        count += 1
        qid = ent["id"]
        label = _label(ent)
        if label:
            labels[qid] = label
        iso = _string(ent, "P298")
        if iso and re.fullmatch(r"[A-Z]{3}", iso):
            qid_iso[qid] = iso
            continue
        countries = _item_ids(ent, "P17") + _item_ids(ent, "P1001")
        if countries:
            places[qid] = countries
        classes = _item_ids(ent, "P31")
        if HUMAN in classes:
            if _claims(ent, "P39") and label:
                humans.append(ent)
        elif label and (countries or _item_ids(ent, "P159")):
            orgs.append(ent)

    def iso_of(items: list[str]) -> str | None:
        for item in items:
            if item in qid_iso:
                return qid_iso[item]
            for parent in places.get(item, []):
                if parent in qid_iso:
                    return qid_iso[parent]
        return None

    people_rows = []
    for ent in humans:
        citizenship = iso_of(_item_ids(ent, "P27"))
        for claim in _claims(ent, "P39"):
            pos = _snak_value(claim.get("mainsnak", {}))
            if not isinstance(pos, dict) or not pos.get("id"):
                continue
            pos_label = labels.get(pos["id"], "")
            title, sector = _title_and_sector(kb, pos_label)
            qualifiers = claim.get("qualifiers") or {}
            people_rows.append(
                {
                    "name": _label(ent) or ent["id"],
                    "aliases": "|".join(_aliases(ent)),
                    "wikidata": ent["id"],
                    "country": iso_of([pos["id"]]) or citizenship or "",
                    "role": _role_of(title, pos_label),
                    "title": title or pos_label,
                    "sector": sector or "",
                    "start": _time(qualifiers, "P580") or "",
                    "end": _time(qualifiers, "P582") or "",
                    "org": "",
                    "source": f"wikidata {ent['id']} P39 {pos['id']} ({path.name})",
                }
            )
    held = {str(_snak_value(c.get("mainsnak", {})).get("id")) for e in humans for c in _claims(e, "P39")
            if isinstance(_snak_value(c.get("mainsnak", {})), dict)}
    org_rows = []
    for ent in orgs:
        if ent["id"] in held or POSITION in _item_ids(ent, "P31"):
            continue  # an office ("Minister of Foreign Affairs of Israel"), not a body
        text = " ".join([_description(ent), *(labels.get(c, "") for c in _item_ids(ent, "P31"))])
        kind = next(((s, k) for rx, s, k in ORG_KINDS if rx.search(text)), None)
        if kind is None:
            continue
        country = iso_of(_item_ids(ent, "P17")) or iso_of(_item_ids(ent, "P159"))
        if kind[0] == "IGO":
            country = "IGO"
        org_rows.append(
            {
                "name": _label(ent) or ent["id"],
                "aliases": "|".join(_aliases(ent)),
                "country": country or "",
                "sector": kind[0],
                "kind": kind[1],
                "wikidata": ent["id"],
                "source": f"wikidata {ent['id']} ({path.name})",
            }
        )
    if count == 0:
        raise KnowledgeBaseError(f"{path} holds no Wikidata entity (lines that failed to parse: {len(bad)})")
    out_dir.mkdir(parents=True, exist_ok=True)
    _merge(out_dir / "people.tsv", PEOPLE_COLUMNS, people_rows, "people with positions held (P39)")
    _merge(out_dir / "organizations.tsv", ORG_COLUMNS, org_rows, "organisations with their countries")
    return ImportReport(
        path=str(path),
        kb_dir=str(out_dir),
        entities=count,
        people=len({r["wikidata"] for r in people_rows}),
        offices=len(people_rows),
        organizations=len(org_rows),
        countries=len(qid_iso) - len(kb.qid_to_iso3),
        bad_lines=len(bad),
    )


def _title_and_sector(kb: KnowledgeBase, label: str) -> tuple[str | None, str | None]:
    """The role word in a position's label and its sector ("President of Iran": president, GOV)."""
    if FOREIGN.search(label):
        return "foreign minister", "GOV"
    words = norm(label).split(" ")
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            role = kb.roles.get(" ".join(words[i : i + n]))
            if role is not None and role.sector != "*":
                return role.term, role.sector
    return None, None


def _role_of(title: str | None, label: str) -> str:
    if title in HEAD_OF_STATE:
        return "head_of_state"
    if title in HEAD_OF_GOVERNMENT:
        return "head_of_government"
    if title == "foreign minister":
        return "foreign_minister"
    return "position"


def _merge(path: Path, columns: list[str], rows: list[dict[str, str]], what: str) -> None:
    """Write ``rows`` to ``path``, replacing earlier rows with the same QIDs."""
    qids = {r["wikidata"] for r in rows}
    old = [r for r in _read_tsv(path) if r.get("wikidata") not in qids] if path.exists() else []
    try:
        with path.open("w", encoding="utf-8") as fh:
            fh.write(f"# {what}, imported by `khaldun kb import` from Wikidata dumps; source column names each fact's item.\n")
            fh.write("\t".join(columns) + "\n")
            for row in [*old, *rows]:
                fh.write("\t".join(_cell(row.get(c, "")) for c in columns) + "\n")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot write {path}: {exc}") from exc


def _cell(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value or "").strip()
