import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli

from ..conftest import EXAMPLE


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def _records(stdout: str):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_cli_extract_bundled_example(runner):
    result = runner.invoke(cli, ["extract", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    (rec,) = _records(result.stdout)
    assert rec["title"].startswith("Militants Ambush Army Convoy")
    assert rec["published"] == {"date": "2025-10-03", "precision": "day", "source": "dateline"}
    assert rec["dateline"]["place"] == "GAO, Mali"
    ents = {e["name"]: e for e in rec["entities"]}
    assert ents["Liptako Liberation Front"]["aliases"] == ["FLL"]
    assert set(ents["Amadou Sissoko"]["aliases"]) == {"the Hawk", "Sissoko"}
    assert ents["Tigre"]["type"] == "PERSON"
    assert ents["Bamako"]["country"] == "MLI"
    for e in rec["entities"]:
        for s, t in e["mentions"]:
            assert 0 <= s < t <= len(rec["text"])
    assert rec["errors"] == []
    ambush = next(v for v in rec["events"] if rec["text"][v["evidence"]["trigger"][0]:v["evidence"]["trigger"][1]]
                  == "ambushed")
    assert (ambush["type"], ambush["status"], ambush["cameo"]) == ("ASSAULT", "reported", "190")
    assert ambush["counts"]["killed"]["value"] == 12
    assert ambush["date"]["start"] == "2025-09-30"
    speakers = {q["text"]: ents_by_id[q["speaker"]]["name"] if q["speaker"] else None for q in rec["quotes"]
                for ents_by_id in [{e["id"]: e for e in rec["entities"]}]}
    assert speakers['"Our fighters will strike again wherever the army goes,"'] == "Liptako Liberation Front"
    told = next(q for q in rec["quotes"] if q["cue"] == "told")
    assert (told["addressee"], ents["Ibrahim Maiga"]["id"]) == ("reporters", told["speaker"])
    places = {p["name"]: p for p in rec["places"]}
    assert places["Bamako"]["feature"] == "city" and places["Bamako"]["country"] == "MLI"
    dates = {d["text"]: d["value"] for d in rec["dates"]}
    assert dates["Tuesday"] == "2025-09-30"  # the Tuesday before the Friday 3 October dateline
    assert json.loads(result.stderr.strip().splitlines()[-1]) == {"summary": {"inputs": 1, "records": 1, "failed": 0}}


def test_cli_extract_json_array_to_file(runner, fixtures, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["extract", "-q", "--format", "json", "-o", str(out), str(fixtures / "feed.xml")])
    assert result.exit_code == 1  # the feed's empty entry failed
    data = json.loads(out.read_text())
    assert [r["title"] for r in data] == [
        "Ceasefire talks resume in Doha", "Flooding displaces thousands in Bangladesh", None]
    assert data[2]["errors"][0]["code"] == "empty_input"
    assert result.stdout == ""


def test_cli_extract_bad_inputs_do_not_stop_the_batch(runner, fixtures, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Police arrested the opposition leader at his home in the capital on Thursday."}\n'
                   '{"text": nope}\n')
    result = runner.invoke(cli, ["extract", str(empty), str(tmp_path / "missing.txt"), str(bad), str(EXAMPLE)])
    assert result.exit_code == 1
    recs = _records(result.stdout)
    assert [r["errors"][0]["code"] if r["errors"] else "ok" for r in recs] == [
        "empty_input", "missing_path", "ok", "malformed_input", "ok"]
    assert recs[3]["input"]["line"] == 2
    err_lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    codes = [e.get("code") for e in err_lines if "code" in e]
    assert codes == ["empty_input", "missing_path", "malformed_input"]
    assert err_lines[-1]["summary"] == {"inputs": 4, "records": 5, "failed": 3}


def test_cli_extract_stdin(runner):
    text = "Soldiers clashed with gunmen near Maiduguri on Wednesday, the army said, and five attackers were killed."
    result = runner.invoke(cli, ["extract", "-q", "-", "--input-format", "txt"], input=text)
    assert result.exit_code == 0
    (rec,) = _records(result.stdout)
    assert rec["input"]["path"] == "<stdin>" and rec["text"] == text


def test_cli_usage_errors_exit_2(runner):
    assert runner.invoke(cli, ["extract"]).exit_code == 2
    assert runner.invoke(cli, ["extract", "--format", "xml", str(EXAMPLE)]).exit_code == 2
    assert runner.invoke(cli, ["no-such-command"]).exit_code == 2


def test_cli_show():
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["show", str(EXAMPLE)])
    assert result.exit_code == 0
    for title in ("Entities", "Quotes", "Places", "Events"):
        assert title in result.stdout
    assert "Liptako Liberation Front" in result.stdout and "FLL" in result.stdout
    assert "ASSAULT" in result.stdout and "Bamako" in result.stdout
    assert "Ménaka Region" in result.stdout
    assert "rules" in result.stdout and "lexicon:" in result.stdout  # why each event was coded (evidence.rule)


def test_show_marks_a_place_taken_from_the_story(runner):
    from rich.console import Console

    from eventwire.model import ArticleRecord
    from eventwire.render import render_record

    record = ArticleRecord.model_validate_json(runner.invoke(cli, ["extract", str(EXAMPLE)]).stdout.splitlines()[0])
    event = next(v for v in record.events if v.place is not None)
    name = next(p.name for p in record.places if p.id == event.place)
    console = Console(record=True, width=400)
    console.print(render_record(record))
    assert f"{name} (story)" not in console.export_text()  # the sentence says where
    record.events[record.events.index(event)] = event.model_copy(update={"place_basis": "story"})
    console = Console(record=True, width=400)
    console.print(render_record(record))
    assert f"{name} (story)" in console.export_text()  # a place the sentence does not say, marked as the story's


def test_cli_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "show", "schema", "rules"):
        assert command in result.stdout
        assert runner.invoke(cli, [command, "--help"]).exit_code == 0


