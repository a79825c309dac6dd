"""Pipelines for worker processes in tests (a module of its own: spawned workers import it by name)."""

from __future__ import annotations

import os

from eventwire.records import to_record

KILL = "KILL-THE-WORKER"


class EchoPipeline:
    """Records with no analysis, fast; a story whose text holds ``KILL`` ends its worker process at once, as a crash
    in compiled code or the kernel's OOM killer would."""

    def __init__(self, time_budget: float | None) -> None:
        self.time_budget = time_budget

    def process(self, items):
        for article in items:
            if KILL in article.text:
                os._exit(9)
            yield to_record(article)


def echo_pipeline(time_budget: float | None) -> EchoPipeline:
    return EchoPipeline(time_budget)


class PidPipeline(EchoPipeline):
    """Records that say which process made them (``metadata["pid"]``)."""

    def process(self, items):
        for record in super().process(items):
            yield record.model_copy(update={"metadata": {"pid": os.getpid()}})


def pid_pipeline(time_budget: float | None) -> PidPipeline:
    return PidPipeline(time_budget)
