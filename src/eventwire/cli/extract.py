"""``eventwire extract``, ``show`` and ``schema``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from ..budget import STORY_TIME_BUDGET
from ..errors import EventwireError
from ..model import ArticleRecord, output_schema
from ..packed import Packed
from ..readers import FORMATS, expand_paths, read_inputs
from ..readers.decode import DEFAULT_MAX_BYTES
from ..writers import RecordWriter

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def input_options(f):
    f = click.option("--input-format", "input_format", type=click.Choice(FORMATS), default=None,
                     help="Read every input as this format (default: by extension, else sniffed).")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Refuse inputs larger than this many bytes.")(f)
    return f


def confidence_option(f):
    return click.option(
        "--min-confidence", type=click.FloatRange(0, 1), default=None, show_default="the happening model's threshold",
        help="Leave out the events none of whose tellings the happening model scores this high (0: keep every "
             "event the rules read; docs/events.md#the-happening-model).")(f)


def _pipeline(err: Console, min_confidence: float | None = None):
    from .. import load_pipeline

    try:
        return load_pipeline(min_confidence)
    except EventwireError as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        raise SystemExit(EXIT_SOME_FAILED) from None


def many_items(files: list[str]) -> bool:
    """Whether a run is long enough for a progress bar: several files, or a file of many stories."""
    return len(files) > 1 or any(p.endswith((".jsonl", ".json", ".xml", ".rss", ".atom")) for p in files)


def progress_bar(stack: ExitStack, err: Console, description: str, total: int):
    """A rich progress bar over ``total`` input files, on stderr (for a person at a terminal)."""
    progress = stack.enter_context(Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} items failed"), TimeElapsedColumn(), console=err, transient=False))
    return progress, progress.add_task(description, total=total, failed=0)


def report_errors(record: ArticleRecord | Packed, progress, err: Console) -> None:
    """Each error of ``record`` as one JSON line on stderr."""
    for e in record.errors:
        (progress.console if progress else err).out(json.dumps(e.model_dump(), ensure_ascii=False), highlight=False)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-",
              help="Write records here (default: stdout).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per line; json: one JSON array.")
@input_options
@click.option("--time-budget", type=click.FloatRange(min=0), default=STORY_TIME_BUDGET, show_default=True,
              help="Seconds the stages may spend on one story before it ends with a 'timeout' error (0: no limit).")
@confidence_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
def extract_command(paths: tuple[str, ...], output: str, fmt: str, input_format: str | None, max_bytes: int,
                    time_budget: float, min_confidence: float | None, quiet: bool) -> None:
    """Extract entities (and, as stages land, quotes, places and events) from stories.

    PATH is a .txt, .html, .xml/.rss/.atom feed, .json or .jsonl file, a directory (read recursively), or -
    for stdin. One JSON object per input item goes to stdout (or -o FILE); errors go to stderr as JSON lines
    and into each failed item's "errors". Exit code 0: all fine; 1: some inputs failed; 2: usage error.

    \b
    Example:
      eventwire extract story.txt stories/ -o out.jsonl
    """
    err = Console(stderr=True)
    pipeline = _pipeline(err, min_confidence)
    pipeline.time_budget = time_budget or None
    files = list(expand_paths(paths))
    failed = done = 0
    # The bar is for a person at a terminal; a redirected stderr carries only JSON lines.
    show_progress = not quiet and err.is_terminal and many_items(files)
    with ExitStack() as stack:
        stream = sys.stdout if output == "-" else stack.enter_context(open(output, "w", encoding="utf-8"))
        writer = stack.enter_context(RecordWriter(stream, fmt))  # type: ignore[arg-type]
        progress = task = None
        if show_progress:
            progress, task = progress_bar(stack, err, "extracting", len(files))

        def items() -> Iterator:
            for path in files:
                yield from read_inputs([path], fmt=input_format, max_bytes=max_bytes)  # type: ignore[arg-type]
                if progress is not None:
                    progress.advance(task)

        for record in pipeline.process(items()):
            writer.write(record)
            done += 1
            if record.errors:
                failed += 1
                report_errors(record, progress, err)
                if progress is not None:
                    progress.update(task, failed=failed)
    if not quiet:
        err.out(json.dumps({"summary": {"inputs": len(files), "records": done, "failed": failed}}),
                highlight=False)
    raise SystemExit(EXIT_SOME_FAILED if failed else EXIT_OK)


@click.command("show")
@click.argument("path")
@input_options
def show_command(path: str, input_format: str | None, max_bytes: int) -> None:
    """Show one story for a person: names highlighted, a table of entities and their aliases.

    \b
    Example:
      eventwire show story.txt
    """
    from ..render import show

    err = Console(stderr=True)
    pipeline = _pipeline(err)
    records: list[ArticleRecord] = list(pipeline.process(read_inputs([path], fmt=input_format,  # type: ignore
                                                                     max_bytes=max_bytes)))
    console = Console()
    for record in records:
        show(record, console)
    raise SystemExit(EXIT_SOME_FAILED if any(r.errors for r in records) else EXIT_OK)


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one output record (the file docs/schema.json)."""
    click.echo(json.dumps(output_schema(), indent=2))
