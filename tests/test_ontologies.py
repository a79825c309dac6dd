"""The ontology files load, and a broken line is named."""

import pytest

from eventwire.errors import ConfigError
from eventwire.ontologies import lexicon, pronouns, read_lexicon, word_class

HEADER = "# a test lexicon\n"


def test_lexicon_classes_include_and_remove():
    text = HEADER + "A\tx y z\tt\tthree letters\nB\t@A w -y\tt\tA and w, without y\nC\tnew_york\tt\ta city\n"
    classes = read_lexicon(text, "test.tsv")
    assert classes == {"A": {"x", "y", "z"}, "B": {"x", "z", "w"}, "C": {"new york"}}


@pytest.mark.parametrize(("text", "line", "says"), [
    ("A\tx\tt\tr\nA\ty\tt\tr\n", 3, "defined twice"),
    ("A\t@B\tt\tr\nB\tx\tt\tr\n", 2, "refers to @B"),
    ("A\tx\tt\t\n", 2, "needs entries and a reason"),
    ("A x\n", 2, "columns"),
])
def test_a_broken_lexicon_line_is_named(text, line, says):
    with pytest.raises(ConfigError) as caught:
        read_lexicon(HEADER + text, "test.tsv")
    assert caught.value.line == line and caught.value.source == "ontologies/test.tsv"
    assert says in caught.value.message


def test_shipped_lexicon_loads_and_answers_by_name():
    classes = lexicon()
    assert len(classes) > 100 and all(classes.values())
    assert "town" in word_class("TERRITORY_NOUNS")
    assert word_class("OPENED_TO_TRADE") >= word_class("RESUMED_EXCHANGE")
    assert pronouns()["they"] == "GROUP"
    with pytest.raises(ConfigError):
        word_class("NO_SUCH_CLASS")


def test_stage_modules_do_not_import_each_others_word_lists():
    """Word lists are shared through the lexicon, never by one stage importing another's constant."""
    import ast
    import importlib
    from pathlib import Path

    import eventwire.pipeline as pipeline

    for path in Path(pipeline.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                source = importlib.import_module(f"eventwire.pipeline.{node.module}")
                lists = [a.name for a in node.names if isinstance(getattr(source, a.name), (set, frozenset, dict))]
                assert not lists, f"{path.name} imports {lists} from .{node.module}"
