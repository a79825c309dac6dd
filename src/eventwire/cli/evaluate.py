"""``eventwire eval TASK FORMAT PATH``: score a stage on a gold data set in its published format."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import click

from ..eval.report import EvalResult

# (task, format) -> (module in eventwire.eval, function, leading arguments). Each reads PATH as the data set
# publishes it; modules are imported only when their task runs, so `eventwire eval` starts fast.
EVALUATORS: dict[tuple[str, str], tuple[str, str, tuple[str, ...]]] = {
    ("time", "tempeval3"): ("tempeval", "evaluate_tempeval3", ()),
    ("geo", "lgl"): ("geo", "evaluate_geo", ("lgl",)),
    ("geo", "gwn"): ("geo", "evaluate_geo", ("gwn",)),
    ("geo", "geovirus"): ("geo", "evaluate_geo", ("geovirus",)),
    ("event-location", "halterman"): ("event_location", "evaluate_event_location", ()),
    ("quotes", "polnear"): ("polnear", "evaluate_polnear", ()),
    ("events", "case2021"): ("events", "evaluate_case2021", ()),
    ("events", "plv"): ("events", "evaluate_plv", ()),
    ("events", "plover-gsr"): ("events", "evaluate_plover_gsr", ()),
    ("events", "india-police"): ("events", "evaluate_india_police", ()),
    ("stories", "jsonl"): ("stories", "evaluate_stories", ()),
    ("incidents", "gvc"): ("incidents", "evaluate_gvc", ()),
    ("coref", "ecbplus"): ("coref", "evaluate_coref", ("ecbplus",)),
    ("coref", "gvc"): ("coref", "evaluate_coref", ("gvc",)),
}


def run_evaluation(task: str, fmt: str, path: str) -> EvalResult:
    """Run one registered evaluation (``KeyError`` for an unknown task and format)."""
    module, function, args = EVALUATORS[(task, fmt)]
    evaluate = getattr(importlib.import_module(f"eventwire.eval.{module}"), function)
    return evaluate(*args, path)


def _choices() -> str:
    return ", ".join(f"{t} {f}" for t, f in sorted(EVALUATORS))


@click.command("eval")
@click.argument("task")
@click.argument("fmt", metavar="FORMAT")
@click.argument("path", required=False)
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
      events plover-gsr PATH          PLOVER_GSR_CAMEO.json: PLOVER type between source and target, macro-F1
      events india-police DIR         sents.csv/docs.csv: police KILL/ARREST/FORCE/FAIL, sentences and documents
      quotes polnear DIR              brat standoff (text/, attributions/): source, cue and content span
                                      P/R/F1, exact and token overlap; speaker accuracy for named persons
      stories [jsonl] FILE            whole stories with every real event coded (benchmarks/stories):
                                      precision, recall, records per found event, place and date accuracy,
                                      for all stories, the dev fold and the sealed fold
      incidents gvc DIR               Gun Violence Corpus (uCDCR CoNLL): are the articles of one incident
                                      joined into one cross-story event? pairwise and B3 P/R/F1 over articles
      coref ecbplus DIR               ECB+ (CAT XML): cross-document event coreference with gold mentions,
                                      MUC, B3, CEAF-e and CoNLL F1, with and without gold topics; story
                                      clusters, B3
      coref gvc DIR                   Gun Violence Corpus (uCDCR): the same

    \b
    Example:
      eventwire eval time tempeval3 ../shared/data/time/tempeval3-platinum --predictions time.jsonl
    """
    if path is None and task == "stories":  # `eventwire eval stories FILE`: the format is the only one
        fmt, path = "jsonl", fmt
    if path is None:
        raise click.UsageError("missing PATH: eventwire eval TASK FORMAT PATH.")
    if not Path(path).exists():
        raise click.UsageError(f"no such file or directory: {path}")
    if (task, fmt) not in EVALUATORS:
        raise click.UsageError(f"no evaluation '{task} {fmt}'. Choose one of: {_choices()}.")
    result = run_evaluation(task, fmt, path)
    if predictions_path:
        result.write_predictions(predictions_path)
    if as_json:
        click.echo(json.dumps(result.summary(), indent=2))
    else:
        click.echo(result.report)
