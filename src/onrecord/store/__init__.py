"""The only package that speaks SQL: the SQLite record, its migrations, and the derived index.

sqlite.py           open / recognise / migrate a database file; pragmas
schema.py           the ordered, named migrations
documents.py        documents, revisions (new when the text changes), their raw inputs
codec.py            zstd compression of raw inputs and bodies; the archive's dictionary
annotation_rows.py  annotations of the current revision, by producer
records.py          the plain results the archive returns (summaries, revisions, diffs)
persons.py          the speaker registry: resolution, merge, split
reports.py          listings and stats over the registry and documents
fts.py              FTS5 search (part of the record) and hit rows
tantivy_index.py    the derived Tantivy index beside the database (rebuildable)
"""
