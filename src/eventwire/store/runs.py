"""Ingest runs: each has an id, and the store keeps how far it has come through each input, so that running the same
command again after a kill (or ``eventwire ingest --resume RUN``) skips what is done instead of reading it again.

The progress is a convenience, never a guarantee: stories are keyed by their content, so an item read twice is
found stored and not stored again. That is why progress is written in batches after the stories it counts, and may
lag behind them by a second or so.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .db import insert_numbered
from .schema import run_inputs, runs

Progress = dict[str, tuple[int, bool]]
"""Input path -> (items done, finished)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def key(command: dict[str, Any]) -> str:
    """The same inputs read the same way have the same key.

    >>> key({"paths": ["a.jsonl"], "input_format": None}) == key({"input_format": None, "paths": ["a.jsonl"]})
    True
    """
    return hashlib.sha256(json.dumps(command, sort_keys=True).encode()).hexdigest()


def start(conn: Connection, command: dict[str, Any], run_id: int | None = None) -> tuple[int, bool, Progress]:
    """The run to go on with: ``run_id`` if given, else the newest unfinished run of the same command, else a new
    one. Returns its id, whether it is resumed, and its progress so far."""
    if run_id is not None:
        found = conn.execute(select(runs.c.id).where(runs.c.id == run_id)).first()
        if found is None:
            raise KeyError(f"no ingest run {run_id}")
    else:
        run_id = conn.execute(select(runs.c.id).where(runs.c.key == key(command), runs.c.status == "running")
                              .order_by(runs.c.id.desc()).limit(1)).scalar()
    if run_id is None:
        now = _now()
        (new_id,) = insert_numbered(conn, runs, [{"key": key(command), "command": command, "status": "running",
                                                  "started_at": now, "updated_at": now}], "id")
        return new_id, False, {}
    conn.execute(update(runs).where(runs.c.id == run_id).values(status="running", updated_at=_now()))
    done = conn.execute(select(run_inputs.c.path, run_inputs.c.items_done, run_inputs.c.finished)
                        .where(run_inputs.c.run_id == run_id)).all()
    return run_id, True, {path: (n, bool(finished)) for path, n, finished in done}


def command(conn: Connection, run_id: int) -> dict[str, Any] | None:
    return conn.execute(select(runs.c.command).where(runs.c.id == run_id)).scalar()


def record(conn: Connection, run_id: int, progress: Progress) -> None:
    """Save how far the run has come through these inputs."""
    if not progress:
        return
    upsert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
    stmt = upsert(run_inputs)
    conn.execute(stmt.on_conflict_do_update(
        index_elements=["run_id", "path"],
        set_={"items_done": stmt.excluded.items_done, "finished": stmt.excluded.finished}),
        [{"run_id": run_id, "path": p, "items_done": n, "finished": f} for p, (n, f) in sorted(progress.items())])
    conn.execute(update(runs).where(runs.c.id == run_id).values(updated_at=_now()))


def finish(conn: Connection, run_id: int, counts: dict[str, int]) -> None:
    conn.execute(update(runs).where(runs.c.id == run_id).values(status="done", counts=counts, updated_at=_now()))


def listing(conn: Connection, limit: int = 20) -> list[dict[str, Any]]:
    """The newest runs, each with its inputs done and started."""
    rows = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit)).mappings().all()
    out = []
    for r in rows:
        inputs = conn.execute(select(run_inputs.c.items_done, run_inputs.c.finished)
                              .where(run_inputs.c.run_id == r["id"])).all()
        out.append({**dict(r), "inputs_started": len(inputs), "inputs_finished": sum(1 for _, f in inputs if f),
                    "items_done": sum(n for n, _ in inputs)})
    return out
