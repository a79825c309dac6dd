"""deploy/: the compose file wires a scheduler, workers, PostgreSQL, the client and the API as docs/deploy.md says
(no Docker daemon here: the file is checked, not run; see docs/deploy.md)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from eventwire.cli import cli

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_compose_file_runs_eventwire_on_dask_with_postgres():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"postgres", "scheduler", "worker", "ingest", "api"}
    assert services["postgres"]["image"] == "postgres:15"
    worker = services["worker"]["command"]
    assert worker[:3] == ["dask", "worker", "tcp://scheduler:8786"] and "--nthreads" in worker
    assert {"--lifetime", "--lifetime-restart"} <= set(worker)  # fresh workers now and then (docs/deploy.md)
    ingest = services["ingest"]["command"]
    assert ingest[:2] == ["eventwire", "ingest"] and ingest[ingest.index("--dask") + 1] == "tcp://scheduler:8786"
    assert services["ingest"]["environment"]["EVENTWIRE_DB"].startswith("postgresql://")
    for name, service in services.items():  # nothing published beyond loopback
        assert all(str(p).startswith("127.0.0.1:") for p in service.get("ports", [])), name
    # The commands it runs are eventwire's own.
    assert {"--dask", "--db", "--workers", "--resume"} <= {o for p in cli.commands["ingest"].params for o in p.opts}


def test_image_installs_from_the_lock_and_builds_the_pipeline():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/deploy.lock" in dockerfile
    assert (DEPLOY.parent / "requirements" / "deploy.lock").exists()
    assert "eventwire.load_pipeline()" in dockerfile


def test_image_leaves_glibcs_malloc_thresholds_to_the_workers():
    """Dask's default MALLOC_TRIM_THRESHOLD_ in its workers cost eventwire's parse a fifth more CPU (docs/deploy.md):
    the image's Dask configuration unsets it, as DaskWorkers does for a local cluster."""
    dask = pytest.importorskip("dask")

    from eventwire.cluster import KEEP_MALLOC

    assert "COPY deploy/dask.yaml /etc/dask/dask.yaml" in (DEPLOY / "Dockerfile").read_text()
    config = yaml.safe_load((DEPLOY / "dask.yaml").read_text())
    assert config["distributed"]["nanny"]["pre-spawn-environ"] == {"MALLOC_TRIM_THRESHOLD_": None}
    merged = dask.config.update(copy.deepcopy(dask.config.config), config)  # as Dask merges a file of /etc/dask
    environ = dask.config.get("distributed.nanny.pre-spawn-environ", config=merged)
    assert environ["MALLOC_TRIM_THRESHOLD_"] is None and environ["OMP_NUM_THREADS"] == 1
    assert KEEP_MALLOC == {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
