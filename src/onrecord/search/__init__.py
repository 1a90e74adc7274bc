"""Search: the query language, the two engines, snippets and the results they make.

query.py          the search syntax, parsed once into a tree each engine compiles
engine.py         query -> ranked hits: the engine protocol, `run`, snippets, did-you-mean
results.py        what a search returns (SearchHit, Facet, SearchResult)
fts.py            the FTS5 engine inside the database (always in step with it)
tantivy_index.py  the Tantivy engine beside the database (derived, rebuildable)

The engines rank paragraph row ids; the rows (text, speaker, date) come from the store.
"""
