"""Scores: accuracy, precision, recall, F1, macro-F1 and confusion counts.

Two kinds of comparison feed them, one per gold sentence and field:

* a **label** comparison (one gold label, one predicted label). ``NONE`` is
  the negative class: the gold side is ``NONE`` when the sentence has no such
  value, the predicted side when khaldun gave none. Accuracy counts every
  comparison; a true positive is a predicted label equal to a gold label that
  is not ``NONE``; precision divides by predictions that are not ``NONE`` and
  recall by gold labels that are not ``NONE``. Macro-F1 averages the per-class
  F1 over the scheme's classes (``NONE`` is never a class of its own, but a
  ``NONE`` prediction is a false negative of the gold class).
* a **set** comparison (the gold items of a sentence against the predicted
  items, e.g. CAMEO roots or dyads). Items are matched one to one; a matcher
  may be lenient (a gold item with an unknown part). True positives are matched
  pairs, false positives unmatched predictions, false negatives unmatched gold
  items, summed over sentences (micro average). Accuracy is the share of
  sentences whose two sets match exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

NONE = "NONE"
"""the label of "no value": no event, no country, no count"""


def safe_div(num: float, den: float) -> float:
    """``num / den``, or 0.0 when there is nothing to divide by."""
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    return safe_div(2 * precision * recall, precision + recall)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 from true positive, false positive and false negative counts."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return safe_div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return safe_div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def accuracy(pairs: Iterable[tuple[Hashable, Hashable]]) -> float:
    """Share of (gold, predicted) pairs that are equal."""
    n = correct = 0
    for gold, pred in pairs:
        n += 1
        correct += gold == pred
    return safe_div(correct, n)


def label_prf(pairs: Iterable[tuple[str, str]]) -> PRF:
    """Micro P/R/F1 over label pairs, ``NONE`` being the negative class."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        if pred != NONE and pred == gold:
            tp += 1
            continue
        if pred != NONE:
            fp += 1
        if gold != NONE:
            fn += 1
    return PRF(tp, fp, fn)


def per_class_prf(confusion: Counter[tuple[str, str]], labels: Iterable[str]) -> dict[str, PRF]:
    """P/R/F1 of each class from a (gold, predicted) confusion counter."""
    out: dict[str, PRF] = {}
    for label in labels:
        tp = confusion.get((label, label), 0)
        fp = sum(n for (g, p), n in confusion.items() if p == label and g != label)
        fn = sum(n for (g, p), n in confusion.items() if g == label and p != label)
        out[label] = PRF(tp, fp, fn)
    return out


def macro_f1(confusion: Counter[tuple[str, str]], labels: Iterable[str]) -> float:
    """Unweighted mean of per-class F1 over ``labels``."""
    scores = [prf.f1 for prf in per_class_prf(confusion, labels).values()]
    return safe_div(sum(scores), len(scores))


Matcher = Callable[[Any, Any], bool]


def exact(gold: Any, pred: Any) -> bool:
    return bool(gold == pred)


