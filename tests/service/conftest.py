"""A served test store: six bundled VOA stories plus one whose text holds markup, on SQLite."""

from __future__ import annotations

import pytest

from tests.store.conftest import db_url, filled, store, voa_records  # noqa: F401  (shared fixtures)

HOSTILE_TEXT = ('KAMPALA (Eventwire) - Police arrested 12 protesters in Kampala on Monday, officials said. '
                '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> The protesters '
                'marched to parliament.')


@pytest.fixture(scope="session")
def hostile_record(extract_text):
    """A story that contains markup: the page must show it as text and run none of it."""
    return extract_text(HOSTILE_TEXT)


@pytest.fixture(scope="module")
def served_store(tmp_path_factory, voa_records, hostile_record):  # noqa: F811
    from eventwire.store import Store

    path = tmp_path_factory.mktemp("served") / "events.db"
    served = Store.open(str(path))
    for record in [*voa_records, hostile_record]:
        served.add(record)
    yield served
    served.close()


@pytest.fixture(scope="module")
def app(served_store):
    from eventwire.service import create_app

    return create_app(served_store)
