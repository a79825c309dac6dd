"""The ``eventwire`` command: a thin shell over the library.

Exit codes: 0 every input went through; 1 some inputs failed (each one reported); 2 usage error.
"""

from __future__ import annotations

import click

from .. import __version__
from .evaluate import eval_command
from .extract import extract_command, schema_command, show_command
from .rules import rules_command
from .store import events_group, export_command, ingest_command, query_command, runs_command, serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """Turn news stories into sourced, geolocated event records.

    \b
    Examples:
      eventwire extract story.txt
      eventwire extract stories/ feed.xml -o records.jsonl
      cat story.html | eventwire extract - --input-format html
      eventwire show story.txt
      eventwire ingest examples/ && eventwire query --type ASSAULT
      eventwire export --format acled-csv -o events.csv
      eventwire serve                       # the API and the map on http://127.0.0.1:8000/
      eventwire eval time tempeval3 ../shared/data/time/tempeval3-platinum --json
    """


cli.add_command(extract_command)
cli.add_command(show_command)
cli.add_command(schema_command)
cli.add_command(rules_command)
cli.add_command(eval_command)
cli.add_command(ingest_command)
cli.add_command(runs_command)
cli.add_command(query_command)
cli.add_command(export_command)
cli.add_command(serve_command)
cli.add_command(events_group)


def main() -> None:
    cli()
