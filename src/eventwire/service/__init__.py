"""The HTTP API and the web map over a store: ``create_app(store)`` (FastAPI), served by ``eventwire serve``."""

from .app import create_app

__all__ = ["create_app"]
