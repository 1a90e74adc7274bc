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

Connections: `connect` opens one of its own (the CLI: one thread, one connection);
`pooled` gives a `PgConnection` that borrows from the process's `psycopg_pool` pool for its
URL and mode (`pool_for`) for one statement, or from BEGIN to COMMIT, and gives it back
when idle, so that any number of threads share at most $ONRECORD_PG_POOL connections.
"""

from __future__ import annotations

import logging
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

log = logging.getLogger(__name__)
SCHEMES = ("postgresql://", "postgres://")
# A writer waits this long for another one's transaction (SQLite's busy timeout).
LOCK_TIMEOUT_MS = 60_000
CONNECT_TIMEOUT_S = 10
# Connections of a process's pool (per URL and mode); a borrower waits CONNECT_TIMEOUT_S
# for one, then gets a DatabaseUnreachableError (HTTP 503).
ENV_POOL = "ONRECORD_PG_POOL"
DEFAULT_POOL = 8
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
    that runs the store's SQLite statements. Errors become one-line StoreErrors.

    With a `pool` (see `pooled`) it holds no connection while idle: a statement borrows one
    and gives it back when it has run (its rows are in the client by then: psycopg's
    client-side cursors read a result whole), unless a transaction is open, which keeps it
    until COMMIT or ROLLBACK. A connection the server dropped goes back to the pool, which
    discards it, and the pool's idle ones are checked (a restart drops them all): the
    statement that met it fails (DatabaseUnreachableError), the next gets a working one."""

    dialect = "postgresql"

    def __init__(self, raw: Any, url: str, pool: Pool | None = None) -> None:
        self.raw = raw
        self.url = url
        self.pool = pool
        self.total_changes = 0

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        if self.raw is None:
            return False
        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def _held(self) -> Any:
        """The connection to run on: this one's own, or one borrowed from the pool."""
        if self.raw is None:
            if self.pool is None:
                raise StoreError("the archive is closed", source=redact(self.url))
            self.raw = self.pool.borrow()
        return self.raw

    def _settle(self) -> None:
        """Give a borrowed connection back once no transaction holds it."""
        if self.pool is None or self.raw is None:
            return
        if self.raw.broken or self.raw.closed:
            raw, self.raw = self.raw, None
            self.pool.give_back(raw, lost=True)
        elif not self.in_transaction:
            raw, self.raw = self.raw, None
            self.pool.give_back(raw)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        control = self._control(sql)
        if control is not None:
            return control
        text, order, returning = translate(sql)
        args = _arranged(params, order)
        try:
            cursor = self._run(lambda: self._held().execute(text, args))
            if cursor.rowcount and cursor.rowcount > 0 and not text.startswith("SELECT"):
                self.total_changes += cursor.rowcount
            lastrowid = None
            if returning is not None:
                rows = self._run(cursor.fetchall)
                lastrowid = int(rows[-1][0]) if rows else None
        finally:
            self._settle()
        return PgCursor(None if returning else cursor, lastrowid)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> PgCursor:
        text, order, _ = translate(sql)
        rows = [_arranged(params, order) for params in seq]
        if not rows:
            return PgCursor()
        try:
            with self._held().cursor() as cursor:
                self._run(lambda: cursor.executemany(text, rows))
        finally:
            self._settle()
        self.total_changes += len(rows)
        return PgCursor()

    def _control(self, sql: str) -> PgCursor | None:
        """Transaction statements and SQLite's pragmas; None for anything else."""
        word = sql.lstrip()[:20].upper()
        if word.startswith("PRAGMA"):
            return PgCursor()
        try:
            if word.startswith("BEGIN IMMEDIATE"):
                from onrecord.store.pg_schema import WRITE_LOCK

                self._run(lambda: self._held().execute("BEGIN"))
                self._run(
                    lambda: self._held().execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                )
                return PgCursor()
            if word.startswith("BEGIN"):
                self._run(lambda: self._held().execute("BEGIN ISOLATION LEVEL REPEATABLE READ"))
                return PgCursor()
            if word.startswith(("ROLLBACK", "COMMIT")):
                if self.in_transaction or word.startswith("COMMIT"):
                    try:
                        self._run(lambda: self._held().execute(word.split()[0]))
                    except StoreError:
                        if word.startswith("COMMIT"):
                            raise
                return PgCursor()
        finally:
            self._settle()
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
        idle timeout): it answers nothing more, and a new one is needed. A pooled one is
        never lost: its next statement borrows a working connection."""
        if self.raw is None:
            return False
        return bool(self.raw.closed or self.raw.broken)

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        if self.pool is None:
            if self.raw is not None:
                self.raw.close()
            return
        pool, self.pool = self.pool, None  # closing twice gives up one share, once
        if self.raw is not None:  # an open transaction is rolled back by the pool
            raw, self.raw = self.raw, None
            pool.give_back(raw)
        pool.release()

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
        shared = _POOLS.get((url, True))
        if shared is not None:  # a web process: ask on a connection of its pool
            try:
                with shared.pool.connection(timeout=CONNECT_TIMEOUT_S) as borrowed:
                    got = borrowed.execute(
                        "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"
                    ).fetchone()
                pooled_mark = (int(got[0]),) if got is not None else (0,)
            except Exception:  # any failure: the caches start again
                pooled_mark = (0,)
            if conn is not None:
                conn.close()
            _MARKS[url] = (now, pooled_mark, None)
            return pooled_mark
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


def _psycopg(shown: str) -> Any:
    try:
        import psycopg
    except ImportError as err:
        raise StoreError(
            "PostgreSQL needs psycopg: pip install 'onrecord[postgres]'", source=shown
        ) from err
    return psycopg


def connect(url: str, *, create: bool = True, readonly: bool = False) -> PgConnection:
    """A migrated connection to the PostgreSQL archive at `url`; a server that cannot be
    reached, or a missing psycopg, is a StoreError of one line (exit code 10)."""
    shown = redact(url)
    psycopg = _psycopg(shown)
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
        _configure(raw, readonly=False)
        _check_schema(raw, shown, create=create, readonly=readonly)
        if readonly:
            _configure(raw, readonly=True)
    except psycopg.Error as err:
        raw.close()
        raise StoreError(f"PostgreSQL refused ({_first_line(err)})", source=shown) from err
    except BaseException:
        raw.close()
        raise
    return PgConnection(raw, url)


def _configure(raw: Any, *, readonly: bool) -> None:
    """What every connection of the archive is set to: a writer waits LOCK_TIMEOUT_MS for
    another's transaction; a read-only one is refused a write by the server itself."""
    raw.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
    if readonly:
        raw.execute("SET default_transaction_read_only = on")


