"""The writer's statements run through the database driver, with SQLAlchemy's results and errors.

A writer runs about twenty statements for every story it stores. SQLAlchemy spent more CPU on each of them (its
statement cache, an execution context, each parameter processed, a result object) than the database did: about a
third of the writer's CPU on SQLite, on the cores that extraction needs (docs/benchmarks.md#scale). Here a
statement built once is compiled once per back end, and each run hands the driver its SQL and parameters directly:

- :func:`insert_rows`: ``INSERT`` (or insert-or-skip) of rows with the same keys, by ``executemany``, on SQLite and
  PostgreSQL;
- :class:`Prepared`: a select or update built once (``Prepared(select(...))``), run by ``.run(conn, params)``; on
  SQLite through the driver (expanding ``IN`` lists included), elsewhere by ``conn.execute``. Its result has the
  calls the store makes of SQLAlchemy's (``first``, ``all``, ``scalars``, ``mappings``, ``scalar_one``), with each
  column's result processor applied (SQLite's booleans come back as ``bool``).

Values go through each column's own bind processor (JSON, binary), so a row stored here is the row SQLAlchemy would
have stored; a driver error is raised as SQLAlchemy's (``IntegrityError``, ``OperationalError``), and the statements
run in the connection's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError

_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
_EXPANDING = "__[POSTCOMPILE_{}]"


def insert_rows(conn: Connection, table: Table, rows: list[dict], *, skip_conflict_on: str | None = None) -> None:
    """Insert ``rows`` (each with the same keys) by the driver's ``executemany``; ``skip_conflict_on``: a unique
    column, and a row whose value is taken already is skipped (``ON CONFLICT ... DO NOTHING``)."""
    if not rows:
        return
    keys = tuple(rows[0])
    made = _plain_insert(conn.dialect, table, keys, skip_conflict_on)
    if made is None:  # a driver whose placeholders this does not write: SQLAlchemy's own way
        statement = insert(table)
        if skip_conflict_on:
            statement = (sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert)(table) \
                .on_conflict_do_nothing(index_elements=[skip_conflict_on])
        conn.execute(statement, rows)
        return
    sql, processors = made
    if processors:
        params = [tuple(v if (p := processors[i]) is None else p(v) for i, v in enumerate(row[k] for k in keys))
                  for row in rows]
    else:
        params = [tuple(row[k] for k in keys) for row in rows]
    _driver_run(conn, sql, params, many=True)


_plain_inserts: dict[tuple, tuple[str, list] | None] = {}


def _plain_insert(dialect: Any, table: Table, keys: tuple[str, ...], skip_conflict_on: str | None
                  ) -> tuple[str, list] | None:
    """``insert_rows``' SQL in the driver's placeholders and each column's bind processor (None where the value
    goes as it is; an empty list when no column has one), made once per back end, table and column set."""
    cache_key = (dialect.name, dialect.driver, dialect.paramstyle, table.name, keys, skip_conflict_on)
    if cache_key in _plain_inserts:
        return _plain_inserts[cache_key]
    mark = _PLACEHOLDERS.get(dialect.paramstyle)
    made: tuple[str, list] | None = None
    if mark is not None:
        quote = dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
               f"({', '.join(quote(k) for k in keys)}) VALUES ({', '.join([mark] * len(keys))})")
        if skip_conflict_on:
            sql += f" ON CONFLICT ({quote(skip_conflict_on)}) DO NOTHING"
        processors = [table.c[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys]
        made = (sql, processors if any(p is not None for p in processors) else [])
    _plain_inserts[cache_key] = made
    return made


def _driver_run(conn: Connection, sql: str, params: list, *, many: bool = False) -> list[tuple]:
    """Run ``sql`` on the connection's driver cursor, in its transaction: the rows it returned (none for a write);
    a driver error raised as SQLAlchemy's."""
    cursor = conn.connection.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
            return []
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []
    except conn.dialect.loaded_dbapi.Error as exc:
        raise DBAPIError.instance(sql, params, exc, conn.dialect.loaded_dbapi.Error) from exc
    finally:
        cursor.close()


