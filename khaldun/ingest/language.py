"""Which language a document is in, offline (py3langid), and whether khaldun codes it.

A document is rejected (``language``, K111) only when all of these hold, so
that English is never turned away by mistake:

- its first :data:`SAMPLE_CHARS` characters hold at least :data:`MIN_LETTERS`
  letters (headlines and one-line event summaries are too short to judge);
- when English is accepted, fewer than :data:`MIN_FUNCTION_WORD_SHARE` of its
  words are English function words ("the", "of", "said", ...). English news
  is about a third function words; French, Spanish or Arabic news has almost none;
- the classifier names a language outside ``languages`` with a normalised
  probability of at least :data:`MIN_CONFIDENCE`.

Variants the model tells apart but khaldun does not are folded together
(Moroccan and Egyptian Arabic into ``ar``; Nigerian Pidgin into ``en``,
since Nigerian English news is easily read as Pidgin).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

from khaldun.errors import ForeignLanguage

#: characters of a document the classifier reads (speed; a paragraph is plenty)
SAMPLE_CHARS = 3000
#: fewer letters than this and the language is not judged
MIN_LETTERS = 200
#: normalised probability the classifier must give a foreign language to reject
MIN_CONFIDENCE = 0.90
#: a text whose words are at least this share English function words is English
MIN_FUNCTION_WORD_SHARE = 0.08

# The model's labels for variants of one language khaldun treats as one.
_FOLD = {
    "ary": "ar", "arz": "ar", "pcm": "en", "wuu": "zh", "yue": "zh", "uzs": "uz", "sdh": "ku",
    "hbo": "he", "nn": "no", "bs": "sr", "hr": "sr",
}
# Words frequent in any English prose and rare as words of other Latin-script languages
# ("in", "is", "was", "on", "as" are left out: Dutch, German, Portuguese use them).
_FUNCTION_WORDS = frozenset(
    ["the", "of", "and", "to", "that", "with", "for", "from", "by", "at", "said", "says", "it", "its", "their", "they", "he", "she", "his", "her", "who", "which", "after", "would", "were", "are", "been", "has", "have", "this", "than", "into", "about", "not", "but"]
)
_WORD = re.compile(r"[^\W\d_]+")

_identifier: Any = None
_lock = threading.Lock()


def _model() -> Any:
    # Loaded on first use (about a second), then shared.
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def language_probabilities(text: str) -> dict[str, float]:
    """Normalised probability of each language (variants folded) for the head of ``text``."""
    probs: dict[str, float] = {}
    for label, p in _model().rank(text[:SAMPLE_CHARS]):
        code = _FOLD.get(label, label)
        probs[code] = probs.get(code, 0.0) + float(p)
    return probs


def detect_language(text: str) -> tuple[str, float]:
    """``(ISO 639 code, probability)`` of the most likely language of ``text``."""
    probs = language_probabilities(text)
    code = max(probs, key=probs.__getitem__)
    return code, probs[code]


def function_word_share(text: str) -> float:
    """Share of the words in ``text`` that are English function words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in _FUNCTION_WORDS for w in words) / len(words)


def parse_languages(languages: str | Iterable[str]) -> tuple[str, ...]:
    """``"en, fr"`` or ``("en", "fr")`` -> ``("en", "fr")``, lower case."""
    items = languages.split(",") if isinstance(languages, str) else languages
    return tuple(dict.fromkeys(code.strip().lower() for code in items if code and code.strip()))


def language_name(code: str) -> str:
    """English name of an ISO 639 code (``fr`` -> ``French``), or the code itself."""
    import pycountry

    lang = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    return lang.name if lang is not None else code


def check_language(text: str, languages: tuple[str, ...], origin: str) -> None:
    """Raise :class:`ForeignLanguage` when ``text`` is confidently in none of ``languages``."""
    sample = text[:SAMPLE_CHARS]
    if len(sample) < MIN_LETTERS or sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return
    if "en" in languages and function_word_share(sample) >= MIN_FUNCTION_WORD_SHARE:
        return
    code, confidence = detect_language(sample)
    if code in languages or code == "zxx" or confidence < MIN_CONFIDENCE:
        return
    accepted = ", ".join(languages)
    raise ForeignLanguage(
        f"{origin}: document is in {language_name(code)} ({code}, confidence {confidence:.2f}); "
        f"khaldun codes {accepted} (change with the languages setting)"
    )
