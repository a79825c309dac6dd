"""A read-only JSON API over the event store, and the map page at ``/``.

Every list takes the filters of :class:`eventwire.store.Filters` as query parameters (the same names as
``eventwire query``). Bad parameters get 422 with a message, unknown ids 404; the OpenAPI document is at
``/openapi.json`` and the docs at ``/docs``. docs/api.md has examples.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from datetime import date
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError

from .. import __version__
from ..exports import geojson_collection
from ..store import Filters, Store
from ..store.query import MAX_FILTER_CHARS, MAX_LIMIT, STATUSES, StatBy, StatUnit, decode_cursor

STATIC = resources.files("eventwire.service") / "static"
Text = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]


def event_filters(
    type: Text = None, acled: Text = None,
    status: Annotated[Literal[STATUSES] | None, Query()] = None,  # type: ignore[valid-type]
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3")] = None,
    actor: Text = None, since: date | None = None, until: date | None = None,
    bbox: Annotated[str | None, Query(max_length=100, pattern=r"^\s*-?[0-9.]+(\s*,\s*-?[0-9.]+){3}\s*$",
                                      description="W,S,E,N in degrees")] = None,
    text: Text = None, story: Text = None, include_superseded: bool = False,
    actor_id: Annotated[int | None, Query(ge=1, le=2**62, description="An actor of the registry (/api/actors)")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Events the happening model scores at "
                                                                          "least this")] = None,
) -> Filters:
    """The filters of a request, checked as the CLI checks them."""
    try:
        return Filters(type=type, acled=acled, status=status, country=country, actor=actor, since=since,
                       until=until, bbox=bbox, text=text, story=story, include_superseded=include_superseded,
                       actor_id=actor_id, min_confidence=min_confidence)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False, include_context=False)]
        ) from None


FiltersDep = Annotated[Filters, Depends(event_filters)]


class Party(BaseModel):
    entity: str | None
    actor_id: int | None
    name: str
    type: str | None
    country: str | None
    sector: str | None


class EventOut(BaseModel):
    id: str
    story_id: str
    type: str
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None
    status: str | None
    date_start: str | None
    date_end: str | None
    date_granularity: str | None
    date_basis: str | None
    place: str | None
    place_basis: str | None
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int | None
    fatalities: int | None
    injured: int | None
    arrested: int | None
    actor_names: str | None
    recipient_names: str | None
    claimant: str | None
    evidence: str | None
    evidence_start: int | None
    evidence_end: int | None
    trigger_start: int | None
    trigger_end: int | None
    mentions: int
    confidence: float | None
    superseded: bool
    incident_id: int | None
    actors: list[Party]
    recipients: list[Party]


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None
    total: int


class Count(BaseModel):
    key: str | None
    count: int


class ActorOut(BaseModel):
    actor_id: int | None
    name: str
    events: int
    type: str | None
    country: str | None
    sector: str | None


class Cell(BaseModel):
    lat: float
    lon: float
    count: int
    type: str


def _json(data: Any) -> Response:
    """The body as JSON without a second pass through the response model: the store's rows already have the
    documented shape (tests check it against the OpenAPI document), and re-validating 1,000 events costs more than
    reading them."""
    return Response(_dumps(data), media_type="application/json")


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode()


class ResponseCache:
    """Answers by URL, valid while the store's write generation is unchanged: a dashboard asks the same questions
    again and again, and nothing changes until an ingest (or a merge or split) writes. The generation is read at
    most every ``max_age`` seconds, so a write shows within that time. Only answers the endpoints computed (200s)
    are kept; :class:`CacheMiddleware` serves a hit before routing, validation or the store are touched."""

    def __init__(self, store: Store, size: int = 1024, max_age: float = 0.25) -> None:
        self.store, self.size, self.max_age = store, size, max_age
        self.items: OrderedDict[str, tuple[int, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self._generation, self._checked = -1, 0.0

    def generation(self) -> int:
        now = time.monotonic()
        if now - self._checked > self.max_age:
            self._generation, self._checked = self.store.generation(), now
        return self._generation

    @staticmethod
    def key(path: str, query: str) -> str:
        return f"{path}?{query}"

    def get(self, key: str) -> bytes | None:
        generation = self.generation()
        with self.lock:
            hit = self.items.get(key)
            if hit is None or hit[0] != generation:
                return None
            self.items.move_to_end(key)
            return hit[1]

    def __call__(self, request: Request, compute) -> Response:
        """Compute an endpoint's answer and keep it."""
        key = self.key(request.url.path, request.url.query)
        generation = self.generation()
        body = _dumps(compute())
        with self.lock:
            self.items[key] = (generation, body)
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return Response(body, media_type="application/json", headers={"X-Cache": "miss"})


class CacheMiddleware:
    """Serve a cached answer to a GET under /api/ before anything else runs (plain ASGI, for speed)."""

    def __init__(self, app, cache: ResponseCache) -> None:
        self.app, self.cache = app, cache

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"].startswith("/api/"):
            body = self.cache.get(self.cache.key(scope["path"], scope["query_string"].decode("latin-1")))
            if body is not None:
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"x-cache", b"hit")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class MergeIn(BaseModel):
    events: list[Annotated[str, Field(max_length=100)]] = Field(min_length=2, max_length=100, description=(
        "Event ids (story:event); the others join the incident of the first."))


