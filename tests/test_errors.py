"""The error hierarchy: one root, unique stable codes, the tree in the docstring."""

from __future__ import annotations

import inspect
import re

from khaldun import errors
from khaldun.errors import REJECTION_REASONS, CodingError, InputError, KhaldunError

CLASSES = [
    obj for _, obj in inspect.getmembers(errors, inspect.isclass)
    if issubclass(obj, KhaldunError) and obj.__module__ == errors.__name__
]

#: codes are stable: a code, once given, never changes meaning. Add, never edit.
STABLE = {
    "KhaldunError": "K000", "ConfigError": "K001", "UsageError": "K002", "ModelError": "K010",
    "DataError": "K020", "KnowledgeBaseError": "K030", "StoreError": "K040", "WorkerError": "K050", "InputError": "K100",
    "EmptyDocument": "K101", "BinaryDocument": "K102", "UndecodableDocument": "K103",
    "DocumentTooLarge": "K104", "MalformedJSON": "K105", "MissingText": "K106",
    "MalformedCSV": "K107", "UnreadableFile": "K108", "DuplicateDocument": "K109",
    "StoreLocked": "K041", "CodingError": "K060", "DocumentTimeout": "K061",
    "DecompressionLimit": "K110", "ForeignLanguage": "K111",
}


def test_codes_are_unique_well_formed_and_stable() -> None:
    codes = [c.code for c in CLASSES]
    assert len(codes) == len(set(codes)), sorted(codes)
    assert all(re.fullmatch(r"K\d{3}", c) for c in codes)
    assert {c.__name__: c.code for c in CLASSES if c.__name__ in STABLE} == STABLE


def test_every_class_has_its_own_code_and_reason() -> None:
    for cls in CLASSES:
        assert "code" in vars(cls) and "reason" in vars(cls), cls


def test_messages_start_with_the_code() -> None:
    for cls in CLASSES:
        err = cls("something broke")
        assert str(err) == f"[{cls.code}] something broke"
        assert err.message == "something broke"


def test_the_docstring_tree_names_every_class_with_its_code() -> None:
    doc = errors.__doc__ or ""
    for cls in CLASSES:
        assert re.search(rf"\b{cls.__name__}\b.*\b{cls.code}\b", doc), cls.__name__


def test_builtin_mixins_callers_expect() -> None:
    assert issubclass(errors.ConfigError, ValueError)
    assert issubclass(errors.UsageError, ValueError)
    assert issubclass(errors.InputError, ValueError)
    assert issubclass(errors.StoreError, RuntimeError)
    assert issubclass(errors.ModelError, RuntimeError)


def test_rejection_reasons_cover_every_input_and_coding_error() -> None:
    rejected = [c for c in CLASSES if (issubclass(c, InputError) and c is not InputError) or issubclass(c, CodingError)]
    assert REJECTION_REASONS == {c.reason: c.code for c in rejected}
    assert set(REJECTION_REASONS) == {
        "empty", "binary", "undecodable", "too_large", "malformed_json", "no_text", "malformed_csv", "unreadable",
        "duplicate_id", "decompression_limit", "language", "coding_failed", "timeout",
    }
