"""The bad-input matrix: each case gets its own error code, and the rest of the batch still comes through."""

import pytest

from eventwire.errors import EventwireError
from eventwire.model import Article
from eventwire.readers import read_inputs

GOOD = ("Soldiers clashed with gunmen near the town of Maiduguri on Wednesday, the army said, adding that five were "
        "killed.")


def _cases(tmp_path):
    cases = {
        "empty.txt": (b"", "empty_input"),
        "blank.txt": (b"  \n\t\n ", "empty_input"),
        "binary.txt": (bytes(range(256)) * 3, "binary_input"),
        "control.txt": (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 60, "binary_input"),
        "nobody.html": (b"<html><head><title>x</title></head><body><nav>Home | World</nav></body></html>",
                        "no_article_body"),
        "bad.json": (b'{"text": "unterminated', "malformed_input"),
        "notfeed.xml": (b"just some words, not a feed", "malformed_input"),
        "brokenfeed.rss": (b"<rss><channel><title>x</title></channel></rss>", "malformed_input"),
        "spanish.txt": ("El ejército dijo el lunes que los soldados habían matado a cinco militantes cerca de la "
                        "ciudad fronteriza, según un comunicado oficial del gobierno regional.".encode(),
                        "unsupported_language"),
        "huge.txt": (b"word " * 300, "too_large"),
    }
    paths = {}
    for name, (data, code) in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        paths[str(p)] = code
    paths[str(tmp_path / "missing.txt")] = "missing_path"
    return paths


def test_bad_inputs_each_report_and_batch_goes_on(tmp_path):
    bad = _cases(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    # The good story comes last: everything before it failed, and it must still be read.
    items = list(read_inputs([*bad, str(good)], max_bytes=1000))
    errors = [i for i in items if isinstance(i, EventwireError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert {e.source: e.code for e in errors} == bad
    assert all(e.message for e in errors)
    assert [a.text for a in articles] == [GOOD]


def test_bad_jsonl_line_reports_line_number(tmp_path):
    p = tmp_path / "s.jsonl"
    six = GOOD.replace("five", "six")
    p.write_text(f'{{"text": "{GOOD}"}}\n{{"text": oops}}\n\n{{"text": "{six}"}}\n')
    items = list(read_inputs([str(p)]))
    assert [type(i).__name__ for i in items] == ["Article", "MalformedInput", "Article"]
    assert items[1].line == 2 and items[1].source == str(p)
    assert items[2].input.line == 4


def test_latin1_english_is_decoded(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(("The café owner in Bogotá said on Monday that the army had closed the road to Medellín, "
                   "and that the protesters would return next week.").encode("latin-1"))
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article)
    assert "café" in a.text and "Bogotá" in a.text
    assert a.metadata["encoding"] not in ("utf-8", "ascii")


def test_utf16_with_bom_is_decoded(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(GOOD.encode("utf-16"))
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article) and a.text == GOOD


@pytest.mark.parametrize("limit,ok", [(10_000, True), (50, False)])
def test_size_limit_is_configurable(tmp_path, limit, ok):
    p = tmp_path / "s.txt"
    p.write_text(GOOD)
    (item,) = list(read_inputs([str(p)], max_bytes=limit))
    assert isinstance(item, Article) is ok
