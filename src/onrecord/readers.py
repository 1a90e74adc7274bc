"""One way in: every input onrecord reads, recognised and read in one place.

`onrecord parse`, `onrecord ingest`, `reparse`, the upload endpoint and the library all
come through here, so a file gives the same record whichever way it arrives.

    from onrecord import readers
    for item in readers.expand(["pages/", "talk.vtt", "export-convokit/"]):
        if item.skipped: ...                       # a file seen but not read, and why
        documents = readers.read_input(item)       # list[Document]; OnrecordError when bad
    readers.read_raw(RawInput("talk.vtt", data))   # the same from bytes (one file)

The registry (`FORMATS`, by name) says for every format its version, the suffixes a
folder walk picks up, and whether a folder is one corpus. Bytes are recognised by
content first (`detect`): the import formats (`onrecord.imports`: WebVTT, SRT, WhisperX,
Amazon Transcribe, Deepgram, Rev.ai, Azure and Google speech, message lists, onrecord
JSON/JSONL, TEI), else a saved page (`onrecord.parse`: text, HTML, Markdown, MHTML, Safari's
web archives, PDF, Word, RTF). A `.json` that is none of the JSON formats is refused with its
reason, never read as a page or skipped without a word.

Folders: a ConvoKit corpus (`utterances.jsonl`) and a TEI corpus (`corpus.xml`), as
onrecord's exports write them or as others do, are each *one* input, never split into
their files. Their raw input is the folder's files bundled (`bundle`), so that `reparse`
can read them again. An export folder whose manifest lists a file that is missing is
refused, naming the file.

Ids: a document without an id of its own (a page with no page id, a subtitle or message
file) takes its file name's stem, slugged (`Briefing 2024-07-08.txt` ->
`briefing-2024-07-08`): see `fallback_id`. Two different files of one run with the same
stem: the second gets `stem-<first 8 hex of its sha256>` (`IdClaims`). The same id in a
later run is the same document: a new revision when its content changed.
"""

from __future__ import annotations

import functools
import glob
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from onrecord import imports
from onrecord.errors import InputError, TooLargeError
from onrecord.imports.formats import CONVOKIT_FILES, TEI_CORPUS_FILE, UTTERANCES
from onrecord.model import Document
from onrecord.sources import MAX_BYTES, RawInput, read_path
from onrecord.sources.files import DOCUMENT_SUFFIXES

__all__ = [
    "Format",
    "IdClaims",
    "Input",
    "Read",
    "bundle",
    "detect",
    "expand",
    "fallback_id",
    "formats",
    "is_stale",
    "read_bytes",
    "read_documents",
    "read_input",
    "read_raw",
]


@dataclass(frozen=True)
class Format:
    name: str
    version: str
    suffixes: tuple[str, ...] = ()  # what a folder walk picks up for this format
    corpus: bool = False  # a folder of this format is one input
    kind: str = "file"  # page (onrecord.parse) | file (onrecord.imports) | corpus


@functools.cache
def formats() -> dict[str, Format]:
    """The registry, by name. Built on first use: the page readers' versions come from the
    parser, which commands that only search need not load (`onrecord search` starts fast)."""
    from onrecord.parse import VERSIONS as PAGE_VERSIONS

    return {
        **{
            name: Format(name, version, DOCUMENT_SUFFIXES, kind="page")
            for name, version in PAGE_VERSIONS.items()
        },
        **{
            reader.name: Format(
                reader.name,
                reader.version,
                reader.suffixes,
                corpus=reader.name in ("convokit", "tei"),
                kind="file" if isinstance(reader, imports.FileReader) else "corpus",
            )
            for reader in imports.READERS.values()
        },
    }


# What a folder walk picks up: every format's suffixes (pages' and the importers').
WALK_SUFFIXES = frozenset(DOCUMENT_SUFFIXES) | frozenset(
    s for reader in imports.READERS.values() for s in reader.suffixes
)


