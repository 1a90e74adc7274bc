"""The only package that speaks SQL: the SQLite record and its migrations; the rows search reads.

sqlite.py           open / recognise / migrate a database file; pragmas
schema.py           the ordered, named migrations
documents.py        documents, revisions (new when the text changes), their raw inputs
codec.py            zstd compression of raw inputs and bodies; the archive's dictionary
annotation_rows.py  annotations of the current revision, by producer
records.py          the plain results the archive returns (summaries, revisions, diffs)
persons.py          the speaker registry: resolution, merge, split
aggregates.py       listings and stats over the registry and documents
"""
