"""``eventwire ingest``, ``query``, ``export``, ``serve`` and ``events``: the event store from the command line."""

from __future__ import annotations

import csv
import functools
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

import click
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from ..budget import STORY_TIME_BUDGET
from ..errors import EventwireError, StoreError
from ..model import Article, ArticleRecord
from ..packed import Packed
from ..readers import expand_paths
from .extract import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    _pipeline,
    confidence_option,
    input_options,
    many_items,
    progress_bar,
    report_errors,
)


def db_option(f):
    return click.option("--db", "db", envvar="EVENTWIRE_DB", default=None, metavar="URL",
                        help="The store: a SQLite file path or URL, or postgresql://... "
                             "(default: $EVENTWIRE_DB, else eventwire.db here).")(f)


def _open(db: str | None, err: Console, *, create: bool = True):
    from ..store import Store

    try:
        return Store.open(db, create=create)
    except EventwireError as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        raise SystemExit(EXIT_SOME_FAILED) from None


def _read(db: str | None, err: Console, query):
    """``query(store)`` on the existing store at ``db``, which is closed after."""
    store = _open(db, err, create=False)
    try:
        return query(store)
    finally:
        store.close()


def store_errors(f):
    """A store that fails mid-command (server gone, disk full, file locked too long) ends it with one clear line."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return f(*args, **kwargs)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            Console(stderr=True).print(f"[bold red]Error:[/] the store failed: {reason}", highlight=False)
            raise SystemExit(EXIT_SOME_FAILED) from None
        except StoreError as exc:
            Console(stderr=True).print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise SystemExit(EXIT_SOME_FAILED) from None
    return wrapper


def filter_options(f):
    """The event filters shared by query and export (and, by name, by the HTTP API)."""
    options = [
        click.option("--type", "type_", metavar="T", help="PLOVER event type (ASSAULT, PROTEST, ...)."),
        click.option("--acled", metavar="SUBTYPE", help="ACLED sub-event type ('Armed clash')."),
        click.option("--status", metavar="S", help="reported, future, threatened, hypothetical, negated, historical."),
        click.option("--country", metavar="ISO3", help="Country of the event's place (ISO 3166-1 alpha-3)."),
        click.option("--actor", metavar="NAME", help="Part of an actor's or recipient's name."),
        click.option("--since", metavar="DATE", help="Events starting on or after this day (YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Events starting on or before this day."),
        click.option("--bbox", metavar="W,S,E,N", help="Events placed inside this box (degrees)."),
        click.option("--text", metavar="WORDS", help="Events whose story has all these words."),
        click.option("--story", metavar="ID", help="The events of one story."),
        click.option("--actor-id", type=click.IntRange(min=1), help="Events of one actor of the registry across "
                     "stories (ids in `query --format jsonl`, field actors[].actor_id)."),
        click.option("--include-superseded", is_flag=True, help="Also events of older versions of a story."),
        click.option("--min-confidence", type=float, metavar="P", help="Events the happening model scores at least "
                     "P (0-1; docs/events.md#the-happening-model)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_filters(**kw):
    from ..store import Filters

    kw["type"] = kw.pop("type_", None)
    try:
        return Filters(**kw)
    except ValidationError as exc:
        problems = "; ".join(f"--{'.'.join(map(str, e['loc'])).replace('_', '-')}: {e['msg']}"
                             for e in exc.errors())
        raise click.UsageError(problems) from None


@click.command("ingest")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@db_option
@input_options
@click.option("--reprocess", is_flag=True,
              help="Re-extract the stored stories that an older pipeline made (with --all: every stored story).")
@click.option("--all", "all_", is_flag=True, help="With --reprocess: every stored story, not only stale ones.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=STORY_TIME_BUDGET, show_default=True,
              help="Seconds the stages may spend on one story before it ends with a 'timeout' error (0: no limit).")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, envvar="EVENTWIRE_WORKERS",
              show_default="the number of cores", help="Processes that extract, each with its own pipeline (1: in "
              "this process). One more process stores. Default also from $EVENTWIRE_WORKERS.")
@click.option("--dask", "dask_address", metavar="ADDRESS", help="Extract on a Dask cluster (tcp://host:8786), or "
              "'local' for a LocalCluster of --workers processes; records are stored here. Needs eventwire[dask].")
@click.option("--resume", "resume", type=click.IntRange(min=1), metavar="RUN",
              help="Go on with this earlier run (its inputs, as it read them). Running the same command again "
                   "goes on with its newest unfinished run without being told.")
@confidence_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
@store_errors
def ingest_command(paths: tuple[str, ...], db: str | None, input_format: str | None, max_bytes: int,
                   reprocess: bool, all_: bool, time_budget: float, workers: int, dask_address: str | None,
                   resume: int | None, min_confidence: float | None, quiet: bool) -> None:
    """Extract stories and store them, each in one transaction.

    PATH is anything `extract` reads. A story is keyed by its content id: ingesting the same inputs again adds
    nothing. A changed text under a URL already stored is a new version; the old one's events are marked
    superseded. A bad input is recorded in the store with its error and the run goes on. Stories are extracted in
    --workers processes and stored by one more, while the next are read. Every run has an id and the store keeps
    how far it came through each input: run a killed ingest again (or --resume RUN) and it goes on from there.
    Errors go to stderr as JSON lines, then a summary line (the run, its counts, its seconds and those spent on the
    store). Exit code 0: all fine; 1: some inputs failed; 2: usage error.

    \b
    Examples:
      eventwire ingest examples/                   # into ./eventwire.db
      eventwire ingest feed.xml --db postgresql://me@127.0.0.1/events
      eventwire ingest big.jsonl --workers 2       # killed? run it again: it resumes
      eventwire ingest --reprocess                 # after an upgrade: re-extract what an older pipeline made
    """
    from ..ingest import Ledger, Stopwatch, not_stored, numbered, tally, unchecked

    err = Console(stderr=True)
    if not paths and not reprocess and resume is None:
        raise click.UsageError("give inputs to ingest, --resume RUN or --reprocess")
    if all_ and not reprocess:
        raise click.UsageError("--all goes with --reprocess")
    if reprocess and (paths or resume):
        raise click.UsageError("--reprocess reads the store: give it no inputs and no --resume")
    clock = Stopwatch()
    with clock.storing():
        from ..store.writer import Writer

        store = _open(db, err)
    counts = {"new": 0, "stored": 0, "duplicates": 0, "replaced": 0, "failed": 0}
    run_id = resumed = None
    with ExitStack() as stack:
        stack.callback(store.close)
        progress = task = None
        if reprocess:
            items: Iterable[Any] = (_article(r) for r in store.records(stale_only=not all_))
        else:
            command = {"paths": [p if p == "-" else os.path.abspath(p) for p in paths], "input_format": input_format,
                       "max_bytes": max_bytes}
            done: dict[str, tuple[int, bool]] = {}
            if resume is not None or "-" not in paths:  # stdin cannot be read again: no run to resume
                with clock.storing():
                    try:
                        run_id, resumed, done = store.start_run(command, resume)
                    except KeyError as exc:
                        raise click.UsageError(str(exc.args[0])) from None
                if resume is not None:
                    command = store.run_command(run_id) or command
            files = list(expand_paths(command["paths"]))
            if not quiet and err.is_terminal and many_items(files):
                progress, task = progress_bar(stack, err, "ingesting", len(files))
            items = numbered(files, done, fmt=command["input_format"], max_bytes=command["max_bytes"],
                             advance=None if progress is None else lambda: progress.advance(task))
        with clock.storing():
            writer = Writer(store.url, replace=reprocess, run_id=run_id)  # stores while the next are extracted
        stack.callback(writer.abort)
        ledger = Ledger(writer, clock)
        todo = unchecked(items, ledger) if reprocess else not_stored(items, store, ledger, counts)
        for record in _extractor(stack, workers, dask_address, time_budget, min_confidence, err)(todo):
            ledger.stored(record)
            if record.errors:
                counts["failed"] += 1
                report_errors(record, progress, err)
                if progress is not None:
                    progress.update(task, failed=counts["failed"])
        ledger.finish()
        with clock.storing():
            for added in writer.close():
                tally(counts, added)
            if run_id is not None:
                store.finish_run(run_id, counts)
    if not quiet:
        err.out(json.dumps({"summary": counts, "text": _summary(counts), "run": run_id, "resumed": resumed,
                            "seconds": clock.report()}), highlight=False)
    raise SystemExit(EXIT_SOME_FAILED if counts["failed"] else EXIT_OK)


def _extractor(stack: ExitStack, workers: int, dask_address: str | None, time_budget: float,
               min_confidence: float | None, err: Console):
    """What turns items into records, in input order: a Dask cluster, local worker processes, or this process."""
    from ..workers import default_pipeline

    budget = time_budget or None
    factory = functools.partial(default_pipeline, min_confidence=min_confidence)
    if dask_address:
        from ..cluster import DaskWorkers
        from ..errors import ConfigError

        try:
            return stack.enter_context(DaskWorkers(dask_address, workers, time_budget=budget, factory=factory)).process
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from None
    if workers > 1:
        from ..workers import Workers

        return stack.enter_context(Workers(workers, time_budget=budget, factory=factory)).process
    pipeline = None

    def get_pipeline():
        nonlocal pipeline
        if pipeline is None:
            pipeline = _pipeline(err, min_confidence)
            pipeline.time_budget = budget
        return pipeline

    return lambda items: _extract(items, get_pipeline)


def _summary(counts: dict[str, int]) -> str:
    """The summary line a person reads.

    >>> _summary({"new": 3, "stored": 5, "duplicates": 2, "replaced": 0, "failed": 1})
    '3 new, 5 already stored (2 of them near-duplicates under another URL), 1 failed'
    """
    dup = f" ({counts['duplicates']} of them near-duplicates under another URL)" if counts["duplicates"] else ""
    text = f"{counts['new']} new, {counts['stored']} already stored{dup}, {counts['failed']} failed"
    return text + (f", {counts['replaced']} re-extracted" if counts["replaced"] else "")


def _extract(items: Iterable[Article | EventwireError], get_pipeline) -> Iterator[Packed]:
    """Records for ``items``, packed for the store; the pipeline is loaded only once there is a story to read."""
    from ..packed import pack
    from ..records import failure_record

    items = iter(items)
    for first in items:
        if isinstance(first, EventwireError):
            yield pack(failure_record(first))
            continue
        yield from map(pack, get_pipeline().process(itertools.chain([first], items)))
        return


def _article(record: ArticleRecord) -> Article:
    """The article a stored record was made from (to read it again)."""
    from ..model import InputRef

    assert record.id is not None
    return Article(id=record.id, title=record.title, text=record.text, source=record.source, url=record.url,
                   published=record.published, language=record.language, author=record.author,
                   dateline=record.dateline, input=record.input or InputRef(path="<store>"),
                   metadata=record.metadata)


COLUMNS = ("id", "date_start", "type", "acled_sub_event_type", "status", "actor_names", "recipient_names", "place",
           "country", "fatalities", "claimant", "evidence")


@click.command("runs")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="The newest runs to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table for a person (default at a terminal), json lines for a pipe.")
@store_errors
def runs_command(db: str | None, limit: int, fmt: str | None) -> None:
    """List the store's ingest runs, newest first: id, status (running, or killed while running; done), when it
    started and last stored, its inputs (finished of started), the items stored so far and its last counts. A run
    that is not done goes on with `eventwire ingest --resume ID` (or the same command again).

    \b
    Example:
      eventwire runs --db events.db
    """
    err = Console(stderr=True)
    found = _read(db, err, lambda store: store.runs(limit))
    out = Console()
    if (fmt or ("table" if out.is_terminal else "json")) == "json":
        for run in found:
            sys.stdout.write(json.dumps(run, ensure_ascii=False, default=str) + "\n")
        raise SystemExit(EXIT_OK)
    table = Table(show_lines=False)
    for col in ("run", "status", "started", "updated", "inputs", "items", "counts", "inputs given"):
        table.add_column(col, overflow="fold")
    for run in found:
        counts = run.get("counts") or {}
        table.add_row(str(run["id"]), run["status"], run["started_at"], run["updated_at"],
                      f"{run['inputs_finished']}/{run['inputs_started']}", str(run["items_done"]),
                      ", ".join(f"{k} {v}" for k, v in counts.items() if not isinstance(v, dict)),
                      _short(" ".join(map(str, (run.get("command") or {}).get("paths", []))), 60))
    out.print(table)
    raise SystemExit(EXIT_OK)


@click.command("query")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv", "geojson"]), default=None,
              help="table for a person (the default at a terminal), jsonl (the default in a pipe), csv, geojson.")
@store_errors
def query_command(db: str | None, limit: int, fmt: str | None, **filters) -> None:
    """Find stored events: newest first, every filter given must hold.

    \b
    Examples:
      eventwire query --type ASSAULT --country NGA --since 2025-01-01
      eventwire query --actor shabab --format jsonl | jq .evidence
      eventwire query --bbox 2,4,15,14 --format geojson > events.geojson
    """
    f = make_filters(**filters)
    err = Console(stderr=True)
    store = _open(db, err, create=False)
    out = Console()
    fmt = fmt or ("table" if out.is_terminal else "jsonl")
    try:
        page = store.events(f, limit=limit, total=fmt == "table")
    finally:
        store.close()
    items = page["items"]
    if fmt == "table":
        table = Table(title=f"{len(items)} of {page['total']} events", show_lines=False)
        for col in ("date", "type", "ACLED", "status"):
            table.add_column(col, no_wrap=True)
        for col in ("actor", "recipient", "place"):
            table.add_column(col, overflow="fold", min_width=12, max_width=24)
        table.add_column("dead", justify="right", no_wrap=True)
        table.add_column("evidence", overflow="ellipsis", no_wrap=True, min_width=20, max_width=60)
        for e in items:
            table.add_row(e["date_start"] or "", e["type"], e["acled_sub_event_type"] or "", e["status"] or "",
                          e["actor_names"] or "", e["recipient_names"] or "",
                          ", ".join(x for x in (e["place"], e["country"]) if x),
                          "" if e["fatalities"] is None else str(e["fatalities"]), _short(e["evidence"] or "", 90))
        out.print(table)
    elif fmt == "jsonl":
        for e in items:
            sys.stdout.write(json.dumps(e, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(COLUMNS)
        for e in items:
            writer.writerow(["" if e[c] is None else e[c] for c in COLUMNS])
    else:
        from ..exports import geojson_collection

        json.dump(geojson_collection(items), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    raise SystemExit(EXIT_OK)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


EXPORT_FORMATS = ("acled-csv", "plover-json", "gdelt", "geojson", "parquet")


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="acled-csv, plover-json (JSON Lines), gdelt (events + mentions tables), geojson, parquet.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), required=True,
              help="Write here (- for stdout; gdelt also writes OUTPUT's mentions table beside it).")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@store_errors
def export_command(db: str | None, fmt: str, output: str, limit: int | None, **filters) -> None:
    """Write stored events in a format another tool reads (docs/exports.md maps each field).

    \b
    Examples:
      eventwire export --format acled-csv -o events.csv --since 2025-01-01
      eventwire export --format geojson -o events.geojson --type PROTEST
      eventwire export --format gdelt -o events.export.CSV     # and events.mentions.CSV
      eventwire export --format parquet -o events.parquet      # needs: pip install 'eventwire[parquet]'
    """
    from .. import exports

    f = make_filters(**filters)
    err = Console(stderr=True)
    if fmt in ("parquet", "gdelt") and output == "-":
        raise click.UsageError(f"{fmt} is written to a file: give -o FILE")
    store = _open(db, err, create=False)
    try:
        n = exports.export(store, fmt, output, f, limit=limit)
    except exports.ExportError as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        raise SystemExit(EXIT_SOME_FAILED) from None
    finally:
        store.close()
    err.out(json.dumps({"summary": {"format": fmt, "events": n, "output": output}}), highlight=False)
    raise SystemExit(EXIT_OK)


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback only unless you say otherwise).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-edits", is_flag=True, help="Open POST /api/incidents/merge and /split (a person's corrections "
              "of cross-story events). Off by default: the API is read-only.")
@store_errors
def serve_command(db: str | None, host: str, port: int, allow_edits: bool) -> None:
    """Serve the store: a read-only JSON API and the map page at http://HOST:PORT/.

    \b
    Examples:
      eventwire serve                               # ./eventwire.db on http://127.0.0.1:8000/
      eventwire serve --db postgresql://me@127.0.0.1/events --port 8080
    The API is documented at /docs (OpenAPI at /openapi.json) and in docs/api.md.
    """
    import uvicorn

    from ..service import create_app

    err = Console(stderr=True)
    store = _open(db, err, create=False)
    err.print(f"eventwire: serving {store!r} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    try:
        uvicorn.run(create_app(store, allow_edits=allow_edits), host=host, port=port, log_level="warning")
    finally:
        store.close()



@click.group("events")
def events_group() -> None:
    """Cross-story events (incidents): show one, merge or split by hand, link older events.

    \b
    Examples:
      eventwire events show 12
      eventwire events merge cd9486d8b6d6825b:V1 0a49026613c2b830:V3
      eventwire events split 0a49026613c2b830:V3
    A person's merges and splits are kept and applied again when the stories are ingested or re-extracted.
    """


@events_group.command("show")
@click.argument("incident_id", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None,
              help="table for a person (default at a terminal), json for a pipe.")
@store_errors
def events_show(incident_id: int, db: str | None, fmt: str | None) -> None:
    """One incident: its headline values and every source's own account."""
    err = Console(stderr=True)
    found = _read(db, err, lambda store: store.incident(incident_id))
    if found is None:
        err.print(f"[bold red]Error:[/] no incident {incident_id}", highlight=False)
        raise SystemExit(EXIT_SOME_FAILED)
    out = Console()
    if (fmt or ("table" if out.is_terminal else "json")) == "json":
        sys.stdout.write(json.dumps(found, ensure_ascii=False, default=str) + "\n")
        raise SystemExit(EXIT_OK)
    dead = found["fatalities"] if found["fatalities"] == found["fatalities_max"] else \
        f"{found['fatalities']} (sources say {found['fatalities']}-{found['fatalities_max']})"
    out.print(f"[bold]Incident {found['id']}[/]: {found['type']} on {found['date_start']} at "
              f"{found['place'] or '?'} ({found['country'] or '?'}); dead: {dead}; actors: "
              f"{found['actor_names'] or '?'}; {found['stories']} stories", highlight=False)
    table = Table(show_lines=False)
    for col in ("event", "outlet", "published", "date", "place", "dead", "claimed by", "joined", "evidence"):
        table.add_column(col, overflow="fold", max_width=60 if col == "evidence" else 28)
    for s in found["sources"]:
        why = "first" if s["score"] is None and s["decided_by"] == "auto" else s["decided_by"] if s["score"] is None \
            else f"{s['score']:.1f}"
        table.add_row(s["id"], s["outlet"] or "", s["published"] or "", s["date_start"] or "", s["place"] or "",
                      "" if s["fatalities"] is None else str(s["fatalities"]), s["claimant"] or "", why,
                      _short(s["evidence"] or "", 120))
    out.print(table)
    raise SystemExit(EXIT_OK)


