"""Event coding: triggers, PLOVER/CAMEO/ACLED types, modality and attribution."""

from khaldun.coding.acled import acled_types
from khaldun.coding.assembly import Candidate, RecordAssembler, SentenceCandidates
from khaldun.coding.coder import EventCoder
from khaldun.coding.lexicon import Lexicon
from khaldun.coding.ontology import cameo, cameo_table
from khaldun.coding.registry import Coder, available, get_coder, register

__all__ = [
    "Candidate",
    "Coder",
    "EventCoder",
    "Lexicon",
    "RecordAssembler",
    "SentenceCandidates",
    "acled_types",
    "available",
    "cameo",
    "cameo_table",
    "get_coder",
    "register",
]
