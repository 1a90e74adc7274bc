"""Which engine holds the record: a SQLite file (the default) or a PostgreSQL database.

The store modules speak SQLite's SQL to a `sqlite3.Connection`. On PostgreSQL they get a
`PgConnection` instead: the same methods they use (`execute`, `executemany`, cursors that
fetch and iterate, `in_transaction`, `total_changes`, `close`), which translates the few
dialect differences of the store's statements once per statement text (cached):

    ?, ?NNN placeholders          %s (numbered ones by reordering the parameters)
    INSERT OR IGNORE              INSERT ... ON CONFLICT DO NOTHING
    INSERT OR REPLACE             INSERT ... ON CONFLICT (key) DO UPDATE (keys below)
    LIKE                          ILIKE (SQLite's LIKE ignores case)
    json_group_array(name)        json_agg, '[]' for none
    datetime('now')               the same text from now()
    cursor.lastrowid              RETURNING of the table's identity column
    BEGIN IMMEDIATE               BEGIN and the archive's write lock (one writer at a
                                  time, as in SQLite; readers never wait)
    BEGIN                         a REPEATABLE READ snapshot (the search index's reads)
    PRAGMA ...                    nothing (SQLite's own settings)

Parameters stay parameters: nothing here puts a value into SQL text. A URL given as the
archive (`postgresql://user@host/db`, also in $ONRECORD_DB) selects PostgreSQL.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from onrecord.errors import DatabaseUnreachableError, NotFoundError, StoreError

SCHEMES = ("postgresql://", "postgres://")
# A writer waits this long for another one's transaction (SQLite's busy timeout).
LOCK_TIMEOUT_MS = 60_000
CONNECT_TIMEOUT_S = 10
# INSERT OR REPLACE: the key each table conflicts on.
_REPLACE_KEYS = {"speaker_overrides": ("doc_id", "name_key"), "paragraph_vectors": ("rowid",)}
# INSERT ... VALUES into these tables: lastrowid is this column.
_IDENTITY = {"changes": "seq", "watches": "id", "corrections": "id", "annotations": "id"}


def is_url(path: str | os.PathLike[str] | None) -> bool:
    return isinstance(path, str) and path.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def is_postgres(conn: Any) -> bool:
    return getattr(conn, "dialect", "sqlite") == "postgresql"


def index_dir(url: str) -> Path:
    """Where this node keeps its Tantivy index of a PostgreSQL archive: $ONRECORD_INDEX,
    else a folder per database under $XDG_CACHE_HOME/onrecord (~/.cache/onrecord)."""
    chosen = os.environ.get("ONRECORD_INDEX")
    if chosen:
        return Path(chosen)
    parts = urlsplit(url)
    name = f"{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.strip('/') or 'db'}"
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "onrecord" / f"{name}.index"


# one token of SQL: a string literal, a quoted name, a placeholder, a percent sign
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?(\d*)|%")


@lru_cache(maxsize=512)
def translate(sql: str) -> tuple[str, tuple[int, ...] | None, str | None]:
    """(PostgreSQL SQL, the parameter order for numbered placeholders or None, the column
    whose value is the cursor's lastrowid or None)."""
    text = sql.strip()
    order: list[int] = []
    numbered = False
    position = 0

    def token(match: re.Match[str]) -> str:
        nonlocal numbered, position
        found = match.group(0)
        if found == "%":
            return "%%"
        if found.startswith("?"):
            if match.group(1):  # ?NNN; a bare ? after it is the next number (as in SQLite)
                numbered = True
                order.append(int(match.group(1)) - 1)
            else:
                order.append(position)
            position = max(order) + 1
            return "%s"
        return found

    text = _TOKENS.sub(token, text)
    text = re.sub(r"\bLIKE\b", "ILIKE", text)
    text = text.replace(
        "json_group_array(name)", "coalesce(json_agg(name ORDER BY a.local_id), '[]')::text"
    )
    text = text.replace(
        "datetime('now')", "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
    )
    returning = None
    ignore = re.match(r"INSERT OR IGNORE INTO", text, re.IGNORECASE)
    replace = re.match(r"INSERT OR REPLACE INTO (\w+) \(([^)]*)\)", text, re.IGNORECASE)
    if ignore:
        text = "INSERT INTO" + text[ignore.end() :] + " ON CONFLICT DO NOTHING"
    elif replace:
        table, columns = replace.group(1), [c.strip() for c in replace.group(2).split(",")]
        keys = _REPLACE_KEYS[table]
        sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        text = "INSERT INTO" + text[len("INSERT OR REPLACE INTO") :]
        text += f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}"
    else:
        target = re.match(r"INSERT INTO (\w+) .*\bVALUES\b", text, re.IGNORECASE | re.DOTALL)
        if target and target.group(1) in _IDENTITY and "RETURNING" not in text.upper():
            returning = _IDENTITY[target.group(1)]
            text += f" RETURNING {returning}"
    return text, (tuple(order) if numbered else None), returning


