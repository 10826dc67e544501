"""The spaCy model: loaded once per process, shared by every stage."""

from khaldun.nlp.model import load_model, parse_texts

__all__ = ["load_model", "parse_texts"]
