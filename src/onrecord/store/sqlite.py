"""Opening the SQLite file: recognise it, migrate it, set the pragmas that make it safe.

WAL journal (readers never block the writer, a `kill -9` loses at most the open
transaction), a busy timeout so that a second writer waits instead of failing at once,
and foreign keys on.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from onrecord.errors import (
    DamagedDatabaseError,
    DiskFullError,
    NotFoundError,
    NotOnrecordDatabase,
    ReadOnlyDatabaseError,
    StoreError,
)
from onrecord.store import backend, schema

DEFAULT_DB = "onrecord.db"
ENV_DB = "ONRECORD_DB"
# A second ingest waits this long for the first one's batch to commit (batches commit
# about every second), then fails with a clear "database is locked" StoreError.
BUSY_TIMEOUT_MS = 60_000
# A reader (the web server answers on its event loop) waits at most this long: in WAL mode it
# only waits while a crashed writer's WAL is recovered, and must not stall a server process.
READER_BUSY_TIMEOUT_MS = 2_000
# While an ingest writes batch after batch (see `bulk_load`), the WAL is copied back into
# the database every 40 MB instead of every 4 MB. (A 32 MB page cache as well saved 0.02 s
# of CPU on the DEV pages for 32 MB more memory: not taken.)
BULK_AUTOCHECKPOINT_PAGES = 10_000
# A writer checks the file before its first write (PRAGMA quick_check: 3 to 4 ms per MB,
# 0.08 s for the DEV archive of 24 MB). Above this size the check would hold up every
# write for seconds, and SQLite's own corruption errors are what stop a write instead.
QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_READONLY = 11, 13, 8


def recovery_hint(path: str) -> str:
    path = path or "onrecord.db"
    return (
        f"restore {path} from a backup, or rescue what is readable with "
        f"`sqlite3 {path} .recover | sqlite3 recovered.db` and `onrecord reindex --db recovered.db`"
    )


def failure(err: BaseException, path: str, stored: str = "") -> StoreError | None:
    """The StoreError that says what a fault of the file or the disk means for the user
    (damaged file, full disk, read-only file), or None for any other error. `stored`
    says what was written before the fault, so that the message is true about it."""
    extended = getattr(err, "sqlite_errorcode", None)
    code = extended & 0xFF if isinstance(extended, int) else None  # the primary result code
    source = path or None
    if (isinstance(err, OSError) and err.errno == errno.ENOSPC) or code == SQLITE_FULL:
        done = f"; stored before it: {stored}" if stored else ""
        return DiskFullError(f"the disk is full{done}; free space and run it again", source=source)
    if code == SQLITE_CORRUPT or "malformed" in str(err):  # not NOTADB: a file not ours
        return DamagedDatabaseError(
            f"the database is damaged ({err}); {recovery_hint(path)}", source=source
        )
    if code == SQLITE_READONLY:
        return ReadOnlyDatabaseError(
            "the database file is read-only: reading works, writing needs write permission",
            source=source,
        )
    return None


def check_writable(conn: sqlite3.Connection, path: str) -> None:
    """Before the first write: refuse a file we may not write, or one that is damaged."""
    if path == ":memory:":
        return
    target = Path(path)
    if readonly_file(target):
        raise ReadOnlyDatabaseError(
            "the database file is read-only: reading works, writing needs write permission",
            source=path,
        )
    with suppress(OSError):
        if target.stat().st_size > QUICK_CHECK_MAX_BYTES:
            return
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as err:
        problems = [str(err)]
    if problems != ["ok"]:
        found = "; ".join(" ".join(p.split()) for p in problems[:3])  # one line
        raise DamagedDatabaseError(
            f"the database is damaged (quick_check: {found}); nothing was written: "
            + recovery_hint(path),
            source=path,
        )


def readonly_file(target: Path) -> bool:
    """The file, or the folder its journal goes in, cannot be written (a read-only mount too)."""
    if not os.access(target, os.W_OK) or not os.access(target.parent, os.W_OK):
        return True
    try:
        return bool(os.statvfs(target).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def resolve_path(path: str | os.PathLike[str] | None) -> str:
    """`path`, else $ONRECORD_DB, else ./onrecord.db; ":memory:" stays as it is, and so
    does a PostgreSQL URL (onrecord.store.backend)."""
    if path is None:
        path = os.environ.get(ENV_DB) or DEFAULT_DB
    return str(path)


def connect(path: str, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """A checked, migrated connection in autocommit mode (transactions are explicit)."""
    memory = path == ":memory:"
    if not memory and not Path(path).exists() and (readonly or not create):
        raise NotFoundError("no such database", source=path)
    if not memory and Path(path).is_dir():
        raise StoreError("is a directory, not a database file", source=path)
    uri = f"file:{Path(path).resolve()}?mode=ro" if readonly and not memory else path
    if readonly and not memory and readonly_file(Path(path)) and not Path(f"{path}-wal").exists():
        # nobody can be writing where no journal can be made: read the file as it is
        # (else SQLite wants to create the WAL's index file beside it, and cannot)
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(
            uri, uri=readonly and not memory, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as err:
        raise StoreError(f"cannot open database ({err})", source=path) from err
    try:
        version = _checked_version(conn, path)
        schema.register_functions(conn)
        timeout = READER_BUSY_TIMEOUT_MS if readonly else BUSY_TIMEOUT_MS
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        if readonly:
            if version < schema.LATEST:
                raise StoreError("database needs an upgrade; open it once for writing", source=path)
        else:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(conn, version)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.OperationalError as err:
        conn.close()
        raise StoreError(f"database refused: {err}", source=path) from err
    except BaseException:
        conn.close()
        raise
    return conn


def _checked_version(conn: sqlite3.Connection, path: str) -> int:
    """`schema.check`, telling a damaged onrecord file from a file that is not ours."""
    try:
        return schema.check(conn, path)
    except NotOnrecordDatabase as err:
        fault = failure(err.__cause__, path) if err.__cause__ is not None else None
        if isinstance(fault, DamagedDatabaseError):
            raise fault from err
        raise


@contextmanager
def bulk_load(conn: sqlite3.Connection) -> Iterator[None]:
    """Settings for one long run of write transactions on this connection (an ingest).

    Durability is unchanged: every batch is still its own transaction in the WAL, and a
    `kill -9` still loses at most the open one. Only when the WAL is copied back into the
    database changes (checkpoints every ~40 MB of WAL instead of ~4 MB: fewer copies of
    pages that later batches change again, such as FTS5 segments and index pages); one
    checkpoint runs at the end, so no committed page waits in the WAL after the run (the
    WAL file itself keeps its size until the last connection closes). The connection's
    own setting comes back afterwards. Nothing to set on PostgreSQL."""
    if backend.is_postgres(conn):
        yield
        return
    pages = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_AUTOCHECKPOINT_PAGES}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
        if not conn.in_transaction:
            with suppress(sqlite3.OperationalError):  # busy readers: a later one copies it
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
