"""The coding rules as data: the loader names a broken line, and every rule's examples run as tests."""

import pytest

from eventwire.errors import ConfigError
from eventwire.model import InputRef
from eventwire.pipeline.events import event_rules, explain
from eventwire.pipeline.quotes import FRAMES, find_attributions, quote_rules
from eventwire.readers.article import build_article
from eventwire.rules import parse_rules

RULES = event_rules().rules


def _cases(rules, field: str) -> dict:
    """pytest.mark.parametrize arguments: one case per sentence of each rule's ``field`` (examples or counter)."""
    pairs = [(r, t) for r in rules for t in getattr(r, field)]
    return {"argnames": ("rule", "text"), "argvalues": pairs,
            "ids": [f"{r.id}:{k}" for r in rules for k in range(len(getattr(r, field)))]}


@pytest.fixture(scope="module")
def fired(pipeline):
    """The rules that apply to any token of a sentence, read with the story's places as the pipeline finds them."""
    cache: dict[str, set[str]] = {}

    def run(text: str) -> set[str]:
        if text not in cache:
            record = pipeline.process_article(build_article(text, input_ref=InputRef(path="<rule example>")))
            cache[text] = {r for ids in explain(pipeline.nlp(text), record.places).values() for r in ids}
        return cache[text]
    return run


@pytest.mark.parametrize(**_cases(RULES, "examples"))
def test_rule_applies_to_its_examples(fired, rule, text):
    assert rule.id in fired(text), f"{rule.source}:{rule.line} {rule.id} does not apply to {text!r}"


@pytest.mark.parametrize(**_cases(RULES, "counter"))
def test_rule_leaves_its_counter_examples_alone(fired, rule, text):
    assert rule.id not in fired(text), f"{rule.source}:{rule.line} {rule.id} applies to {text!r}"


READING_RULES = [r for r in RULES if r.stage == "reading" and not r.veto and r.type not in (None, "cameo")]


@pytest.mark.parametrize(**_cases(READING_RULES, "examples"))
def test_reading_rule_gives_its_type_to_its_examples(pipeline, rule, text):
    """A later rule must not undo a reading rule on its own examples (a veto or another type after it): the token
    it applies to is read as the rule's type."""
    from eventwire.pipeline.cameo import match_cameo
    from eventwire.pipeline.events.detection import _reading, _trigger_for

    record = pipeline.process_article(build_article(text, input_ref=InputRef(path="<rule example>")))
    place_by_char = {s: p for p in record.places for s, _ in p.mentions}
    read = []
    for tok in pipeline.nlp(text):
        trace: list[str] = []
        trig, cameo = _trigger_for(tok), match_cameo(tok) if tok.pos_ == "VERB" else None
        if trig is not None or cameo is not None and cameo.plover is not None:
            reading = _reading(tok, trig, cameo, place_by_char, trace)
            if rule.id in trace:
                read.append(None if reading is None else reading.type)
    assert rule.type in read, f"{rule.source}:{rule.line} {rule.id} on {text!r} ends as {read}"


QUOTE_RULES = quote_rules().rules


@pytest.fixture(scope="module")
def framed(nlp):
    """The frames that found an attribution in a sentence."""
    return lambda text: {a.rule for a in find_attributions(nlp(text))}


@pytest.mark.parametrize(**_cases(QUOTE_RULES, "examples"))
def test_quote_frame_finds_its_examples(framed, rule, text):
    assert rule.id in framed(text), f"{rule.source}:{rule.line} {rule.id} finds nothing in {text!r}"


@pytest.mark.parametrize(**_cases(QUOTE_RULES, "counter"))
def test_quote_frame_leaves_its_counter_examples_alone(framed, rule, text):
    assert rule.id not in framed(text), f"{rule.source}:{rule.line} {rule.id} finds an attribution in {text!r}"


def test_the_quote_rules_are_the_frames_the_code_implements():
    assert [r.id for r in QUOTE_RULES] == list(FRAMES)
    with pytest.raises(ConfigError, match="missing"):
        parse_rules(GOOD.replace('type = "COOPERATE"\n', ""), "q.toml", {}, ("reading",), gives=False,
                    ids=("fight-alongside", "another"))


def test_every_rule_has_an_example_and_a_reason():
    assert len(RULES) > 150
    assert all(r.examples and r.reason for r in RULES)
    assert len({r.id for r in RULES}) == len(RULES)


GOOD = '''
[[rule]]
id = "fight-alongside"
stage = "reading"
lemma = "fight"
when = ["child prep alongside|with"]
type = "COOPERATE"
reason = "r"
examples = ["e"]
'''


@pytest.mark.parametrize(("change", "says"), [
    (('type = "COOPERATE"', 'type = "COOPERATION"'), "unknown PLOVER type"),
    (('child prep', 'kid prep'), "unknown predicate 'kid'"),
    (('when = ["child prep alongside|with"]', 'when = ["test nothing"]'), "no named test 'nothing'"),
    (('alongside|with', '@NO_SUCH_CLASS'), "no word class 'NO_SUCH_CLASS'"),
    (('examples = ["e"]', ''), "at least one example"),
    (('stage = "reading"', 'stage = "later"'), "stage must be one of"),
    (('reason = "r"', 'reason = "r"\nveto = true'), "exactly one of type or veto"),
    (('lemma = "fight"', 'lemma = "fight"\nlemmas = "x"'), "unknown key(s) lemmas"),
])
def test_a_broken_rule_is_named_with_its_file_and_line(change, says):
    text = GOOD.replace(*change)
    with pytest.raises(ConfigError) as caught:
        parse_rules(text, "test_rules.toml", {}, ("reading",))
    assert says in caught.value.message
    assert caught.value.source == "ontologies/test_rules.toml" and caught.value.line == 3


def test_a_rule_file_that_is_no_toml_names_its_line():
    with pytest.raises(ConfigError) as caught:
        parse_rules(GOOD + "\n[[rule]\n", "test_rules.toml", {}, ("reading",))
    assert caught.value.line == 11


def test_an_else_rule_needs_the_rule_of_its_chain_above_it():
    text = GOOD + GOOD.replace("fight-alongside", "fight-for").replace('type = "COOPERATE"',
                                                                    'type = "COOPERATE"\nelse = true')
    assert parse_rules(text, "t.toml", {}, ("reading",)).rules[1].else_
    bad = GOOD + GOOD.replace("fight-alongside", "walk").replace('"fight"', '"walk"').replace(
        'type = "COOPERATE"', 'type = "COOPERATE"\nelse = true')
    with pytest.raises(ConfigError, match="else rule"):
        parse_rules(bad, "t.toml", {}, ("reading",))


def test_a_rule_gives_the_plover_mode_of_the_cameo_code_it_follows(extract_text):
    """ "laid down their arms" follows CAMEO 0873 (RETREAT, mode disarm); "stepped down" follows no CAMEO code."""
    record = extract_text("Hundreds of rebels laid down their arms on Sunday. The prime minister stepped down.")
    modes = {(v.type, v.mode) for v in record.events}
    assert ("RETREAT", "disarm") in modes and ("RETREAT", None) in modes
    assert any("arms-laid-down" in m.evidence.rule for v in record.events for m in v.mentions)
