"""Showing one record to a person in the terminal (rich): the text with names highlighted, then tables."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import ArticleRecord

STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green",
          "NORP": "yellow", "FAC": "blue"}


def render_record(record: ArticleRecord) -> Group:
    """A rich renderable for one record."""
    parts = []
    head = Text(record.title or "(no headline)", style="bold")
    meta = " · ".join(x for x in (record.source, record.published.date if record.published else None,
                                   record.url, f"id {record.id}") if x)
    parts.append(Panel(Text.assemble(head, "\n", Text(meta, style="dim"))))
    if record.errors:
        for err in record.errors:
            parts.append(Text(f"{err.code}: {err.message}", style="bold red"))
        return Group(*parts)

    body = Text(record.text)
    for ent in record.entities:
        for s, e in ent.mentions:
            body.stylize(STYLES.get(ent.type, "bold"), s, e)
    parts.append(body)

    table = Table(title="Entities", title_justify="left", show_lines=False)
    for col in ("id", "type", "name", "aliases", "country", "mentions"):
        table.add_column(col, overflow="fold")
    for ent in record.entities:
        table.add_row(ent.id, Text(ent.type, style=STYLES.get(ent.type, "")), ent.name, ", ".join(ent.aliases),
                      ent.country or "", str(len(ent.mentions)))
    parts.append(table)
    names = {e.id: e.name for e in record.entities}
    if record.quotes:
        qt = Table(title="Quotes", title_justify="left")
        for col in ("id", "kind", "speaker", "cue", "text"):
            qt.add_column(col, overflow="fold")
        for q in record.quotes:
            qt.add_row(q.id, q.kind, names.get(q.speaker or "", q.speaker_text or "?"), q.cue or "", q.text)
        parts.append(qt)
    places = {p.id: p for p in record.places}
    if record.places:
        pt = Table(title="Places", title_justify="left")
        for col in ("id", "name", "feature", "country", "admin1", "lat, lon"):
            pt.add_column(col, overflow="fold")
        for p in record.places:
            pt.add_row(p.id, p.name, p.feature or "", p.country or "", p.admin1 or "",
                       f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "")
        parts.append(pt)
    if record.events:
        et = Table(title="Events", title_justify="left")
        for col in ("id", "type", "status", "tellings", "actor", "recipient", "place", "date", "source", "rules"):
            et.add_column(col, overflow="fold")
        for v in record.events:
            trigs = [m.evidence.trigger for m in (v.mentions or [v]) if m.evidence and m.evidence.trigger]
            et.add_row(v.id, v.type, v.status or "", " / ".join(record.text[s:e] for s, e in trigs),
                       ", ".join(names.get(a, a) for a in v.actor), ", ".join(names.get(r, r) for r in v.recipient),
                       (places[v.place].name + (" (story)" if v.place_basis == "story" else ""))
                       if v.place in places else "",
                       (v.date.text or v.date.start or "") if v.date else "", names.get(v.source or "", ""),
                       Text(", ".join(dict.fromkeys(r for m in (v.mentions or [v]) if m.evidence
                                                    for r in m.evidence.rule)), style="dim"))
        parts.append(et)
    return Group(*parts)


def show(record: ArticleRecord, console: Console | None = None) -> None:
    (console or Console()).print(render_record(record))
