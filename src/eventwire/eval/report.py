"""What every ``eventwire eval`` task returns, and how it is printed or written."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class EvalResult:
    """One evaluation: ``--json`` prints ``{task, dataset, n, metrics}``; ``--predictions`` writes ``predictions``."""

    task: str
    dataset: str
    n: int
    metrics: dict[str, Any]
    predictions: list[dict[str, Any]] = field(default_factory=list)
    report: str = ""

    def summary(self) -> dict[str, Any]:
        return {"task": self.task, "dataset": self.dataset, "n": self.n, "metrics": self.metrics}

    def write_predictions(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for row in self.predictions:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def skipped_note(skipped: dict[str, int]) -> str:
    """A report line that counts the gold rows left out, by reason (empty when none were)."""
    if not skipped:
        return ""
    return "  skipped: " + "; ".join(f"{n} {why}" for why, n in sorted(skipped.items()))


def count(skipped: dict[str, int], reason: str) -> None:
    """Count one gold row left out (or repaired), by reason, for the report's ``skipped`` line."""
    skipped[reason] = skipped.get(reason, 0) + 1
