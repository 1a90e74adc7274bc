"""The SQLite record: its migrations, its writes, and the rows everything else reads.

Search (`onrecord.search`) ranks paragraph row ids with its own engines (FTS5 queries
over the table written here, Tantivy beside the database) and reads the rows from here.

sqlite.py           open / recognise / migrate a database file; pragmas
schema.py           the ordered, named migrations
documents.py        documents, revisions (new when the text changes), their raw inputs
codec.py            zstd compression of raw inputs and bodies; the archive's dictionary
paragraphs.py       the current revision's paragraph rows and FTS5 rows (one batch per
                    write); the rows search reads back (hits, the Tantivy index's input)
annotation_rows.py  annotations of the current revision, by producer
entity_index.py     mentions and totals per entity, kept with every annotation write
records.py          the plain results the archive returns (summaries, revisions, diffs)
persons.py          the speaker registry: resolution, merge, split
aggregates.py       listings and stats over the registry and documents
vocabulary.py       the archive's own words and spellings, for the quality report
askdata.py          who the archive's people are, for `ask`
vectors.py          the paragraphs' sentence vectors, for `ask`'s rerank (onrecord.dense)
watches.py          saved watches, their deliveries and cursors
"""
