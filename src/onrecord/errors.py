"""The one exception tree of onrecord.

    OnrecordError                 root: everything the project raises on purpose
    ├── InputError                a file or record we cannot read (exit 3)
    │   ├── EmptyInputError       nothing in it (exit 4)
    │   ├── BinaryInputError      not text (exit 5)
    │   ├── TooLargeError         over the size limit (exit 6)
    │   ├── NoStructureError      readable, but no transcript in it (exit 7)
    │   └── OverBudgetError       reading it took more time or memory than one file may (exit 18)
    ├── SchemaError               a record that violates the JSON Schema (exit 8)
    ├── StoreError                the database refused (exit 10)
    │   ├── DamagedDatabaseError  a damaged file, not written into (exit 10)
    │   ├── DiskFullError         the disk filled while writing (exit 10)
    │   ├── ReadOnlyDatabaseError a file that may be read, not written (exit 10)
    │   ├── NotOnrecordDatabase   a file that is not ours (exit 11)
    │   └── SchemaVersionError    a database from a newer onrecord (exit 12)
    ├── NotFoundError             no such document / speaker (exit 13)
    ├── QueryError                a search query we cannot run (exit 14)
    ├── ExportError               an export that cannot be written (exit 15)
    ├── PipelineError             an enrichment pipeline that cannot run (exit 16)
    ├── UncertainError            who said what is unsure, and --strict asked (exit 17)
    ├── WatchError                a watch that cannot be saved: bad webhook URL (exit 20)
    ├── DeliveryError             webhook deliveries failed after their retries (exit 21)
    ├── AddressInUseError         `serve` on a port that another program holds (exit 22)
    └── ClusterError              `ingest --dask`: no Dask scheduler, or it was lost (exit 23)

Each error carries a one-line message that names the file, field or record. The CLI
and the web app map classes to exit codes / HTTP statuses in one place each.
"""

from __future__ import annotations


class OnrecordError(Exception):
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class InputError(OnrecordError):
    exit_code = 3
    http_status = 422


class EmptyInputError(InputError):
    exit_code = 4


class BinaryInputError(InputError):
    exit_code = 5


class TooLargeError(InputError):
    exit_code = 6
    http_status = 413


class NoStructureError(InputError):
    exit_code = 7


class OverBudgetError(InputError):
    """One file's parse ran past its time or memory budget (`onrecord.budget`)."""

    exit_code = 18


class SchemaError(OnrecordError):
    exit_code = 8
    http_status = 422


class StoreError(OnrecordError):
    exit_code = 10


class DatabaseUnreachableError(StoreError):
    """A database server that cannot be reached, or that dropped the connection: the
    archive is unavailable for now, not wrong (HTTP 503; the next request reconnects)."""

    http_status = 503


class DamagedDatabaseError(StoreError):
    """PRAGMA quick_check or SQLite found damage; the message names the way to recover."""

    http_status = 503


class DiskFullError(StoreError):
    """The disk filled; the message says what had been stored before."""

    http_status = 507


class ReadOnlyDatabaseError(StoreError):
    """Reads work on a read-only file; a write is refused with this."""

    http_status = 503


class NotOnrecordDatabase(StoreError):
    exit_code = 11


class SchemaVersionError(StoreError):
    exit_code = 12


class NotFoundError(OnrecordError):
    exit_code = 13
    http_status = 404


class QueryError(OnrecordError):
    exit_code = 14
    http_status = 400


class ExportError(OnrecordError):
    exit_code = 15


class PipelineError(OnrecordError):
    """An unknown producer name, or a producer placed before what it needs."""

    exit_code = 16


class UncertainError(InputError):
    """A parse whose attribution is unsure (`Document.confidence`), refused under --strict."""

    exit_code = 17


class WatchError(OnrecordError):
    """A watch that cannot be saved: nothing to watch, a webhook URL that is not http(s)."""

    exit_code = 20
    http_status = 422


class DeliveryError(OnrecordError):
    """Webhook deliveries that failed after every retry (recorded; the next run retries)."""

    exit_code = 21
    http_status = 502


class AddressInUseError(OnrecordError):
    """`serve` on a port that another program already listens on."""

    exit_code = 22


class ClusterError(OnrecordError):
    """`ingest --dask`: the Dask scheduler cannot be reached, has no worker, or was lost."""

    exit_code = 23
