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


def test_nul_bytes_in_text_are_read_not_refused(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(GOOD.replace(", the army", ",\x00 the army").encode())
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article) and "\x00" in a.text  # the stages read it without (pipeline.textview)


def test_lone_surrogate_in_json_costs_nothing(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text('{"text": "' + GOOD + ' \\ud800", "title": "\\udc00x", "tags": ["\\udfff"]}\n'
                 '{"text": "' + GOOD.replace("five", "six") + '"}\n')
    items = list(read_inputs([str(p)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert items[0].text.endswith("\ufffd") and items[0].title == "\ufffdx" and items[0].metadata["tags"] == ["\ufffd"]
    items[0].model_dump_json()  # encodable as UTF-8


def test_reader_bug_costs_its_item_only(tmp_path, monkeypatch):
    import eventwire.readers.json as rj

    real = rj.build_article

    def flaky(text, **kw):
        if "six" in text:
            raise IndexError("reader bug")
        return real(text, **kw)

    monkeypatch.setattr(rj, "build_article", flaky)
    p = tmp_path / "s.jsonl"
    p.write_text(f'{{"text": "{GOOD.replace("five", "six")}"}}\n{{"text": "{GOOD}"}}\n')
    items = list(read_inputs([str(p)]))
    assert [type(i).__name__ for i in items] == ["MalformedInput", "Article"]
    assert items[0].line == 1 and "reader bug" in items[0].message


@pytest.mark.parametrize("text", ["Rebels seized Goma.", "Troops shelled Donetsk.", "Police arrested protesters."])
def test_short_english_sentences_are_english(tmp_path, text):
    p = tmp_path / "short.txt"
    p.write_text(text)
    (a,) = list(read_inputs([str(p)]))
    assert isinstance(a, Article) and a.language == "en"


def test_all_caps_wire_dateline(tmp_path):
    p = tmp_path / "caps.txt"
    p.write_text("BAMAKO, MALI, OCT 3 (REUTERS) - " + GOOD + "\n© 2025 Reuters")
    (a,) = list(read_inputs([str(p)]))
    assert a.dateline.place == "BAMAKO, MALI" and a.dateline.agency == "REUTERS"
    assert a.published.date == "2025-10-03" and a.text == GOOD


@pytest.mark.parametrize("text, encoding", [
    ("“We will not leave,” said the mayor of São Paulo — the protesters’ leader — on Tuesday, adding that police "
     "had fired tear gas at the crowd.", "cp1252"),
    ("Officials in Zürich and Kraków said the naïve plan, costing €5 million, was “dead on arrival” after the vote "
     "on Friday.", "cp1252"),
    ("The Czech minister Tomáš Petříček met Slovak officials in Bratislava and Brno on Tuesday, said spokesman "
     "Jiří Šťastný.", "cp1250"),
])
def test_windows_code_pages_are_told_apart(tmp_path, text, encoding):
    p = tmp_path / "story.txt"
    p.write_bytes(text.encode(encoding))
    (a,) = list(read_inputs([str(p)]))
    assert a.text == text and a.metadata["encoding"] == encoding


STORY_LINE = b'{"text": "Rebels attacked a village near Goma on Monday, officials said."}\n'


def test_jsonl_is_read_a_line_at_a_time_so_no_file_is_too_large(tmp_path):
    """--max-bytes bounds a line (one story), not a JSON Lines file: a file far above it is read to the end."""
    path = tmp_path / "many.jsonl"
    with path.open("wb") as f:
        for _ in range(3000):
            f.write(STORY_LINE)
    assert path.stat().st_size > 150_000
    items = list(read_inputs([str(path)], max_bytes=1000))
    assert len(items) == 3000 and all(isinstance(i, Article) for i in items)
    assert items[-1].input.line == 3000


def test_an_overlong_jsonl_line_fails_alone(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_bytes(STORY_LINE + b'{"text": "' + b"x" * 5000 + b'"}\n' + STORY_LINE)
    items = list(read_inputs([str(path)], max_bytes=1000))
    assert [type(i).__name__ for i in items] == ["Article", "TooLarge", "Article"]
    assert items[1].line == 2 and items[2].input.line == 3


def test_a_binary_file_named_jsonl_is_one_error(tmp_path):
    path = tmp_path / "binary.jsonl"
    path.write_bytes(bytes(range(256)) * 100)
    assert [type(i).__name__ for i in read_inputs([str(path)])] == ["BinaryInput"]
