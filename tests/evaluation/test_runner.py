import argparse
import json

import pytest

from khaldun.errors import UsageError
from khaldun.evaluation import evaluate, file_sha256, format_report

from .helpers import event

GOLD = [
    {"id": "a", "text": "Hungary and Romania agreed to cooperate.", "dataset": "conflibert_cameo",
     "gold": {"label_id": "1"}},
    {"id": "b", "text": "Rebels attacked the town.", "dataset": "conflibert_cameo", "gold": {"label_id": "4"}},
    {"id": "c", "text": "The minister condemned the attack.", "dataset": "conflibert_cameo", "gold": {"label_id": "3"}},
    {"id": "d", "text": "The minister said it was a fine day.", "dataset": "conflibert_cameo", "gold": {"label_id": "0"}},
]

# what a pretend coder reads in each sentence, by first word
CANNED = {
    "Hungary": [event("057", "AGREE", 1)],
    "Rebels": [event("190", "ASSAULT", 4)],
    "The minister condemned": [event("111", "ACCUSE", 3, confidence=0.4), event("190", "ASSAULT", 4, confidence=0.6)],
}


def fake_predict(docs):
    for doc in docs:
        hits = [evs for key, evs in CANNED.items() if doc.text.startswith(key)]
        yield doc, hits[0] if hits else []


@pytest.fixture
def gold_file(tmp_path):
    p = tmp_path / "gold.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    return p


def test_evaluate_scores_main_event_and_keeps_errors(gold_file):
    seen = []
    report = evaluate(gold_file, scheme=None, predict=fake_predict, progress=lambda d, t: seen.append((d, t)))
    assert report.scheme == "conflibert_cameo" and report.n_scored == 4
    assert report.sha256 == file_sha256(gold_file)
    q = report.field("quad_class")
    assert q.accuracy == 0.5
    assert ("3", "4", 1) in q.top_confusions and ("0", "NONE", 1) in q.top_confusions
    assert report.metrics()["quad_class.macro_f1"] == pytest.approx(q.macro_f1)
    assert [e.id for e in report.errors] == ["c", "d"]
    assert seen[-1] == (4, 4)
    d = report.to_dict(max_errors=1)
    assert len(d["errors"]) == 1 and d["fields"][0]["name"] == "quad_class"
    json.dumps(d)
    text = format_report(report, max_errors=2)
    assert "quad_class" in text and "3 -> 4" in text and "The minister condemned the attack." in text


def test_evaluate_limit_and_scheme_override(gold_file):
    report = evaluate(gold_file, limit=2, predict=fake_predict)
    assert report.n_records == 2 and report.field("quad_class").accuracy == 1.0
    with pytest.raises(UsageError, match="unknown evaluation scheme"):
        evaluate(gold_file, scheme="nope", predict=fake_predict)
    with pytest.raises(UsageError, match="limit"):
        evaluate(gold_file, limit=0, predict=fake_predict)


def test_evaluate_rejects_bad_gold_files(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        evaluate(tmp_path / "missing.jsonl", predict=fake_predict)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "gold": {}}\nnot json\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.jsonl:2"):
        evaluate(bad, predict=fake_predict)


def parse(argv):
    from khaldun.cli import eval as eval_cli

    parser = argparse.ArgumentParser(prog="khaldun")
    eval_cli.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_prints_report_and_json(gold_file, capsys, monkeypatch):
    import khaldun.evaluation as ev

    real = ev.evaluate
    monkeypatch.setattr(ev, "evaluate", lambda *a, **k: real(*a, predict=fake_predict, **k))
    args = parse(["eval", str(gold_file), "--errors", "1"])
    assert args.func(args) == 0
    assert "quad_class" in capsys.readouterr().out
    args = parse(["eval", str(gold_file), "--json", "--scheme", "conflibert_cameo", "--limit", "3"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_records"] == 3 and out["scheme"] == "conflibert_cameo"


def test_cli_maps_errors_to_exit_1(tmp_path, capsys):
    args = parse(["eval", str(tmp_path / "missing.jsonl")])
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert "[K002]" in err and "does not exist" in err


def test_sentence_refused_by_ingestion_counts_as_predicting_nothing(gold_file):
    from khaldun.config import Settings

    report = evaluate(gold_file, Settings(max_doc_chars=30), predict=fake_predict)
    # only "Rebels attacked the town." fits in 30 characters
    assert report.n_rejected == 3 and report.n_scored == 4
    assert report.field("quad_class").correct == 1


def test_workers_do_not_change_the_figures(tmp_path):
    """The real pipeline in-process and in two worker processes: the same report, error for error."""
    from khaldun.config import Settings

    subjects = ["Rebels", "The army", "Police in the capital", "The prime minister", "Protesters", "Gunmen"]
    acts = ["attacked a police station, killing three officers.", "met the foreign minister of Kenya.",
            "arrested 12 students on Monday.", "condemned the air strikes.", "marched to parliament.",
            "said it was a fine day."]
    labels = {"attacked": "4", "met": "1", "arrested": "4", "condemned": "3", "marched": "2", "said": "0"}
    rows = [{"id": f"s{i}", "text": f"{s} {a}", "dataset": "conflibert_cameo",
             "gold": {"label_id": labels[a.split()[0]]}}
            for i, (s, a) in enumerate((s, a) for s in subjects for a in acts)]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    one = evaluate(gold, Settings(workers=1))
    two = evaluate(gold, Settings(workers=2))
    assert one.n_scored == two.n_scored == len(rows) > 16  # more than one chunk: the pool codes them
    assert one.n_events > 0 and one.n_failed == two.n_failed == 0
    assert one.to_dict(max_errors=100)["fields"] == two.to_dict(max_errors=100)["fields"]
    assert one.to_dict(max_errors=100)["errors"] == two.to_dict(max_errors=100)["errors"]