class PgCursor:
    """What a sqlite3.Cursor gives the store: fetchone, fetchall, iteration, lastrowid."""

    def __init__(self, cursor: Any = None, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount if cursor is not None else -1

    def fetchone(self) -> Any:
        if self._cursor is None or self._cursor.description is None:
            return None
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        if self._cursor is None or self._cursor.description is None:
            return []
        return list(self._cursor.fetchall())

    def __iter__(self) -> Iterator[Any]:
        if self._cursor is None or self._cursor.description is None:
            return iter(())
        return iter(self._cursor)


class PgConnection:
    """A psycopg connection (autocommit; transactions explicit, as the SQLite one runs)
    that runs the store's SQLite statements. Errors become one-line StoreErrors."""

    dialect = "postgresql"

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        self.total_changes = 0

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        control = self._control(sql)
        if control is not None:
            return control
        text, order, returning = translate(sql)
        args = _arranged(params, order)
        cursor = self._run(lambda: self.raw.execute(text, args))
        if cursor.rowcount and cursor.rowcount > 0 and not text.startswith("SELECT"):
            self.total_changes += cursor.rowcount
        lastrowid = None
        if returning is not None:
            rows = self._run(cursor.fetchall)
            lastrowid = int(rows[-1][0]) if rows else None
        return PgCursor(None if returning else cursor, lastrowid)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        text, order, _ = translate(sql)
        rows = [_arranged(params, order) for params in seq]
        if not rows:
            return PgCursor()
        with self.raw.cursor() as cursor:
            self._run(lambda: cursor.executemany(text, rows))
        self.total_changes += len(rows)
        return PgCursor()

    def _control(self, sql: str) -> PgCursor | None:
        """Transaction statements and SQLite's pragmas; None for anything else."""
        word = sql.lstrip()[:20].upper()
        if word.startswith("PRAGMA"):
            return PgCursor()
        if word.startswith("BEGIN IMMEDIATE"):
            from onrecord.store.pg_schema import WRITE_LOCK

            self._run(lambda: self.raw.execute("BEGIN"))
            self._run(lambda: self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,)))
            return PgCursor()
        if word.startswith("BEGIN"):
            self._run(lambda: self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ"))
            return PgCursor()
        if word.startswith(("ROLLBACK", "COMMIT")):
            if self.in_transaction or word.startswith("COMMIT"):
                try:
                    self._run(lambda: self.raw.execute(word.split()[0]))
                except StoreError:
                    if word.startswith("COMMIT"):
                        raise
            return PgCursor()
        return None

    def _run(self, call: Any) -> Any:
        import psycopg

        try:
            return call()
        except psycopg.errors.LockNotAvailable as err:
            raise StoreError(
                f"cannot write to the database: another writer held it for over"
                f" {LOCK_TIMEOUT_MS // 1000} s ({_first_line(err)})",
                source=redact(self.url),
            ) from err
        except psycopg.OperationalError as err:
            raise DatabaseUnreachableError(
                f"lost the PostgreSQL server ({_first_line(err)})", source=redact(self.url)
            ) from err
        except psycopg.Error as err:
            raise StoreError(
                f"PostgreSQL refused ({_first_line(err)})", source=redact(self.url)
            ) from err

    @property
    def lost(self) -> bool:
        """Whether the server closed or dropped this connection (a restart, a failover, an
        idle timeout): it answers nothing more, and a new one is needed."""
        return bool(self.raw.closed or self.raw.broken)

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _arranged(params: Sequence[Any] | None, order: tuple[int, ...] | None) -> Sequence[Any]:
    values = list(params or ())
    return [values[i] for i in order] if order is not None else values


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


# How often a web process asks the server whether anything was written (`write_mark`).
MARK_SECONDS = 1.0
_MARKS: dict[str, tuple[float, tuple[int, ...], Any]] = {}
_MARKS_LOCK = threading.Lock()


def write_mark(target: str) -> tuple[int, ...]:
    """A value that changes with every committed write to the archive, for caches of what
    was read from it. SQLite: the (size, mtime) of the database file and of its WAL (an
    empty or missing WAL counts as (0, 0): a reader opening the database may create an
    empty one, which changes nothing stored). PostgreSQL: `_server_mark`."""
    if not is_url(target):
        return _file_mark(target)
    return _server_mark(target)


def _file_mark(path: str) -> tuple[int, ...]:
    out: list[int] = []
    for name in (path, path + "-wal"):
        try:
            stat = os.stat(name)
        except OSError:
            out += [0, 0]
            continue
        out += [stat.st_size, stat.st_mtime_ns] if stat.st_size else [0, 0]
    return tuple(out)


def _server_mark(url: str) -> tuple[int, ...]:
    """PostgreSQL's next transaction id (read-only transactions take none), asked at most
    once a second per process, so a cached page may lag a write by up to a second. (0,)
    when the server cannot be asked: the caches start again."""
    now = time.monotonic()
    with _MARKS_LOCK:
        known = _MARKS.get(url)
        if known is not None and now - known[0] < MARK_SECONDS:
            return known[1]
        conn = known[2] if known is not None else None
        try:
            if conn is None or conn.closed:
                import psycopg

                conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
            row: Any = conn.execute(
                "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
            ).fetchone()
            mark: tuple[int, ...] = (int(row[0]),)
        except Exception:  # any failure: the caches start again
            conn, mark = None, (0,)
        _MARKS[url] = (now, mark, conn)
        return mark


def connect(url: str, *, create: bool = True, readonly: bool = False) -> PgConnection:
    """A migrated connection to the PostgreSQL archive at `url`; a server that cannot be
    reached, or a missing psycopg, is a StoreError of one line (exit code 10)."""
    from onrecord.store import pg_schema

    shown = redact(url)
    try:
        import psycopg
    except ImportError as err:
        raise StoreError(
            "PostgreSQL needs psycopg: pip install 'onrecord[postgres]'", source=shown
        ) from err
    try:
        raw = psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="onrecord",
        )
    except psycopg.Error as err:
        raise DatabaseUnreachableError(
            f"cannot reach the PostgreSQL database ({_first_line(err)})", source=shown
        ) from err
    try:
        raw.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
        current = pg_schema.version(raw.execute)
        if current == 0 and (readonly or not create):
            raise NotFoundError(
                "no onrecord archive in this database (ingest into it first)", source=shown
            )
        if readonly and current < pg_schema.LATEST:
            raise StoreError("database needs an upgrade; open it once for writing", source=shown)
        pg_schema.migrate(raw, shown, readonly=readonly)
        if readonly:  # the server refuses a write by mistake
            raw.execute("SET default_transaction_read_only = on")
    except psycopg.Error as err:
        raw.close()
        raise StoreError(f"PostgreSQL refused ({_first_line(err)})", source=shown) from err
    except BaseException:
        raw.close()
        raise
    return PgConnection(raw, url)