def __getattr__(name: str) -> object:
    if name == "FORMATS":  # the registry as a module attribute, built on first use
        return formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Written beside every export (onrecord.export.manifest): a description, not a transcript.
MANIFEST_NAME = "manifest.json"
MANIFEST_SUFFIX = ".manifest.json"
# Readers whose documents take their id from the file name: they have no id of their own.
_NAMED_BY_FILE = frozenset(
    {
        *("webvtt", "srt", "whisperx", "aws-transcribe", "deepgram", "revai"),
        *("azure-speech", "google-speech", "messages"),
    }
)
_CONTENT_ID_PREFIX = "sha-"  # what onrecord.parse gives a page with no page id and no file name


def is_stale(parser: str) -> bool:
    """Whether a stored parser name (`saved-text.1`, `saved-text.1+pdftotext`, `webvtt.1`)
    names an earlier version of a reader than the installed one; unknown names are not."""
    for name, fmt in formats().items():
        if parser.startswith(f"{name}.") or parser == name:
            version = parser[len(name) + 1 :].split("+", 1)[0]
            return version != fmt.version
    return False


@dataclass(frozen=True)
class Input:
    """One thing to read: a file, or a folder that is one corpus (`corpus` names its format);
    `skipped` says why a file met in a folder is not read (it is reported, not failed)."""

    path: str
    corpus: str = ""
    skipped: str = ""


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Input]:
    """Files named, corpus folders, the files under other folders (sorted, known suffixes,
    corpus folders among them as one input each) and glob matches; each once. A missing
    path passes through, so that reading it reports the error for that one path."""
    seen: set[str] = set()
    for item in paths:
        spec = os.fspath(item)
        if not os.path.exists(spec) and glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            found = [m for match in matches for m in _walk(match)] if matches else [Input(spec)]
        else:
            found = list(_walk(spec, named=True))
        for entry in found:
            if entry.path not in seen:
                seen.add(entry.path)
                yield entry


def _walk(spec: str, named: bool = False) -> Iterator[Input]:
    path = Path(spec)
    if not path.is_dir():
        if named or path.is_file():
            yield Input(spec)
        return
    corpus = corpus_format(path)
    if corpus:
        yield Input(spec, corpus=corpus)
        return
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir() and child.name.endswith(".index") and (child / "meta.json").is_file():
            yield Input(str(child), skipped="an archive's search index, not transcripts")
        elif child.is_dir():
            yield from _walk(str(child))
        elif child.is_file():
            reason = _not_walked(child)
            if reason is None:
                yield Input(str(child))
            elif reason:
                yield Input(str(child), skipped=reason)


def _not_walked(path: Path) -> str | None:
    """None: read it; "": pass it by in silence (not a transcript's suffix); else the reason
    a file that looks like an input is not read (reported)."""
    name = path.name.lower()
    if name == MANIFEST_NAME or name.endswith(MANIFEST_SUFFIX):
        return "an export's manifest, not a transcript"
    return None if path.suffix.lower() in WALK_SUFFIXES else ""


def corpus_format(path: Path) -> str:
    """The format of a folder that is one corpus ("convokit", "tei"), else ""."""
    if (path / UTTERANCES).is_file():
        return "convokit"
    if (path / TEI_CORPUS_FILE).is_file():
        return "tei"
    return ""


@dataclass
class Read:
    """What one input gave: its format, its documents, and the ids among them that are
    only the file name's stem (`fallback_id`; they may be made unique: `IdClaims`)."""

    format: str
    documents: list[Document]
    by_stem: frozenset[str] = frozenset()


def read_input(item: Input) -> Read:
    """The documents of one input (see `expand`); OnrecordError when it cannot be read."""
    if item.corpus:
        return Read(item.corpus, read_corpus(Path(item.path))[0])
    return read_bytes(read_path(item.path))


def read_documents(path: str | os.PathLike[str]) -> list[Document]:
    """The documents of one file or corpus folder: the library's one call."""
    try:
        raw = read_path(path)
    except InputError:  # a folder is the rare case: looked for only where no file is read
        if not os.path.isdir(path):
            raise
        folder = Path(path)
        if not corpus_format(folder):
            raise InputError(
                "a folder that is not a corpus: name its files", source=str(path)
            ) from None
        return read_corpus(folder)[0]
    return read_raw(raw)


