"""Event coding: triggers, PLOVER/CAMEO/ACLED types, modality and attribution."""

from khaldun.coding.acled import acled_types
from khaldun.coding.coder import EventCoder
from khaldun.coding.lexicon import Lexicon
from khaldun.coding.ontology import cameo, cameo_table

__all__ = ["EventCoder", "Lexicon", "acled_types", "cameo", "cameo_table"]
