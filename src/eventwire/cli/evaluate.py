"""``eventwire eval TASK FORMAT PATH``: score a stage on a gold data set in its published format."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from ..eval.report import EvalResult


def _tempeval3(path: str) -> EvalResult:
    from ..eval.tempeval import evaluate_tempeval3

    return evaluate_tempeval3(path)


def _geo(fmt: str) -> Callable[[str], EvalResult]:
    def run(path: str) -> EvalResult:
        from ..eval.geo import evaluate_geo

        return evaluate_geo(fmt, path)

    return run


def _event_location(path: str) -> EvalResult:
    from ..eval.event_location import evaluate_event_location

    return evaluate_event_location(path)


def _polnear(path: str) -> EvalResult:
    from ..eval.polnear import evaluate_polnear

    return evaluate_polnear(path)


def _events(fmt: str) -> Callable[[str], EvalResult]:
    def run(path: str) -> EvalResult:
        from ..eval import events

        return {"case2021": events.evaluate_case2021, "plv": events.evaluate_plv,
                "india-police": events.evaluate_india_police}[fmt](path)

    return run


# (task, format) -> evaluator. Each reads PATH as the data set publishes it.
EVALUATORS: dict[tuple[str, str], Callable[[str], EvalResult]] = {
    ("time", "tempeval3"): _tempeval3,
    ("geo", "lgl"): _geo("lgl"),
    ("geo", "gwn"): _geo("gwn"),
    ("geo", "geovirus"): _geo("geovirus"),
    ("event-location", "halterman"): _event_location,
    ("quotes", "polnear"): _polnear,
    ("events", "case2021"): _events("case2021"),
    ("events", "plv"): _events("plv"),
    ("events", "india-police"): _events("india-police"),
}


def _choices() -> str:
    return ", ".join(f"{t} {f}" for t, f in sorted(EVALUATORS))


@click.command("eval")
@click.argument("task")
@click.argument("fmt", metavar="FORMAT")
@click.argument("path", type=click.Path(exists=True))
@click.option("--predictions", "predictions_path", type=click.Path(dir_okay=False, writable=True),
              help="Write one JSON line per scored item (id, gold, predicted) to this file.")
@click.option("--json", "as_json", is_flag=True, help="Print {task, dataset, n, metrics} as JSON.")
def eval_command(task: str, fmt: str, path: str, predictions_path: str | None, as_json: bool) -> None:
    """Score a stage on a gold data set read in its published format.

    \b
    Tasks and formats:
      time tempeval3 DIR              TimeML .tml files: DATE values on gold spans, end-to-end F1
      geo lgl|gwn|geovirus PATH       Pragmatic-Guide XML: accuracy@161km and exact GeoNames id on gold
                                      spans, end-to-end P/R/F1 (MLG patches applied when beside the data)
      event-location halterman PATH   Prodigy JSON Lines: accuracy of the place chosen for each VERB
      events case2021 PATH            CASE 2021 Task 2 dev.tsv: ACLED sub-event types, weighted F1
      events plv PATH                 PLV_train.tsv: PLOVER root between source and target, macro-F1
      events india-police DIR         sents.csv/docs.csv: police KILL/ARREST/FORCE/FAIL, sentences and documents
      quotes polnear DIR              brat standoff (text/, attributions/): source, cue and content span
                                      P/R/F1, exact and overlap; speaker accuracy for named persons

    \b
    Example:
      eventwire eval time tempeval3 ../shared/data/time/tempeval3-platinum --predictions time.jsonl
    """
    evaluator = EVALUATORS.get((task, fmt))
    if evaluator is None:
        raise click.UsageError(f"no evaluation '{task} {fmt}'. Choose one of: {_choices()}.")
    result = evaluator(path)
    if predictions_path:
        result.write_predictions(predictions_path)
    if as_json:
        click.echo(json.dumps(result.summary(), indent=2))
    else:
        click.echo(result.report)