def is_record_lines(path: Path) -> bool:
    """Whether a file is onrecord's JSON Lines (by name, or by its first lines): ingest
    reads it in chunks of lines, each line a document with its own raw input."""
    if path.suffix.lower() == ".jsonl":
        return True
    try:
        with path.open("rb") as handle:
            start = handle.readline(MAX_BYTES) + handle.read(64)
    except OSError:
        return False
    return imports.READERS["onrecord-jsonl"].sniff_bytes(start, path.name)  # type: ignore[attr-defined]


def detect(data: bytes, source: str) -> str:
    """The name of the format of one file's bytes (`FORMATS`); "page" for a saved page.
    InputError for a `.json` that no JSON format knows."""
    reader = imports.detect_bytes(data, source)
    if reader is not None:
        return reader.name
    if source.lower().endswith(".json"):
        raise _unknown_json(data, source)
    return "page"


def read_raw(raw: RawInput, only: str | None = None) -> list[Document]:
    """The documents in one file's bytes, with readable ids (`fallback_id`); `only`: the
    document of that id alone (a file of several, read again by `reparse`)."""
    return read_bytes(raw, only).documents


def read_bytes(raw: RawInput, only: str | None = None) -> Read:
    """`read_raw`, with the format that read the bytes ("page": onrecord.parse)."""
    fmt = detect(raw.data, raw.source)
    if fmt == "page":
        from onrecord.parse import parse_raw

        documents = [parse_raw(raw)]
    else:
        documents = imports.FILE_READERS[fmt].parse(raw.data, raw.source)
        _check_not_empty(documents, fmt, raw.source)
    by_stem = set()
    for document in documents:
        if _stands_in(document, fmt):
            document.id = fallback_id(raw.source)
            by_stem.add(document.id)
    found = [d for d in documents if only is None or d.id == only]
    return Read(fmt, found, frozenset(by_stem))


def _check_not_empty(documents: list[Document], fmt: str, source: str) -> None:
    """An input of no documents, or with a document of no text at all (no turn, no text
    before the first, no lead), is refused whole: nothing of it is stored. A page is never
    empty (the parser refuses it); an import that is, is cut or not of its format."""
    if not documents:
        raise InputError(f"no documents in this {fmt} input", source=source)
    empty = [d.id for d in documents if not (d.turns or d.preamble or d.lead)]
    if empty:
        raise InputError(
            f"{len(empty)} of its {len(documents)} documents have no text"
            f" (field: turns), e.g. {empty[0]!r}",
            source=source,
        )


def _stands_in(document: Document, fmt: str) -> bool:
    """Whether the reader's id only stands in for one the input lacks: a page's file stem
    (no page id, no URL) or a content hash, or a subtitle or message file's raw stem."""
    if document.id.startswith(_CONTENT_ID_PREFIX):
        return True
    if fmt == "page":
        return not document.url and document.id == _file_id(document.source)
    return fmt in _NAMED_BY_FILE and document.id == PurePath(document.source).stem


def fallback_id(source: str) -> str:
    """The id of a document without one: its file name's stem, slugged as the page parser
    does it (`Briefing 2024-07-08.txt` -> `briefing-2024-07-08`); `document` for a name of
    no letters."""
    return _file_id(source) or "document"


def _unknown_json(data: bytes, source: str) -> InputError:
    """Why a `.json` is refused: JSON nested past reading is too large (exit 6), as
    `limits.loads` says; anything else is named by its shape."""
    try:
        parsed = json.loads(data)
    except ValueError as err:
        return InputError(f"invalid JSON: {err}", source=source)
    except RecursionError:
        return TooLargeError("JSON nested too deep to read", source=source)
    if isinstance(parsed, dict):
        keys = ", ".join(sorted(map(str, parsed))[:8]) or "none"
        shape = f"an object with keys {keys}"
    elif isinstance(parsed, list):
        shape = f"a list of {len(parsed)} items, none a message with a text key"
    else:
        shape = f"a JSON {type(parsed).__name__}"
    return InputError(
        f"a .json that onrecord does not read: {shape} (known: onrecord records with"
        " id and turns, message lists with speaker and text, WhisperX segments, Amazon"
        " Transcribe, Deepgram, Rev.ai, Azure and Google speech results)",
        source=source,
    )


