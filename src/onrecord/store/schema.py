"""The database schema as an ordered list of small named migrations.

Each migration is a function of a connection, applied in order inside one transaction
with its row in `schema_migrations`; `PRAGMA user_version` is the number applied. A file
is recognised as ours by `PRAGMA application_id`; a foreign file or a newer schema is
refused before anything is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from onrecord.errors import NotOnrecordDatabase, SchemaVersionError, StoreError
from onrecord.identity import fold
from onrecord.store import entity_index as entities

APPLICATION_ID = 0x6F6E7263  # "onrc"


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction; the connection runs with isolation_level=None (autocommit).

    SQLite's own refusals (another writer past the busy timeout, a full disk, a read-only
    file) become a StoreError with SQLite's reason.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        raise StoreError(f"cannot write to the database: {err}") from err
    try:
        yield conn
        conn.execute("COMMIT")
    except sqlite3.OperationalError as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"the database refused a write: {err}") from err
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run statements one by one: `executescript` would commit the open transaction."""
    statement = ""
    for part in sql.split(";"):
        statement += part + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \n;"):
                conn.execute(statement)
            statement = ""


Migration = Callable[[sqlite3.Connection], None]


def create_documents(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE raw_inputs (
            sha256 TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            size INTEGER NOT NULL,
            compression TEXT NOT NULL,
            data BLOB NOT NULL,
            added_at TEXT NOT NULL
        );
        CREATE TABLE revisions (
            doc_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES raw_inputs(sha256),
            parser TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (doc_id, revision)
        );
        CREATE INDEX revisions_sha256 ON revisions(sha256);
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            revision INTEGER NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            time TEXT NOT NULL,
            place TEXT NOT NULL,
            url TEXT NOT NULL,
            source TEXT NOT NULL,
            language TEXT NOT NULL,
            turns INTEGER NOT NULL,
            words INTEGER NOT NULL,
            FOREIGN KEY (id, revision) REFERENCES revisions(doc_id, revision)
        );
        CREATE INDEX documents_date ON documents(date, id);
        """,
    )


def create_speakers(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE persons (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            merged_into TEXT REFERENCES persons(id)
        );
        CREATE TABLE person_names (
            name_key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            origin TEXT NOT NULL CHECK (origin IN ('auto', 'archivist'))
        );
        CREATE INDEX person_names_person ON person_names(person_id);
        CREATE TABLE speaker_overrides (
            doc_id TEXT NOT NULL,
            name_key TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            PRIMARY KEY (doc_id, name_key)
        );
        CREATE TABLE appearances (
            doc_id TEXT NOT NULL REFERENCES documents(id),
            local_id TEXT NOT NULL,
            person_id TEXT REFERENCES persons(id),
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            roles TEXT NOT NULL,
            generic INTEGER NOT NULL,
            turns INTEGER NOT NULL,
            words INTEGER NOT NULL,
            PRIMARY KEY (doc_id, local_id)
        );
        CREATE INDEX appearances_person ON appearances(person_id);
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL,
            detail TEXT NOT NULL,
            made_at TEXT NOT NULL
        );
        """,
    )


def create_search(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE paragraphs (
            rowid INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id),
            turn INTEGER NOT NULL,
            paragraph INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            words INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX paragraphs_doc ON paragraphs(doc_id, turn, paragraph);
        CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
            text, content='paragraphs', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN
            INSERT INTO paragraphs_fts(rowid, text) VALUES (new.rowid, new.text);
        END;
        CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
            INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
            VALUES ('delete', old.rowid, old.text);
        END;
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL
        );
        """,
    )


def create_annotations(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        CREATE TABLE annotations (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            kind TEXT NOT NULL,
            producer TEXT NOT NULL,
            turn INTEGER,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            data TEXT NOT NULL,
            FOREIGN KEY (doc_id, revision) REFERENCES revisions(doc_id, revision)
        );
        CREATE INDEX annotations_doc ON annotations(doc_id, revision, kind);
        """,
    )


