"""Places: a GeoNames-derived gazetteer and event-location resolution."""

from khaldun.places.gazetteer import Entry, Gazetteer, default_gazetteer, normalise
from khaldun.places.mentions import Mention, find_mentions
from khaldun.places.resolver import DocumentPlaces, PlaceResolver

__all__ = [
    "DocumentPlaces",
    "Entry",
    "Gazetteer",
    "Mention",
    "PlaceResolver",
    "default_gazetteer",
    "find_mentions",
    "normalise",
]
