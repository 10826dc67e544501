"""Article text conventions: mojibake, the ``date YYYY-MM-DD`` prefix, agency datelines, dates.

A dateline says where a story was *filed*, not where its events happened;
it is kept as metadata and removed from the event text.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_MOJIBAKE_FIXER: Any = None


def repair_mojibake(text: str) -> str:
    """Text decoded with the wrong codec, put right: ``"itâ€™s"`` -> ``"it’s"``.

    Only encoding repairs are made (ftfy's ``fix_encoding`` and its kin):
    quotes stay curly, HTML entities, line breaks, ligatures and Unicode
    normalisation are left as they are, so clean text comes back unchanged.
    """
    if text.isascii():  # mojibake needs non-ASCII characters; most text is ASCII
        return text
    global _MOJIBAKE_FIXER
    if _MOJIBAKE_FIXER is None:
        import ftfy

        config = ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            remove_control_chars=False,
            normalization=None,
            explain=False,
        )
        _MOJIBAKE_FIXER = functools.partial(ftfy.fix_text, config=config)
    fixed: str = _MOJIBAKE_FIXER(text)
    return fixed


_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A dateline is a short head of the text: a place (optionally with a bracketed or
# comma-separated region), optionally an agency in parentheses and a month-day,
# closed by a colon or a dash. Each part is bounded, so matching is linear.
_DATELINE = re.compile(
    r"^(?P<line>"
    r"(?P<place>[A-Z][A-Za-z.'\-]*(?:[ \-][A-Z][A-Za-z.'\-]*){0,3})"
    r"(?P<bracket>\s*\[[^\]\n]{1,40}\])?"
    r"(?P<region>,\s*[A-Z][A-Za-z.']*(?:\s[A-Z][A-Za-z.']*){0,2})?"
    r"(?P<agency>\s*\([^)\n]{1,40}\))?"
    r"(?P<monthday>,?\s*" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?P<agency2>\s*\([^)\n]{1,40}\))?"
    r")\s*(?::|--|-|\u2014|\u2013)\s+"
)


def split_date_prefix(raw: str) -> tuple[str | None, str]:
    """``"date 2023-10-15 Beirut ..."`` -> ``("2023-10-15", "Beirut ...")``."""
    m = _DATE_PREFIX.match(raw)
    if not m:
        return None, raw
    value = normalise_date(m.group(1))
    return value, raw[m.end():]


def split_dateline(text: str) -> tuple[str | None, str]:
    """Remove a leading agency dateline; return ``(dateline, rest)``.

    Only heads that look like datelines are taken: an all-capital place
    (``WASHINGTON -``), a bracketed region, an agency in parentheses or a
    month-day. A sentence that merely starts with a name and a dash is left alone.
    """
    stripped = text.lstrip()
    m = _DATELINE.match(stripped)
    if not m:
        return None, text
    place = m.group("place")
    marked = bool(
        m.group("bracket")
        or m.group("agency")
        or m.group("agency2")
        or m.group("monthday")
        or (place.replace(" ", "").replace("-", "").isupper() and len(place) > 2)
    )
    if not marked:
        return None, text
    return m.group("line").strip(), stripped[m.end():]


def dateline_place(dateline: str | None) -> str | None:
    """The filing place named by a dateline ("Beirut [Qatar], October 15" -> "Beirut")."""
    if not dateline:
        return None
    m = _DATELINE.match(dateline + " :  ")
    if not m:
        return None
    place = m.group("place").strip()
    return place.title() if place.isupper() else place


def normalise_date(value: object) -> str | None:
    """Any common date spelling (ISO, ISO datetime, RFC 822) -> ``YYYY-MM-DD`` or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s).date().isoformat()  # "Z" is read since Python 3.11
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