def create_settings(conn: sqlite3.Connection) -> None:
    """Settings, and an id for this database so a derived index knows whose it is."""
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('instance', lower(hex(randomblob(16))))"
    )


def fts_insert_without_trigger(conn: sqlite3.Connection) -> None:
    """Paragraphs enter the FTS index by one batched insert per document, not a trigger:
    six times faster on the DEV pages (a trigger statement per row defeats FTS5's batching)."""
    conn.execute("DROP TRIGGER paragraphs_ai")


def revisions_reader(conn: sqlite3.Connection) -> None:
    """How a revision's raw input is read again: `parse` (a transcript page), `record`
    (a parsed JSONL record, kept as it came) or `import` (onrecord.imports formats)."""
    conn.execute("ALTER TABLE revisions ADD COLUMN reader TEXT NOT NULL DEFAULT 'parse'")


def fts_folded_text(conn: sqlite3.Connection) -> None:
    """Index paragraphs as identity.fold() shapes them, as the Tantivy index does:
    FTS5's own diacritics folding leaves `ё` where a query has `е`. The FTS5 content is
    a view that folds the stored text, so `rebuild` and deletes see what was indexed."""
    _script(
        conn,
        """
        DROP TRIGGER paragraphs_ad;
        DROP TABLE paragraphs_fts;
        CREATE VIEW paragraphs_folded AS
            SELECT rowid AS rowid, onrecord_fold(text) AS text FROM paragraphs;
        CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
            text, content='paragraphs_folded', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');
        CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
            INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)
            VALUES ('delete', old.rowid, onrecord_fold(old.text));
        END;
        """,
    )


# Each check looks for another appearance of the same person in the same document. The
# unary `+` keeps SQLite from answering it with the index on person_id (which it prefers
# without statistics): that reads every appearance of the person, so each new appearance of
# a frequent speaker cost more than the one before; by (doc_id, local_id) it is a few rows.
_TOTALS_TRIGGERS = """CREATE TRIGGER appearances_totals_ai AFTER INSERT ON appearances
        WHEN new.person_id IS NOT NULL BEGIN
            INSERT INTO person_totals (person_id, documents, turns, words) VALUES (
                new.person_id,
                NOT EXISTS (SELECT 1 FROM appearances WHERE doc_id = new.doc_id
                            AND +person_id = new.person_id AND local_id != new.local_id),
                new.turns, new.words)
            ON CONFLICT (person_id) DO UPDATE SET
                documents = documents + excluded.documents,
                turns = turns + excluded.turns, words = words + excluded.words;
        END;
        CREATE TRIGGER appearances_totals_ad AFTER DELETE ON appearances
        WHEN old.person_id IS NOT NULL BEGIN
            UPDATE person_totals SET
                documents = documents - NOT EXISTS (SELECT 1 FROM appearances
                    WHERE doc_id = old.doc_id AND +person_id = old.person_id),
                turns = turns - old.turns, words = words - old.words
            WHERE person_id = old.person_id;
        END;
        CREATE TRIGGER appearances_totals_au AFTER UPDATE OF person_id ON appearances
        WHEN old.person_id IS NOT new.person_id BEGIN
            UPDATE person_totals SET
                documents = documents - NOT EXISTS (SELECT 1 FROM appearances
                    WHERE doc_id = old.doc_id AND +person_id = old.person_id),
                turns = turns - old.turns, words = words - old.words
            WHERE person_id = old.person_id;
            INSERT INTO person_totals (person_id, documents, turns, words)
            SELECT new.person_id,
                NOT EXISTS (SELECT 1 FROM appearances WHERE doc_id = new.doc_id
                            AND +person_id = new.person_id AND local_id != new.local_id),
                new.turns, new.words
            WHERE new.person_id IS NOT NULL
            ON CONFLICT (person_id) DO UPDATE SET
                documents = documents + excluded.documents,
                turns = turns + excluded.turns, words = words + excluded.words;
        END;
"""


