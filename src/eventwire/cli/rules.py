"""``eventwire rules``: the coding rules of the events stage, with their examples."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.text import Text

from .extract import EXIT_OK


@click.command("rules")
@click.option("--type", "type_", metavar="TYPE", help="Only rules that give this PLOVER type (ASSAULT, ...).")
@click.option("--lemma", metavar="LEMMA", help="Only rules that name this trigger lemma (not those for any lemma).")
@click.option("--stage", type=click.Choice(["trigger", "phrase", "reading", "status", "roles", "place", "quote"]),
              help="Only rules of this stage.")
@click.option("--id", "rule_id", metavar="ID", help="One rule by its id (as events give it in evidence.rule).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a rule, on stdout.")
def rules_command(type_: str | None, lemma: str | None, stage: str | None, rule_id: str | None,
                  as_json: bool) -> None:
    """List the coding rules: each rule's id, the lemmas it reads, its conditions, the type it gives or its veto,
    the CAMEO code it follows, why, and its examples (which run as tests). The events stage's rules live in
    ontologies/event_rules.toml, and an event's evidence.rule names the ones that made it; rules that stay Python
    (status, roles, trigger sources, places) are listed with their reasons, and the seats of institutions
    (stage "place", ontologies/seats.tsv) as seat:NAME. The quotes stage's frames (stage "quote",
    ontologies/quote_rules.toml) are named by each quote's rule.

    \b
    Examples:
      eventwire rules --lemma strike
      eventwire rules --type PROTEST --stage reading
      eventwire rules --id labour-strike --json
    """
    from ..pipeline.events import BUILT_IN_RULES, event_rules
    from ..pipeline.quotes import quote_rules
    from ..pipeline.seats import seats

    rows = [r.to_dict() for r in (*event_rules().rules, *quote_rules().rules)]
    rows += [{"id": k, "stage": s, "lemma": None, "pos": None, "when": [], "type": None, "veto": False, "cameo": None,
              "reason": why, "examples": [], "counter": [], "source": "eventwire/pipeline/events/"}
             for k, (s, why) in BUILT_IN_RULES.items()]
    rows += [{"id": f"seat:{seat.names[0]}", "stage": "place", "lemma": None, "pos": None,
              "when": [f"names {' | '.join(seat.names)}"] + ([f"story says {' | '.join(seat.needs)}"] if seat.needs
                                                             else []),
              "type": None, "veto": False, "cameo": None,
              "reason": f"an institution's own meeting, vote or statement takes place at its seat, {seat.seat}",
              "examples": [], "counter": [], "source": f"ontologies/seats.tsv:{seat.line}"} for seat in seats()]
    if rule_id:
        rows = [r for r in rows if r["id"] == rule_id]
    if type_:
        rows = [r for r in rows if r["type"] == type_.upper()]
    if stage:
        rows = [r for r in rows if r["stage"] == stage]
    if lemma:
        rows = [r for r in rows if r["lemma"] is not None and lemma.lower() in r["lemma"]]
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        raise SystemExit(EXIT_OK)
    console = Console()
    for r in rows:
        gives = "veto (no event)" if r["veto"] else r["type"] or ""
        lemmas = ("any lemma" if r["stage"] in ("trigger", "phrase", "reading") else "") if r["lemma"] is None \
            else ", ".join(r["lemma"][:8]) + (" ..." if len(r["lemma"]) > 8 else "")
        head = Text.assemble((r["id"], "bold"), f"  {r['stage']}  ", (lemmas, "cyan"), "  → " if gives else "",
                             (gives, "bold green"),
                             f"  CAMEO {r['cameo']}" if r["cameo"] else "", (f"  {r['source']}", "dim"))
        console.print(head)
        if r["when"]:
            console.print(Text("  when: " + "; ".join(r["when"])))
        console.print(Text("  why: " + r["reason"]))
        for ex in r["examples"]:
            console.print(Text(f"  e.g. {ex}", style="green"))
        for ex in r["counter"]:
            console.print(Text(f"  not: {ex}", style="red"))
    console.print(Text(f"{len(rows)} rules", style="dim"), highlight=False)
    raise SystemExit(EXIT_OK)
