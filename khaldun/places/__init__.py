"""Places: a GeoNames-derived gazetteer and event-location resolution."""

from khaldun.places.resolver import DocumentPlaces, PlaceResolver

__all__ = ["DocumentPlaces", "PlaceResolver"]