def person_totals(conn: sqlite3.Connection) -> None:
    """Documents, turns and words per person, kept by triggers on `appearances` in the same
    transaction as every write (ingest, update, merge, split), so the speaker listing reads
    a row per person instead of aggregating every appearance on request.

    A person speaks in a document once however many local speakers of it resolve to them:
    an appearance counts the document only when no other appearance of the same document
    has that person (both checks go by the (doc_id, local_id) key: a few rows)."""
    _script(
        conn,
        f"""
        CREATE TABLE person_totals (
            person_id TEXT PRIMARY KEY REFERENCES persons(id),
            documents INTEGER NOT NULL,
            turns INTEGER NOT NULL,
            words INTEGER NOT NULL
        );
        INSERT INTO person_totals (person_id, documents, turns, words)
            SELECT person_id, count(DISTINCT doc_id), sum(turns), sum(words) FROM appearances
            WHERE person_id IS NOT NULL GROUP BY person_id;
        {_TOTALS_TRIGGERS}
        """,
    )


def documents_paragraphs(conn: sqlite3.Connection) -> None:
    """Spoken paragraphs per document (as `turns` and `words` already are), written with
    the document, so corpus stats sum a column instead of counting every paragraph."""
    _script(
        conn,
        """
        ALTER TABLE documents ADD COLUMN paragraphs INTEGER NOT NULL DEFAULT 0;
        UPDATE documents SET paragraphs = (SELECT count(*) FROM paragraphs p
            WHERE p.doc_id = documents.id AND p.turn >= 0);
        """,
    )


def _role_add(row: str) -> str:
    """Count the roles of appearance `row` (new) for its person at its document's date; the
    document counts once per role, however many of its appearances name that person."""
    return f"""
        INSERT INTO person_role_dates (person_id, role, date, documents)
        SELECT DISTINCT {row}.person_id, r.value,
            (SELECT date FROM documents WHERE id = {row}.doc_id),
            NOT EXISTS (SELECT 1 FROM appearances o, json_each(o.roles) orole
                WHERE o.doc_id = {row}.doc_id AND +o.person_id = {row}.person_id
                AND o.local_id != {row}.local_id AND orole.value = r.value)
        FROM json_each({row}.roles) r WHERE {row}.person_id IS NOT NULL
        ON CONFLICT (person_id, role, date) DO UPDATE SET
            documents = documents + excluded.documents;
    """


def _role_remove(row: str) -> str:
    """Take the roles of appearance `row` (old: deleted, or now another person's) away
    from its person, unless another appearance of the document still names them."""
    return f"""
        UPDATE person_role_dates SET documents = documents - NOT EXISTS (
                SELECT 1 FROM appearances o, json_each(o.roles) orole
                WHERE o.doc_id = {row}.doc_id AND +o.person_id = {row}.person_id
                AND orole.value = person_role_dates.role)
        WHERE person_id = {row}.person_id
            AND date = (SELECT date FROM documents WHERE id = {row}.doc_id)
            AND role IN (SELECT value FROM json_each({row}.roles));
        DELETE FROM person_role_dates WHERE person_id = {row}.person_id AND documents <= 0;
    """


def _role_triggers() -> str:
    add_new, remove_old = _role_add("new"), _role_remove("old")
    return f"""CREATE TRIGGER appearances_roles_ai AFTER INSERT ON appearances
        WHEN new.person_id IS NOT NULL AND new.roles != '[]' BEGIN {add_new} END;
        CREATE TRIGGER appearances_roles_ad AFTER DELETE ON appearances
        WHEN old.person_id IS NOT NULL AND old.roles != '[]' BEGIN {remove_old} END;
        CREATE TRIGGER appearances_roles_au AFTER UPDATE OF person_id ON appearances
        WHEN old.person_id IS NOT new.person_id AND old.roles != '[]' BEGIN
            {remove_old} {add_new}
        END;
    """


