"""onrecord: official transcripts turned into an archive of what was said, on the record."""

from onrecord.errors import OnrecordError
from onrecord.model import Annotation, Document, Note, Speaker, Turn

__version__ = "0.1.0"

__all__ = ["Annotation", "Document", "Note", "OnrecordError", "Speaker", "Turn", "__version__"]
