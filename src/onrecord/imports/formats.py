"""Names fixed by the on-disk formats that onrecord both reads and writes.

Kept apart from readers and writers so that each side imports the same names, and the
import side (left of export in the data flow) owns them.
"""

from __future__ import annotations

# ConvoKit corpus directory (CornellNLP/ConvoKit, docs/source/data_format.rst)
UTTERANCES = "utterances.jsonl"
SPEAKERS = "speakers.json"
CONVERSATIONS = "conversations.json"
CORPUS = "corpus.json"
INDEX = "index.json"
CONVOKIT_FILES = (UTTERANCES, SPEAKERS, CONVERSATIONS, CORPUS, INDEX)
NARRATOR = "narrator"  # ConvoKit needs a speaker on every utterance; turns without one get this

# TEI (Parla-CLARIN / ParlaMint style)
TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
TEI_CORPUS_FILE = "corpus.xml"
IDNO_TYPE = "onrecord"  # <idno type="onrecord"> keeps the original id of documents and people
NOTE_LEAD = "lead"  # <note type=...> values that are document parts, not editorial notes
NOTE_PREAMBLE = "preamble"
NOTE_SPEAKER = "speaker"
GENERIC_ANA = "#generic"
REGULAR_ANA = "#regular"
