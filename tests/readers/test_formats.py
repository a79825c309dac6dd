from eventwire.errors import EmptyInput, EventwireError, MalformedInput
from eventwire.model import Article
from eventwire.readers import read_inputs, sniff_format


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, EventwireError)]


def test_html_reader(fixtures):
    (a,), errors = _split(read_inputs([str(fixtures / "story.html")]))
    assert not errors
    assert a.title == "Protesters march on parliament in Nairobi"
    assert a.text.startswith("Thousands of protesters marched")
    assert "Home" not in a.text and "Copyright" not in a.text
    assert a.published.date == "2024-06-25"
    assert a.author == "Jane Wanjiru"
    assert a.source == "Example Daily"
    assert a.input.format == "html"


def test_feed_reader_rss(fixtures):
    articles, errors = _split(read_inputs([str(fixtures / "feed.xml")]))
    assert [a.title for a in articles] == [
        "Ceasefire talks resume in Doha", "Flooding displaces thousands in Bangladesh"]
    assert articles[0].text == ("Negotiators from both sides met in Doha on Monday for a new round of ceasefire talks, "
                                "mediators said.\nThe talks are expected to last three days.")
    assert articles[0].url == "https://example.org/world/ceasefire-talks"
    assert articles[0].published.date == "2024-02-05"
    assert articles[0].source == "Example Wire: World"
    assert [a.input.entry for a in articles] == [0, 1]
    # The empty third entry is an error for that entry only.
    assert len(errors) == 1 and isinstance(errors[0], EmptyInput)


def test_feed_reader_atom(fixtures):
    (a,), errors = _split(read_inputs([str(fixtures / "atom.xml")]))
    assert not errors
    assert a.title == "Minister resigns over arms deal"
    assert a.published.date == "2024-04-02"
    assert a.url == "https://example.org/atom/1"


def test_jsonl_reader(fixtures):
    articles, errors = _split(read_inputs([str(fixtures / "stories.jsonl")]))
    assert not errors
    first, second = articles
    assert first.title == "Troops clash with gunmen in the north"
    assert first.published.date == "2024-05-02"
    assert first.metadata == {"id": "a1", "section": "Africa"}
    assert first.source == "example.org"
    assert first.input.line == 1
    assert second.text.startswith("Police arrested")  # from "body"
    assert second.published.date == "2024-05-03"  # from "date"
    assert second.source == "Example Wire"


def test_json_array_reader(fixtures):
    articles, errors = _split(read_inputs([str(fixtures / "stories.json")]))
    assert len(articles) == 1 and articles[0].text.startswith("A convoy of 20 trucks")
    assert len(errors) == 1 and isinstance(errors[0], MalformedInput)
    assert "'text', 'body' or 'content'" in errors[0].message


def test_directory_is_read_recursively(fixtures, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text((fixtures / "story.txt").read_text())
    (tmp_path / "b.jsonl").write_text((fixtures / "stories.jsonl").read_text())
    (tmp_path / "notes.md").write_text("not read")
    (tmp_path / ".hidden.txt").write_text("not read")
    articles, errors = _split(read_inputs([str(tmp_path)]))
    assert len(articles) == 3 and not errors


def test_stdin_is_sniffed(fixtures):
    import io

    data = (fixtures / "stories.jsonl").read_bytes()
    articles, errors = _split(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert len(articles) == 2 and not errors
    assert articles[0].input.path == "<stdin>"


def test_same_story_same_id_across_formats(fixtures, tmp_path):
    text = "Soldiers clashed with gunmen near the town of Maiduguri on Wednesday, the army said."
    (tmp_path / "s.txt").write_text(text)
    (tmp_path / "s.jsonl").write_text(f'{{"text": "{text}  "}}\n')
    ids = {a.id for a in read_inputs([str(tmp_path / "s.txt"), str(tmp_path / "s.jsonl")])}
    assert len(ids) == 1


def test_sniff_format():
    assert sniff_format("[{}]") == "json"
    assert sniff_format('{"a": 1}') == "json"
    assert sniff_format("<html><body>x</body></html>") == "html"
    assert sniff_format('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">') == "feed"
    assert sniff_format("Plain words.") == "txt"
