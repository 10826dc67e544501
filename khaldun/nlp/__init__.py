"""The spaCy model: loaded once per process, shared by every stage."""

from khaldun.nlp.model import load_model, parse_texts
from khaldun.nlp.views import doc_sents, doc_text

__all__ = ["doc_sents", "doc_text", "load_model", "parse_texts"]