def person_role_dates(conn: sqlite3.Connection) -> None:
    """Documents per person, role and date, kept by triggers on `appearances` like
    person_totals: a person's dated roles (first, last, documents) read a few rows per
    role instead of every appearance of the person joined with its document."""
    _script(
        conn,
        f"""
        CREATE TABLE person_role_dates (
            person_id TEXT NOT NULL REFERENCES persons(id),
            role TEXT NOT NULL,
            date TEXT NOT NULL,
            documents INTEGER NOT NULL,
            PRIMARY KEY (person_id, role, date)
        );
        INSERT INTO person_role_dates (person_id, role, date, documents)
            SELECT a.person_id, r.value, d.date, count(DISTINCT a.doc_id)
            FROM appearances a JOIN documents d ON d.id = a.doc_id, json_each(a.roles) r
            WHERE a.person_id IS NOT NULL GROUP BY a.person_id, r.value, d.date;
        {_role_triggers()}
        """,
    )


def zstd_dictionaries(conn: sqlite3.Connection) -> None:
    """zstd dictionaries trained on the archive's own raw pages, kept in the database so
    the file alone is still the whole record: a blob written with one names its `id` (zstd's
    dictionary id) in its frame header. `samples`: the number of pages it was trained on."""
    conn.execute(
        "CREATE TABLE zstd_dictionaries (id INTEGER PRIMARY KEY, data BLOB NOT NULL,"
        " samples INTEGER NOT NULL, created_at TEXT NOT NULL)"
    )


# The last word of an appearance's name key, in built-in SQL so that the index on it needs
# no Python function: rtrim() strips the key's non-space characters from its end, leaving
# everything up to its last space; a one-word key is its own surname.
SURNAME = "substr(name_key, length(rtrim(name_key, replace(name_key, ' ', ''))) + 1)"


def appearances_surname(conn: sqlite3.Connection) -> None:
    """Appearances by surname, then person, spelling and roles: a new spelling's variant
    lookup (persons._variant_of) seeks each distinct (person, name, roles) of its surname
    in this index instead of scanning every appearance with `LIKE '% surname'`. An
    expression index rather than a stored column: nothing to fill or keep in step."""
    conn.execute(
        f"CREATE INDEX appearances_surname ON appearances({SURNAME}, person_id, name, roles)"
    )


def appearance_triggers_by_document(conn: sqlite3.Connection) -> None:
    """The triggers of person_totals and person_role_dates again, with their checks for
    another appearance in the same document going by the document (see _TOTALS_TRIGGERS):
    the first versions read every appearance of the person, so ingesting grew with the
    square of a frequent speaker's appearances."""
    names = ("totals_ai", "totals_ad", "totals_au", "roles_ai", "roles_ad", "roles_au")
    drops = "".join(f"DROP TRIGGER appearances_{name};" for name in names)
    _script(conn, drops + _TOTALS_TRIGGERS + _role_triggers())