@events_group.command("merge")
@click.argument("event_ids", nargs=-1, required=True, metavar="EVENT_ID EVENT_ID...")
@db_option
@store_errors
def events_merge(event_ids: tuple[str, ...], db: str | None) -> None:
    """Put the events into the incident of the first (ids as story:event, e.g. cd9486d8b6d6825b:V1)."""
    if len(event_ids) < 2:
        raise click.UsageError("merge needs two events or more")
    _decide(db, lambda store: store.merge(list(event_ids)))


@events_group.command("split")
@click.argument("event_id")
@db_option
@store_errors
def events_split(event_id: str, db: str | None) -> None:
    """Take the event out of its incident into one of its own."""
    _decide(db, lambda store: store.split(event_id))


@events_group.command("relink")
@db_option
@store_errors
def events_relink(db: str | None) -> None:
    """Give every stored event without an incident one (events stored before cross-story events existed)."""
    err = Console(stderr=True)
    store = _open(db, err)
    try:
        n = store.relink()
    finally:
        store.close()
    err.out(json.dumps({"summary": {"linked": n}}), highlight=False)
    raise SystemExit(EXIT_OK)


def _decide(db: str | None, action) -> None:
    err = Console(stderr=True)
    store = _open(db, err, create=False)
    try:
        incident_id = action(store)
    except KeyError as exc:
        err.print(f"[bold red]Error:[/] {exc.args[0]}", highlight=False)
        raise SystemExit(EXIT_SOME_FAILED) from None
    finally:
        store.close()
    err.out(json.dumps({"summary": {"incident": incident_id}}), highlight=False)
    raise SystemExit(EXIT_OK)
