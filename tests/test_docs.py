"""The docs say what the code does: README example output, documented commands and error codes."""

import json
import re
from pathlib import Path

from click.testing import CliRunner

from eventwire import errors
from eventwire.cli import cli

from .conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[1]


def test_docs_readme_example_output_is_real():
    """README's example is a real run's output (regenerate it with scripts/readme_example.py)."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```json\n(.*?)```", readme, re.S).group(1)
    shown = json.loads(block)
    result = CliRunner().invoke(cli, ["extract", "-q", str(EXAMPLE)])
    actual = json.loads(result.stdout)
    for key in ("id", "title", "source", "published", "language", "dateline", "errors"):
        assert shown[key] == actual[key], key
    assert actual["text"].startswith(shown["text"].removesuffix("..."))
    for key in ("entities", "places", "dates", "quotes", "events"):
        assert shown[key], key
        for item in shown[key]:
            assert item in actual[key], (key, item)


def test_docs_readme_has_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```bash\n(python3 -m venv[^\n]*)\n```", readme)
    assert len(commands) == 2
    assert "eventwire ingest examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_docs_every_command_is_documented():
    cli_doc = (ROOT / "docs" / "cli.md").read_text()
    for name in cli.commands:
        assert f"## {name}" in cli_doc, name


def test_docs_every_error_code_is_documented():
    output_doc = (ROOT / "docs" / "output.md").read_text()
    codes = {cls.code for cls in vars(errors).values()
             if isinstance(cls, type) and issubclass(cls, errors.InputError) and cls is not errors.InputError}
    codes.add(errors.ProcessingError.code)
    for code in codes:
        assert f"`{code}`" in output_doc, code
