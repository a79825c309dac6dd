"""The events harness on tiny hand-made files in the data sets' own formats."""

import json

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.eval.events import evaluate_case2021, evaluate_india_police, evaluate_plv

from ..conftest import FIXTURES

EV = FIXTURES / "events"


def test_events_eval_case2021():
    r = evaluate_case2021(str(EV / "case.tsv"))
    by_id = {p["id"]: p for p in r.predictions}
    assert by_id["1"]["predicted"] == "ARREST"
    assert by_id["2"]["predicted"] == "SUIC_BOMB"  # the sentence decides the sub-type
    assert by_id["3"]["predicted"] == "PEACE_PROTEST"
    # Row 4's gold (NATURAL_DISASTER) is outside the 25 ACLED types: predicted, but not scored.
    assert r.n == 3 and r.metrics["rows_outside_the_25_types"] == 1
    assert r.metrics["weighted_f1"] == 1.0


def test_events_eval_plv():
    r = evaluate_plv(str(EV / "plv.tsv"))
    assert [(p["gold"], p["predicted"]) for p in r.predictions] == [
        ("COERCE", "COERCE"), ("ASSAULT", "ASSAULT"), ("CONSULT", "CONSULT")]
    assert r.metrics["macro_f1"] == 1.0


def test_events_eval_india_police():
    r = evaluate_india_police(str(EV))
    sent = r.metrics["sentences"]
    assert sent["ARREST"]["tp"] == 1 and sent["KILL"]["tp"] == 1 and sent["FAIL"]["tp"] == 1
    assert sent["ARREST"]["fp"] == 0  # "no arrests have been made", "demanded the arrest of": no arrest
    assert sent["FORCE"]["recall"] == 1.0
    docs = r.metrics["documents"]
    assert docs["KILL"]["f1"] == 1.0 and docs["FAIL"]["f1"] == 1.0


def test_events_eval_cli_json(tmp_path):
    out = tmp_path / "p.jsonl"
    res = CliRunner().invoke(cli, ["eval", "events", "plv", str(EV / "plv.tsv"), "--json", "--predictions", str(out)])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert (summary["task"], summary["dataset"], summary["n"]) == ("events", "plv", 3)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {"id", "gold", "predicted"} <= set(rows[0])


def test_events_eval_india_cues():
    from eventwire.eval.events import india_sentence_labels

    def labels(text):
        out = india_sentence_labels(text, [])
        return {c for c in ("KILL", "FORCE") if out[c]}

    assert labels("Two persons have been killed in police firing.") == {"KILL", "FORCE"}
    assert labels("The SP had ordered firing at mobs in which four persons were killed.") == {"KILL", "FORCE"}
    assert labels("They pelted stones, prompting the personnel to open fire.") == {"FORCE"}
    # Not force by the police: two groups clashing, a fire, a charge sheet.
    assert labels("Police said two clashing groups resorted to stone pelting.") == set()
    assert labels("Police said records were damaged in the fire.") == set()
    assert labels("He was charged with obstructing the police and sent to jail.") == set()


def test_events_eval_plover_gsr():
    from eventwire.eval.events import evaluate_plover_gsr

    r = evaluate_plover_gsr(str(EV / "gsr.json"))
    # Old PLOVER 0.5b1 categories read as today's: DEMAND is REQUEST, FIGHT is ASSAULT. The DOCUMENT header is
    # no record; a record without text is counted as skipped.
    assert [(p["gold"], p["predicted"]) for p in r.predictions] == [
        ("REQUEST", "REQUEST"), ("ASSAULT", "ASSAULT"), ("PROTEST", "PROTEST")]
    assert r.metrics["macro_f1"] == 1.0 and r.metrics["skipped"] == {"skipped: record without text or event": 1}


def test_events_eval_india_threatened_arrest_is_no_arrest():
    from eventwire import extract
    from eventwire.eval.events import india_sentence_labels

    text = "The police commissioner said officers will arrest the rioters who burned the shops."
    assert india_sentence_labels(text, extract(text).events)["ARREST"] is False
    text = "The police arrested the rioters who burned the shops on Monday."
    assert india_sentence_labels(text, extract(text).events)["ARREST"] is True


def test_events_eval_gsr_markup_gives_the_marked_spans():
    from eventwire.eval.events import markup_spans

    text = "Chad accused Sudan of backing the rebels."
    spans = markup_spans("(SRC: Chad) (EVT: accused) (TAR: Sudan) of backing the rebels.", text)
    assert [text[s:e] for s, e in spans["EVT"]] == ["accused"]
    assert [text[s:e] for s, e in spans["SRC"]] == ["Chad"]
    # a markup edited apart from its text: each span is looked up by its words
    spans = markup_spans("(SRC: Chad)  (EVT: accused) Sudan of backing rebels.", text)
    assert [text[s:e] for s, e in spans["EVT"]] == ["accused"]
    assert markup_spans("no tags here", text) == {}


def test_events_eval_event_at_the_marked_words_comes_first():
    from eventwire import extract
    from eventwire.eval.events import event_between

    text = "The army shelled the town and the government called for talks."
    rec = extract(text)
    assert event_between(rec, None, None).type == "ASSAULT"  # no hint: the first event
    called = text.index("called")
    assert event_between(rec, None, None, [(called, called + 6)]).type == "REQUEST"