def watches(conn: sqlite3.Connection) -> None:
    """Saved questions (onrecord.watch): what each watches, where its webhook posts,
    `cursor` (the `changes` sequence number its deliveries have reached), every delivery
    attempted, and each item delivered, so that no match of a revision goes out twice.
    `IF NOT EXISTS`: a database set back to an older version (as tests of the older
    migrations do) keeps its watches."""
    _script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS watches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            spec TEXT NOT NULL,
            webhook TEXT,
            secret TEXT,
            cursor INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS watch_deliveries (
            id INTEGER PRIMARY KEY,
            watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
            delivery TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('delivered', 'failed')),
            attempts INTEGER NOT NULL,
            http_status INTEGER,
            error TEXT NOT NULL,
            items INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS watch_deliveries_watch ON watch_deliveries(watch_id, id);
        CREATE TABLE IF NOT EXISTS watch_delivered (
            watch_id INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (watch_id, doc_id, revision, item)
        ) WITHOUT ROWID;
        """,
    )


def revisions_by_text(conn: sqlite3.Connection) -> None:
    """A revision is new when its text changes (documents.text_hash), not its bytes: the
    hash of its text, the earlier revision it restores (the publisher's revert), and the
    other raw inputs of the same text (the page as .html beside its .txt), kept too.
    Revisions stored before have no text hash: their exact parse still compares. Safe to
    run again on a database set back to an older version (as the migration tests do)."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(revisions)")}
    for column, kind in (("text_hash", "TEXT"), ("restores", "INTEGER")):
        if column not in columns:
            conn.execute(f"ALTER TABLE revisions ADD COLUMN {column} {kind}")
    _script(
        conn,
        """
        CREATE INDEX IF NOT EXISTS revisions_text_hash ON revisions(doc_id, text_hash);
        CREATE TABLE IF NOT EXISTS revision_inputs (
            doc_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            sha256 TEXT NOT NULL REFERENCES raw_inputs(sha256),
            source TEXT NOT NULL,
            parser TEXT NOT NULL,
            reader TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, revision, sha256),
            FOREIGN KEY (doc_id, revision) REFERENCES revisions(doc_id, revision)
        );
        CREATE INDEX IF NOT EXISTS revision_inputs_sha256 ON revision_inputs(sha256);
        """,
    )


def entity_index(conn: sqlite3.Connection) -> None:
    """Mentions and totals per entity (onrecord.store.entity_index), filled here from the
    entity annotations of every current revision and kept on each write after, so that
    the entity pages stop reading every document's annotations."""
    _script(conn, entities.tables())
    for statement in entities.fill_sql(postgres=False):
        conn.execute(statement)


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the schema uses (the FTS5 content view, the delete trigger)."""
    conn.create_function("onrecord_fold", 1, fold, deterministic=True)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("create_documents", create_documents),
    ("create_speakers", create_speakers),
    ("create_search", create_search),
    ("create_annotations", create_annotations),
    ("create_settings", create_settings),
    ("fts_insert_without_trigger", fts_insert_without_trigger),
    ("revisions_reader", revisions_reader),
    ("fts_folded_text", fts_folded_text),
    ("person_totals", person_totals),
    ("documents_paragraphs", documents_paragraphs),
    ("person_role_dates", person_role_dates),
    ("zstd_dictionaries", zstd_dictionaries),
    ("appearances_surname", appearances_surname),
    ("appearance_triggers_by_document", appearance_triggers_by_document),
    ("watches", watches),
    ("revisions_by_text", revisions_by_text),
    ("entity_index", entity_index),
]

LATEST = len(MIGRATIONS)


def check(conn: sqlite3.Connection, source: str) -> int:
    """The schema version of an onrecord database; refuse anything else. Reads only."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as err:
        raise NotOnrecordDatabase(f"not an onrecord database ({err})", source=source) from err
    if app_id == 0 and tables == 0 and version == 0:
        return 0  # a new, empty file
    if app_id != APPLICATION_ID:
        raise NotOnrecordDatabase(
            "not an onrecord database (foreign application id)", source=source
        )
    if version > LATEST:
        raise SchemaVersionError(
            f"schema version {version} is newer than this onrecord knows ({LATEST});"
            " upgrade onrecord",
            source=source,
        )
    return int(version)


def migrate(conn: sqlite3.Connection, current: int, target: int = LATEST) -> list[str]:
    """Apply the migrations after `current` up to `target`, each in its own transaction."""
    applied = []
    for version in range(current + 1, target + 1):
        name, step = MIGRATIONS[version - 1]
        with transaction(conn):
            if version == 1:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(
                    "CREATE TABLE schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
            step(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {version}")
        applied.append(name)
    return applied
