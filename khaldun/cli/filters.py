"""The event filters every reading command shares (events, export, dyads, timeline, network)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khaldun.store import EventQuery


def add_filters(p: argparse.ArgumentParser, *, per_document: bool = True, limit_help: str = "at most N events") -> None:
    """Add the filters of ``khaldun events``; ``per_document`` adds ``--doc`` and ``--limit``."""
    p.add_argument("--type", dest="event_type", metavar="TYPE", help="PLOVER type (e.g. ASSAULT) or CAMEO code prefix (e.g. 19)")
    p.add_argument("--actor", metavar="X", help="actor country code (ISO3) or part of the actor's name")
    p.add_argument("--recipient", metavar="X", help="recipient country code or part of its name")
    p.add_argument("--country", metavar="ISO3", help="actor, recipient or location in this country")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after this date")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before this date")
    if per_document:
        p.add_argument("--doc", dest="doc_id", metavar="ID", help="events of one document")
        p.add_argument("--limit", type=int, metavar="N", help=limit_help)


def query_of(args: argparse.Namespace) -> EventQuery:
    """The :class:`~khaldun.store.EventQuery` the filters of ``args`` ask for."""
    from khaldun.store import EventQuery

    return EventQuery(
        event_type=args.event_type, actor=args.actor, recipient=args.recipient, country=args.country,
        since=args.since, until=args.until, doc_id=getattr(args, "doc_id", None), limit=getattr(args, "limit", None),
    )
