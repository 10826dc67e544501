"""One exception hierarchy for khaldun, with stable codes.

Every message starts with its code (``[K102] ...``) so logs, the rejected
table and bug reports can be grepped for it. Codes never change meaning.

    KhaldunError                      K000
    ├── ConfigError (ValueError)      K001  bad setting or settings file
    ├── UsageError (ValueError)       K002  bad argument to a public function
    ├── ModelError (RuntimeError)     K010  spaCy model missing or broken
    ├── DataError (RuntimeError)      K020  a shipped data file missing or broken
    ├── KnowledgeBaseError            K030  knowledge-base import failed
    ├── StoreError (RuntimeError)     K040  database could not be opened/written
    │   └── StoreLocked               K041  another process holds the database
    ├── WorkerError (RuntimeError)    K050  a worker process died
    ├── CodingError (RuntimeError)    K060  coding one document raised (``coding_failed``)
    │   └── DocumentTimeout           K061  one document took longer than ``doc_timeout``
    └── InputError (ValueError)       K100  a document could not be read
        ├── EmptyDocument             K101
        ├── BinaryDocument            K102
        ├── UndecodableDocument       K103
        ├── DocumentTooLarge          K104
        ├── MalformedJSON             K105
        ├── MissingText               K106
        ├── MalformedCSV              K107
        ├── UnreadableFile            K108
        ├── DuplicateDocument         K109  same id, different text
        ├── DecompressionLimit        K110  a .gz expands past ``max_decompressed_bytes``
        └── ForeignLanguage           K111  not in one of the ``languages`` khaldun codes

An ``InputError`` or a ``CodingError`` never stops a batch: ingestion turns it into a
:class:`khaldun.records.Rejection` whose ``reason`` is the error's ``reason``
(``empty``, ``binary``, ...) and whose ``code`` is the error's code.
"""

from __future__ import annotations


class KhaldunError(Exception):
    """Root of every error khaldun raises on purpose."""

    code = "K000"
    reason = "error"

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class ConfigError(KhaldunError, ValueError):
    code = "K001"
    reason = "config"


class UsageError(KhaldunError, ValueError):
    code = "K002"
    reason = "usage"


class ModelError(KhaldunError, RuntimeError):
    code = "K010"
    reason = "model"


class DataError(KhaldunError, RuntimeError):
    code = "K020"
    reason = "data"


class KnowledgeBaseError(KhaldunError, RuntimeError):
    code = "K030"
    reason = "kb"


class StoreError(KhaldunError, RuntimeError):
    code = "K040"
    reason = "store"


class StoreLocked(StoreError):
    code = "K041"
    reason = "store_locked"


class WorkerError(KhaldunError, RuntimeError):
    code = "K050"
    reason = "worker"


class CodingError(KhaldunError, RuntimeError):
    """Coding one document failed; the document becomes a rejection, the run goes on."""

    code = "K060"
    reason = "coding_failed"


class DocumentTimeout(CodingError):
    """One document took longer than the ``doc_timeout`` setting to parse and code."""

    code = "K061"
    reason = "timeout"


class InputError(KhaldunError, ValueError):
    code = "K100"
    reason = "input"


class EmptyDocument(InputError):
    code = "K101"
    reason = "empty"


class BinaryDocument(InputError):
    code = "K102"
    reason = "binary"


class UndecodableDocument(InputError):
    code = "K103"
    reason = "undecodable"


class DocumentTooLarge(InputError):
    code = "K104"
    reason = "too_large"


class MalformedJSON(InputError):
    code = "K105"
    reason = "malformed_json"


class MissingText(InputError):
    code = "K106"
    reason = "no_text"


class MalformedCSV(InputError):
    code = "K107"
    reason = "malformed_csv"


class UnreadableFile(InputError):
    code = "K108"
    reason = "unreadable"


class DuplicateDocument(InputError):
    code = "K109"
    reason = "duplicate_id"


class DecompressionLimit(InputError):
    """A compressed input expands past ``max_decompressed_bytes`` (a gzip bomb): it is cut there."""

    code = "K110"
    reason = "decompression_limit"


class ForeignLanguage(InputError):
    """The text is, with confidence, in a language outside the ``languages`` setting."""

    code = "K111"
    reason = "language"


#: every input rejection reason, as it appears in the ``rejected`` table
REJECTION_REASONS: dict[str, str] = {
    cls.reason: cls.code
    for cls in (
        EmptyDocument,
        BinaryDocument,
        UndecodableDocument,
        DocumentTooLarge,
        MalformedJSON,
        MissingText,
        MalformedCSV,
        UnreadableFile,
        DuplicateDocument,
        DecompressionLimit,
        ForeignLanguage,
        CodingError,
        DocumentTimeout,
    )
}
