import json

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.eval.tempeval import evaluate_tempeval3, read_tml

from ..conftest import FIXTURES, SHARED

TOY = FIXTURES / "tempeval"


def test_tempeval_reader_offsets():
    doc = read_tml(TOY / "toy.tml")
    assert doc.dct.isoformat() == "2013-03-22"
    assert "&amp;" not in doc.text and "council & the mayor" in doc.text
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert [(t.text, t.type) for t in doc.timexes] == [
        ("Thursday", "DATE"), ("last summer", "DATE"), ("two months", "DURATION"), ("November", "DATE"),
        ("2014", "DATE")]


def test_tempeval_scores_by_hand(nlp):
    # 4 gold DATEs; the gold value of "2014" is deliberately wrong (2015), so 3 of 4 can be right.
    result = evaluate_tempeval3(str(TOY), nlp=nlp)
    assert result.n == 4
    assert result.metrics["value_accuracy_gold_spans"] == 0.75
    assert [p["predicted"] for p in result.predictions] == ["2013-03-21", "2012-SU", "2012-11", "2014"]
    assert [p["id"] for p in result.predictions] == ["toy:t1", "toy:t2", "toy:t4", "toy:t5"]


def test_tempeval_cli_json_and_predictions(tmp_path):
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(cli, ["eval", "time", "tempeval3", str(TOY), "--json", "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert set(summary) == {"task", "dataset", "n", "metrics"}
    assert (summary["task"], summary["dataset"], summary["n"]) == ("time", "tempeval3", 4)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    # Anyone can recompute the score from the predictions file alone.
    assert sum(r["gold"] == r["predicted"] for r in rows) / len(rows) == summary["metrics"]["value_accuracy_gold_spans"]


def test_tempeval_cli_unknown_task():
    result = CliRunner().invoke(cli, ["eval", "time", "nope", str(TOY)])
    assert result.exit_code == 2 and "time tempeval3" in result.output


def test_tempeval_shared_platinum_runs():
    path = SHARED / "data" / "time" / "tempeval3-platinum"
    if not path.exists():
        import pytest

        pytest.skip("../shared is absent")
    result = evaluate_tempeval3(str(path))
    assert result.n > 0 and result.metrics["documents"] > 0
