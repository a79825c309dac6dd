"""A process that only reads, stores or serves starts without spaCy: an ingest's store writer, the command of a
parallel ingest, ``eventwire query`` and the API import the pipeline only when they extract."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import sys
import eventwire, eventwire.cli, eventwire.ingest, eventwire.service, eventwire.store.writer, eventwire.workers
from eventwire.model import Article, InputRef
from eventwire.records import to_record
from eventwire.store import Store

store = Store.open(sys.argv[1])
store.seed_actors()
record = to_record(Article(id="s1", text="Troops withdrew from the town.", input=InputRef(path="<test>")))
assert store.add_many([(record, None)]) == ["new"]
assert eventwire.__version__ and "Pipeline" in eventwire.__all__
print(sorted(m for m in ("spacy", "thinc", "eventwire.pipeline") if m in sys.modules))
"""


def test_storing_and_serving_do_not_import_the_pipeline(tmp_path):
    done = subprocess.run([sys.executable, "-c", PROGRAM, f"sqlite:///{tmp_path / 's.db'}"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_pipeline_is_there_when_asked_for():
    import eventwire

    assert eventwire.Pipeline.__name__ == "Pipeline"
    from eventwire import Pipeline

    assert Pipeline is eventwire.Pipeline
