"""Evaluation against human-annotated gold sets (``khaldun eval``).

See ``docs/evaluation.md`` for the metrics, how the main event of a sentence
is picked and the quality floors CI holds.
"""

from khaldun.evaluation.metrics import NONE, PRF, FieldScore, FieldTally, macro_f1
from khaldun.evaluation.runner import (
    ErrorExample,
    EvalReport,
    evaluate,
    file_sha256,
    format_report,
    read_gold,
)
from khaldun.evaluation.schemes import (
    SCHEMES,
    Comparison,
    GoldRecord,
    Scheme,
    get_scheme,
    main_event,
    scheme_for_dataset,
)

__all__ = [
    "NONE",
    "PRF",
    "SCHEMES",
    "Comparison",
    "ErrorExample",
    "EvalReport",
    "FieldScore",
    "FieldTally",
    "GoldRecord",
    "Scheme",
    "evaluate",
    "file_sha256",
    "format_report",
    "get_scheme",
    "macro_f1",
    "main_event",
    "read_gold",
    "scheme_for_dataset",
]