def test_cli_rules_lists_rules_with_examples(runner):
    result = runner.invoke(cli, ["rules", "--lemma", "strike"])
    assert result.exit_code == 0
    assert "labour-strike" in result.stdout and "Teachers went on strike" in result.stdout
    listed = runner.invoke(cli, ["rules", "--type", "PROTEST", "--json"]).stdout
    rows = [json.loads(line) for line in listed.splitlines()]
    assert rows and all(r["type"] == "PROTEST" and r["examples"] and r["reason"] for r in rows)
    one = json.loads(runner.invoke(cli, ["rules", "--id", "labour-strike", "--json"]).stdout)
    assert one["lemma"] == ["strike"] and one["cameo"] == "143" and one["source"].startswith("ontologies/event_rules")
    status = [json.loads(x) for x in runner.invoke(cli, ["rules", "--stage", "status", "--json"]).stdout.splitlines()]
    assert {"status-not", "plover-refused-concession"} <= {r["id"] for r in status}


def test_a_failing_stage_writes_json_errors_not_tracebacks(tmp_path):
    """A stage that raises loses its own fields; stderr carries the JSON error line, never a traceback."""
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text("Rebels attacked the town of Goma on Monday, killing 12 soldiers.", encoding="utf-8")
    code = ("import sys, eventwire.pipeline as p\n"
            "def boom(*a, **k): raise RuntimeError('a bug in the events stage')\n"
            "p.find_events = boom\n"
            "from eventwire.cli import cli\n"
            "cli(['extract', sys.argv[1], '--quiet'])\n")
    done = subprocess.run([sys.executable, "-c", code, str(story)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    assert lines and lines[0]["stage"] == "events" and "a bug in the events stage" in lines[0]["message"]
    record = json.loads(done.stdout)
    assert record["entities"] and record["events"] == []  # the other stages' fields are kept