def match_sets(gold: Sequence[Any], pred: Sequence[Any], matcher: Matcher = exact) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Pair gold and predicted items one to one.

    Returns (matched pairs, unmatched gold, unmatched predictions). Exact
    matches are taken first so that a lenient matcher cannot steal a
    prediction that another gold item matches exactly; the rest is greedy in
    order, which is optimal for the small sets one sentence holds.
    """
    free = list(pred)
    matched: list[tuple[Any, Any]] = []
    missed: list[Any] = []
    pending: list[Any] = []
    for g in gold:
        if g in free:
            free.remove(g)
            matched.append((g, g))
        else:
            pending.append(g)
    for g in pending:
        for i, p in enumerate(free):
            if matcher(g, p):
                matched.append((g, free.pop(i)))
                break
        else:
            missed.append(g)
    return matched, missed, free


@dataclass
class FieldTally:
    """Running counts for one field while a set is scored."""

    name: str
    kind: str
    """``label`` or ``set``"""
    labels: tuple[str, ...] | None = None
    """the classes of a label field for macro-F1; None: every gold class seen"""
    n: int = 0
    correct: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    item_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """set fields with ``labels``: each item as (gold, pred) with ``NONE`` for a miss or a spurious item"""

    def add_label(self, gold: str, pred: str) -> bool:
        """Count one label comparison; True when it is right."""
        self.n += 1
        ok = gold == pred
        self.correct += ok
        if pred != NONE and ok:
            self.tp += 1
        else:
            self.fp += pred != NONE
            self.fn += gold != NONE
        self.confusion[(gold, pred)] += 1
        return ok

    def add_set(self, gold: Sequence[Any], pred: Sequence[Any], matcher: Matcher = exact) -> bool:
        """Count one set comparison; True when the sets match exactly."""
        matched, missed, spurious = match_sets(gold, pred, matcher)
        self.n += 1
        ok = not missed and not spurious
        self.correct += ok
        self.tp += len(matched)
        self.fp += len(spurious)
        self.fn += len(missed)
        self.missed.update(render_item(m) for m in missed)
        self.spurious.update(render_item(s) for s in spurious)
        if self.labels:
            self.item_confusion.update((render_item(g), render_item(g)) for g, _ in matched)
            self.item_confusion.update((render_item(m), NONE) for m in missed)
            self.item_confusion.update((NONE, render_item(s)) for s in spurious)
        return ok

    def score(self, top: int = 10) -> FieldScore:
        prf = PRF(self.tp, self.fp, self.fn)
        macro: float | None = None
        weighted: float | None = None
        per_class: dict[str, dict[str, float | int]] = {}
        confusions: list[tuple[str, str, int]] = []
        # label fields: classes of the one label; set fields with labels: each item on its own
        confusion = self.confusion if self.kind == "label" else self.item_confusion
        if self.kind == "label" or self.labels:
            classes = self.labels or tuple(sorted({g for g, _ in confusion} - {NONE}))
            for label, c in per_class_prf(confusion, classes).items():
                support = sum(n for (g, _), n in confusion.items() if g == label)
                per_class[label] = {"precision": c.precision, "recall": c.recall, "f1": c.f1, "support": support}
            macro = macro_f1(confusion, classes) if classes else None
            total = sum(int(c["support"]) for c in per_class.values())
            weighted = safe_div(sum(float(c["f1"]) * int(c["support"]) for c in per_class.values()), total) if total else None
        if self.kind == "label":
            wrong = [(g, p, n) for (g, p), n in self.confusion.items() if g != p]
            confusions = sorted(wrong, key=lambda t: (-t[2], t[0], t[1]))[:top]
        else:
            confusions = [(m, NONE, n) for m, n in self.missed.most_common(top)]
            confusions += [(NONE, s, n) for s, n in self.spurious.most_common(top)]
        return FieldScore(
            name=self.name,
            kind=self.kind,
            n=self.n,
            correct=self.correct,
            accuracy=safe_div(self.correct, self.n),
            tp=prf.tp,
            fp=prf.fp,
            fn=prf.fn,
            precision=prf.precision,
            recall=prf.recall,
            f1=prf.f1,
            macro_f1=macro,
            weighted_f1=weighted,
            per_class=per_class,
            top_confusions=tuple(confusions),
        )


METRIC_NAMES = ("accuracy", "precision", "recall", "f1", "macro_f1", "weighted_f1")
"""every metric a :class:`FieldScore` may carry, the names quality floors use"""


def render_item(item: Any) -> str:
    """A set item as one readable string: tuples joined with ``|``, None as ``-``."""
    if isinstance(item, tuple):
        return "|".join("-" if x is None else str(x) for x in item)
    return "-" if item is None else str(item)


@dataclass(frozen=True)
class FieldScore:
    """The scores of one field over one evaluation set."""

    name: str
    kind: str
    """``label`` (one gold and one predicted label a sentence) or ``set`` (items matched per sentence)"""
    n: int
    """comparisons made (sentences where the field could be scored)"""
    correct: int
    """label fields: equal labels; set fields: sentences whose sets matched exactly"""
    accuracy: float
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    macro_f1: float | None
    """label fields (and set fields with labels): mean per-class F1 over the scheme's classes"""
    weighted_f1: float | None
    """as ``macro_f1``, each class weighted by its gold support"""
    per_class: dict[str, dict[str, float | int]]
    top_confusions: tuple[tuple[str, str, int], ...]
    """(gold, predicted, count), most frequent first; ``NONE`` on one side for set fields' misses and spurious items"""

    def metric(self, name: str) -> float:
        """One metric by name: accuracy, precision, recall, f1, macro_f1 or weighted_f1."""
        value = getattr(self, name, None)
        if name not in METRIC_NAMES or value is None:
            raise KeyError(f"field {self.name!r} has no metric {name!r}")
        return float(value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "n": self.n,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "macro_f1": self.macro_f1,
            "weighted_f1": self.weighted_f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "per_class": self.per_class,
            "top_confusions": [{"gold": g, "predicted": p, "count": n} for g, p, n in self.top_confusions],
        }