class SplitIn(BaseModel):
    event: Annotated[str, Field(max_length=100)]


def create_app(store: Store, *, allow_edits: bool = False) -> FastAPI:
    """The API and map over ``store``: read-only, unless ``allow_edits`` opens POST /api/incidents/merge and /split
    (a person's corrections of cross-story events, kept across re-ingest)."""
    app = FastAPI(title="eventwire", version=__version__, description=(
        "Sourced, geolocated event records from news stories: query events, their stories and counts. "
        "Read-only."))
    app.state.store = store
    cached = ResponseCache(store)
    app.add_middleware(CacheMiddleware, cache=cached)

    @app.exception_handler(ValueError)
    async def _bad_value(_request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse(status_code=422,
                            content={"detail": [{"loc": ["query"], "msg": str(exc), "type": "value_error"}]})

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, Any]:
        """Whether the store answers (cheap: no table is counted)."""
        return {"ok": store.ping(), "version": __version__}

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(request: Request, filters: FiltersDep, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                    cursor: Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]+$")] = None
                    ) -> Response:
        """Events newest first under the filters; follow ``next_cursor`` for the next page."""
        if cursor:
            try:
                decode_cursor(cursor)
            except ValueError as exc:
                raise RequestValidationError([{"loc": ("query", "cursor"), "msg": str(exc), "type": "value_error",
                                               "input": cursor}]) from None
        return cached(request, lambda: store.events(filters, limit=limit, cursor=cursor))

    @app.get("/api/events.geojson", tags=["events"])
    def events_geojson(request: Request, filters: FiltersDep,
                       limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = MAX_LIMIT) -> Response:
        """The placed events under the filters as a GeoJSON FeatureCollection (lon, lat), newest first."""
        return cached(request, lambda: geojson_collection(store.events(filters, limit=limit, total=False)["items"]))

    @app.get("/api/events/{event_id}", response_model=EventOut, tags=["events"],
             responses={404: {"description": "No such event"}})
    def get_event(event_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
        """One event with its actors and recipients."""
        event = store.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return event

    @app.get("/api/stories/{story_id}", tags=["stories"], responses={404: {"description": "No such story"}})
    def get_story(story_id: Annotated[str, Path(max_length=100)]) -> Response:
        """A stored story: its text, every extracted span (the full record) and its stored events."""
        story = store.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id!r}")
        story.pop("tsv", None)
        story["events"] = list(store.iter_events(Filters(story=story_id, include_superseded=True)))
        return _json(story)

    @app.get("/api/incidents/{incident_id}", tags=["events"], responses={404: {"description": "No such incident"}})
    def get_incident(incident_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
        """A cross-story event: its headline values and every source's own account (outlet, date, place, dead,
        claimant), with the score and clues that joined each."""
        found = store.incident(incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return _json(found)

    @app.get("/api/actors/{actor_id}", tags=["actors"], responses={404: {"description": "No such actor"}})
    def get_actor(actor_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
        """An actor across stories: every name key it is known by and the names stories gave it, with counts."""
        found = store.actor(actor_id)
        if found is None:
            raise HTTPException(404, f"no actor {actor_id}")
        return _json(found)

    @app.get("/api/stats", response_model=list[Count], tags=["events"])
    def get_stats(request: Request, filters: FiltersDep, by: StatBy = "type", unit: StatUnit = "events") -> Response:
        """Counts under the filters, by day, week (Monday), type, country, actor, status or acled: of events, or with
        ``unit=incidents`` of real happenings (one however many stories tell it)."""
        return cached(request, lambda: store.stats(filters, by=by, unit=unit))

    @app.get("/api/grid", response_model=list[Cell], tags=["events"])
    def get_grid(request: Request, filters: FiltersDep, cell: Annotated[float, Query(ge=0.01, le=90)] = 1.0
                 ) -> Response:
        """Placed events counted per grid cell of ``cell`` degrees (what the map draws when there are many)."""
        return cached(request, lambda: store.grid(filters, cell))

    @app.get("/api/actors", response_model=list[ActorOut], tags=["actors"])
    def get_actors(request: Request, q: Text = None, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
        """Actor and recipient names (containing ``q``), most frequent first."""
        return cached(request, lambda: store.actors(q, limit=limit))

    if allow_edits:
        @app.post("/api/incidents/merge", tags=["edits"], responses={404: {"description": "No such event"}})
        def post_merge(body: MergeIn) -> dict[str, int]:
            """Put the events into the incident of the first, as a person's decision kept across re-ingest."""
            try:
                return {"incident": store.merge(body.events)}
            except KeyError as exc:
                raise HTTPException(404, exc.args[0]) from None

        @app.post("/api/incidents/split", tags=["edits"], responses={404: {"description": "No such event"}})
        def post_split(body: SplitIn) -> dict[str, int]:
            """Give the event an incident of its own, as a person's decision kept across re-ingest."""
            try:
                return {"incident": store.split(body.event)}
            except KeyError as exc:
                raise HTTPException(404, exc.args[0]) from None

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    return app
