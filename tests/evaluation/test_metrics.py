from collections import Counter

import pytest

from khaldun.evaluation.metrics import (
    NONE,
    PRF,
    FieldTally,
    accuracy,
    label_prf,
    macro_f1,
    match_sets,
    per_class_prf,
)


def test_prf_from_counts():
    s = PRF(tp=3, fp=1, fn=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert PRF(0, 0, 0).f1 == 0.0


def test_accuracy_and_none_as_negative_class():
    pairs = [("A", "A"), ("A", "B"), ("B", NONE), (NONE, NONE), (NONE, "A")]
    assert accuracy(pairs) == pytest.approx(2 / 5)
    prf = label_prf(pairs)
    # one right prediction; A->B and NONE->A are false positives; A->B and B->NONE false negatives
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 2)


def test_macro_f1_counts_none_prediction_as_a_miss():
    conf = Counter({("0", "0"): 1, ("1", "1"): 2, ("1", NONE): 2, ("2", "1"): 1})
    per = per_class_prf(conf, ["0", "1", "2"])
    assert per["0"].f1 == 1.0
    assert per["1"].precision == pytest.approx(2 / 3) and per["1"].recall == pytest.approx(0.5)
    assert per["2"].f1 == 0.0
    assert macro_f1(conf, ["0", "1", "2"]) == pytest.approx((1.0 + per["1"].f1 + 0.0) / 3)


def test_match_sets_prefers_exact_matches_over_lenient_ones():
    lenient = lambda g, p: g[0] == p[0] and (g[1] is None or g[1] == p[1])
    gold = [("04", None), ("04", "USA")]
    pred = [("04", "USA"), ("04", "RUS")]
    matched, missed, spurious = match_sets(gold, pred, lenient)
    assert set(matched) == {(("04", None), ("04", "RUS")), (("04", "USA"), ("04", "USA"))}
    assert missed == [] and spurious == []


def test_set_tally_micro_counts_and_exact_sentence_accuracy():
    t = FieldTally("cameo_root", "set")
    assert t.add_set(("04",), ("04",))
    assert not t.add_set(("19", "17"), ("19", "04"))
    assert not t.add_set((), ("01",))
    s = t.score()
    assert (s.tp, s.fp, s.fn, s.n, s.correct) == (2, 2, 1, 3, 1)
    assert s.precision == 0.5 and s.recall == pytest.approx(2 / 3)
    assert ("17", NONE, 1) in s.top_confusions and (NONE, "01", 1) in s.top_confusions


def test_label_tally_scores_and_confusions():
    t = FieldTally("quad_class", "label", labels=("0", "1", "2", "3", "4"))
    for g, p in [("1", "1"), ("3", "4"), ("3", "4"), ("4", NONE), ("0", "0")]:
        t.add_label(g, p)
    s = t.score()
    assert s.accuracy == pytest.approx(0.4)
    assert s.top_confusions[0] == ("3", "4", 2)
    assert s.per_class["3"]["support"] == 2
    # classes 2 (no support, no prediction) and 3, 4 score 0
    assert s.macro_f1 == pytest.approx((1 + 1 + 0 + 0 + 0) / 5)
    assert s.metric("macro_f1") == s.macro_f1
    with pytest.raises(KeyError):
        s.metric("nonsense")