@dataclass
class IdClaims:
    """The ids given in one run. A second, different file whose id is only its stem
    (`Read.by_stem`) gets `stem-<8 hex of its sha256>`: two files named `notes.txt` in
    two folders are two documents, while the same content again is the same one."""

    taken: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (source, key)

    def claim(self, document: Document, fallback: bool, key: str) -> str:
        """The id `document` gets; `key` tells content apart (equal key: same document)."""
        owner = self.taken.get(document.id)
        if owner is None or not fallback or owner[0] == document.source or owner[1] == key:
            self.taken.setdefault(document.id, (document.source, key))
            return document.id
        new = f"{document.id}-{document.sha256[:8]}"
        self.taken.setdefault(new, (document.source, key))
        return new


# -- corpus folders -------------------------------------------------------------------


def read_corpus(path: Path) -> tuple[list[Document], bytes]:
    """The documents of a corpus folder, and its files bundled: the raw input kept."""
    fmt = corpus_format(path)
    if not fmt:
        raise InputError("not a ConvoKit or TEI corpus folder", source=str(path))
    check_manifest(path)
    documents = imports.READERS[fmt].read(path)
    _check_not_empty(documents, fmt, str(path))
    data = bundle(path, fmt)
    digest = hashlib.sha256(data).hexdigest()
    for document in documents:
        if not document.sha256:
            document.sha256 = digest
    return documents, data


def check_manifest(path: Path) -> None:
    """An export folder (with onrecord's manifest) must hold every file the manifest lists."""
    manifest = path / MANIFEST_NAME
    if not manifest.is_file():
        return
    try:
        listed = json.loads(manifest.read_text("utf-8")).get("files") or []
    except (ValueError, AttributeError, RecursionError) as err:
        raise InputError(f"unreadable export manifest: {err}", source=str(manifest)) from err
    for entry in listed:
        name = entry.get("path") if isinstance(entry, dict) else None
        if isinstance(name, str) and not (path / name).is_file():
            raise InputError(
                f"export folder is missing {name}, which its manifest lists", source=str(path)
            )


def bundle(path: Path, fmt: str) -> bytes:
    """The corpus's files as one uncompressed tar, in name order with no times or owners:
    the same files give the same bytes (and sha256)."""
    names = _corpus_files(path, fmt)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in names:
            data = (path / name).read_bytes()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _corpus_files(path: Path, fmt: str) -> list[str]:
    if fmt == "convokit":
        return [name for name in CONVOKIT_FILES if (path / name).is_file()]
    return sorted(
        p.relative_to(path).as_posix()
        for p in path.rglob("*.xml")
        if p.is_file() and not p.name.startswith(".")
    )


def read_bundle(data: bytes, source: str, only: Collection[str] | None = None) -> list[Document]:
    """A bundled corpus (`bundle`) read again, as `reparse` does; sources as first read."""
    with tempfile.TemporaryDirectory(prefix="onrecord-corpus-") as tmp:
        try:
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(tmp, filter="data")
        except (tarfile.TarError, OSError) as err:
            raise InputError(f"kept corpus cannot be unpacked: {err}", source=source) from err
        documents, _ = read_corpus(Path(tmp))
    digest = hashlib.sha256(data).hexdigest()
    for document in documents:
        document.source = document.source.replace(tmp, source.rstrip("/"))
        document.sha256 = document.sha256 or digest
    return [d for d in documents if only is None or d.id in only]


def _file_id(source: str) -> str:
    from onrecord.parse.segment import file_id

    return file_id(source)
