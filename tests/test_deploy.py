"""deploy/: the compose file wires a scheduler, workers, PostgreSQL, the client and the API as docs/deploy.md says
(no Docker daemon here: the file is checked, not run; see docs/deploy.md)."""

from __future__ import annotations

from pathlib import Path

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
