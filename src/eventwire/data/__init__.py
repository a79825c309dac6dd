"""The project's data tables, and the readers that tables used by more than one stage share."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple


class ArmedGroup(NamedTuple):
    name: str
    forms: tuple[str, ...]
    """Every form the group goes by, its name first."""
    country: str | None
    """ISO3 of the country it fights in most, when the table gives one."""


@lru_cache(maxsize=1)
def outlet_timezones() -> dict[str, str]:
    """``outlet_timezones.tsv``: an outlet's web host or source name (casefolded) -> its IANA time zone.

    >>> outlet_timezones()["voanews.com"]
    'America/New_York'
    """
    table = {}
    text = resources.files(__name__).joinpath("outlet_timezones.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            outlet, zone, *_ = line.split("\t")
            table[outlet.strip().casefold()] = zone.strip()
    return table


@lru_cache(maxsize=1)
def armed_groups() -> tuple[ArmedGroup, ...]:
    """The rows of ``armed_groups.tsv`` (name, other names comma-separated, country), read once.

    >>> next(g for g in armed_groups() if g.name == "Islamic State").forms[:3]
    ('Islamic State', 'IS', 'ISIS')
    """
    rows = []
    text = resources.files(__name__).joinpath("armed_groups.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, others, country, *_ = [*line.split("\t"), "", "", ""]
            forms = tuple(f.strip() for f in [name, *others.split(",")] if f.strip())
            rows.append(ArmedGroup(name, forms, country.strip() or None))
    return tuple(rows)