def _check_schema(raw: Any, shown: str, *, create: bool, readonly: bool) -> None:
    """The archive's schema: made or migrated (a writer), or refused with one line."""
    import psycopg

    from onrecord.store import pg_schema

    try:
        current = pg_schema.version(raw.execute)
        if current == 0 and (readonly or not create):
            raise NotFoundError(
                "no onrecord archive in this database (ingest into it first)", source=shown
            )
        if readonly and current < pg_schema.LATEST:
            raise StoreError("database needs an upgrade; open it once for writing", source=shown)
        pg_schema.migrate(raw, shown, readonly=readonly)
    except psycopg.Error as err:
        raise StoreError(f"PostgreSQL refused ({_first_line(err)})", source=shown) from err


def pool_size() -> int:
    """$ONRECORD_PG_POOL: the most connections a process's pool opens (default 8)."""
    value = os.environ.get(ENV_POOL, "").strip()
    if not value:
        return DEFAULT_POOL
    if not value.isdigit() or not 1 <= int(value) <= 1000:
        raise StoreError(
            f"{ENV_POOL} must be a number of connections from 1 to 1000, not {value!r}"
        )
    return int(value)


class Pool:
    """One `psycopg_pool.ConnectionPool` of a process for one URL and mode (read-only or
    not), shared by every `PgConnection` that `pooled` gives for them; counted, so that it
    closes with the last of them. Its connections are configured as `connect`'s are
    (autocommit, lock_timeout, application_name, read-only when read-only); the schema is
    checked once, when the pool opens, not for each connection."""

    def __init__(self, url: str, *, create: bool, readonly: bool, size: int) -> None:
        shown = redact(url)
        psycopg = _psycopg(shown)
        from psycopg_pool import ConnectionPool

        self.url, self.readonly, self.size, self.users = url, readonly, size, 0
        self.pool: Any = ConnectionPool(
            url,
            min_size=1,
            max_size=size,
            kwargs={
                "autocommit": True,
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": "onrecord",
            },
            configure=lambda raw: _configure(raw, readonly=readonly),
            timeout=CONNECT_TIMEOUT_S,
            name=f"onrecord {shown}{' (read-only)' if readonly else ''}",
            open=False,
        )
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
            with self.pool.connection() as raw:
                # the check may migrate: a writer's session, whatever the pool's mode
                raw.execute("SET default_transaction_read_only = off")
                try:
                    _check_schema(raw, shown, create=create, readonly=readonly)
                finally:
                    _configure(raw, readonly=readonly)
        except BaseException as err:
            self.pool.close()
            if isinstance(err, psycopg.Error) or type(err).__name__ == "PoolTimeout":
                raise DatabaseUnreachableError(
                    f"cannot reach the PostgreSQL database ({_first_line(err)})", source=shown
                ) from err
            raise

    def borrow(self) -> Any:
        from psycopg_pool import PoolTimeout

        try:
            return self.pool.getconn()
        except PoolTimeout as err:
            raise DatabaseUnreachableError(
                f"no PostgreSQL connection free or reachable in {CONNECT_TIMEOUT_S} s"
                f" ({self.size} in the pool)",
                source=redact(self.url),
            ) from err

    def give_back(self, raw: Any, *, lost: bool = False) -> None:
        self.pool.putconn(raw)  # the pool discards a connection the server dropped
        if lost:  # a restart or failover dropped the idle ones too: find them now
            try:
                self.pool.check()
            except Exception:  # the server still away: the next borrow says so
                log.info("checking the pool of %s failed", redact(self.url))

    def release(self) -> None:
        with _POOLS_LOCK:
            self.users -= 1
            if self.users > 0:
                return
            if _POOLS.get((self.url, self.readonly)) is self:
                del _POOLS[(self.url, self.readonly)]
        self.pool.close()


_POOLS: dict[tuple[str, bool], Pool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(url: str, *, create: bool = True, readonly: bool = False) -> Pool:
    """This process's pool for `url` in that mode, opened (and the schema checked) by its
    first user; each call counts one more user, until `Pool.release`."""
    with _POOLS_LOCK:
        pool = _POOLS.get((url, readonly))
        if pool is None:
            pool = Pool(url, create=create, readonly=readonly, size=pool_size())
            _POOLS[(url, readonly)] = pool
        pool.users += 1
        return pool


def pooled(url: str, *, create: bool = True, readonly: bool = False) -> PgConnection:
    """A connection to the archive at `url` that borrows from the process's pool for each
    statement or transaction (see PgConnection); close it to give up its share."""
    return PgConnection(None, url, pool_for(url, create=create, readonly=readonly))