class Rows:
    """The rows a :class:`Prepared` statement returned, read the ways the store reads SQLAlchemy's results."""

    def __init__(self, columns: list[str], rows: list[tuple]) -> None:
        self.columns, self.rows = columns, rows

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)

    def all(self) -> list[tuple]:
        return self.rows

    def first(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def scalar_one(self) -> Any:
        if len(self.rows) != 1:
            raise ValueError(f"one row expected, {len(self.rows)} found")
        return self.rows[0][0]

    def scalars(self) -> Rows:
        return Rows(self.columns[:1], [r[0] for r in self.rows])

    def mappings(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


class _Compiled(NamedTuple):
    """A statement as SQLite's driver takes it: its SQL, its placeholders' parameter names in order, the values the
    statement itself gives, the names that are IN lists, the bind processors by name, the result's columns and
    each column's result processor (no list when no column has one)."""

    sql: str
    names: list[str]
    defaults: dict[str, Any]
    expanding: frozenset[str]
    binds: dict[str, Any]
    columns: list[str]
    processors: list[Any]


class Prepared:
    """A select or update built once, run through SQLite's driver (compiled once), through SQLAlchemy elsewhere.

    Parameters go through their bind processors as SQLAlchemy would send them.
    """

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._compiled: dict[tuple, _Compiled | None] = {}

    def run(self, conn: Connection, params: dict[str, Any] | list[dict[str, Any]] | None = None) -> Any:
        """Run with ``params`` (a list: once per item, ``executemany``); the rows it returned (none for an
        update), the same on every back end."""
        made = self._compile(conn.dialect) if conn.dialect.name == "sqlite" else None
        if made is None or (made.expanding and (isinstance(params, list)  # an IN list in each of many: SQLAlchemy's
                                                or any(not (params or {}).get(n) for n in made.expanding))):  # or empty
            result = conn.execute(self.statement, params) if params is not None else conn.execute(self.statement)
            return Rows(list(result.keys()), [tuple(r) for r in result]) if result.returns_rows else Rows([], [])
        sql, names, defaults, expanding, binds, columns, processors = made
        if isinstance(params, list):
            _driver_run(conn, sql, [_values(names, binds, {**defaults, **p}) for p in params], many=True)
            return Rows([], [])
        given = {**defaults, **(params or {})}
        for name in expanding:
            sql = sql.replace(_EXPANDING.format(name), ", ".join("?" * len(given[name])))
        rows = _driver_run(conn, sql, _values(names, binds, given, expanding))
        if processors:
            rows = [tuple(v if p is None else p(v) for p, v in zip(processors, r, strict=True)) for r in rows]
        return Rows(columns, rows)

    def _compile(self, dialect: Any) -> _Compiled | None:
        cache_key = (dialect.name, dialect.driver, dialect.paramstyle)
        if cache_key not in self._compiled:
            self._compiled[cache_key] = self._make(dialect)
        return self._compiled[cache_key]

    def _make(self, dialect: Any) -> _Compiled | None:
        if dialect.paramstyle != "qmark":
            return None
        compiled = self.statement.compile(dialect=dialect)
        names = list(compiled.positiontup or [])
        expanding = frozenset(n for n in names if _EXPANDING.format(n) in compiled.string)
        if any(names.count(n) > 1 for n in expanding):
            return None
        binds = {n: p for n in names if (p := compiled.binds[n].type.dialect_impl(dialect).bind_processor(dialect))}
        defaults = {k: v for k, v in compiled.params.items() if v is not None}
        selected = getattr(self.statement, "selected_columns", None)
        columns = [c.key for c in selected] if selected is not None else []
        processors = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in selected] \
            if selected is not None else []
        if all(p is None for p in processors):
            processors = []
        return _Compiled(compiled.string, names, defaults, expanding, binds, columns, processors)


def _values(names: list[str], binds: dict[str, Any], given: dict[str, Any], expanding: frozenset = frozenset()
            ) -> list[Any]:
    """The parameters in the order of the SQL's placeholders, each through its bind processor, an expanding list
    as its items."""
    values: list[Any] = []
    for name in names:
        value, process = given[name], binds.get(name)
        if name in expanding:
            values.extend(value if process is None else map(process, value))
        else:
            values.append(value if process is None else process(value))
    return values
