"""The public surface others build on (web, export): names stay, and the docs list them."""

from __future__ import annotations

import inspect

import onrecord.archive as archive_module
from onrecord.archive import Archive
from onrecord.cli import archive_cmd

PUBLIC_METHODS = {
    "open",
    "close",
    "ingest",
    "put_document",
    "put_documents",
    "reparse",
    "put_annotations",
    "merge_speakers",
    "split_speaker",
    "rebuild_index",
    "get",
    "raw",
    "revisions",
    "diff",
    "list_documents",
    "neighbours",
    "iter_documents",
    "search",
    "speakers",
    "speaker",
    "stats",
    "annotations",
    "content_hash",
}


def test_archive_exports_stay() -> None:
    assert set(archive_module.__all__) == {
        "Archive",
        "AskHit",
        "AskResult",
        "DocumentDiff",
        "DocumentSummary",
        "EntityMention",
        "EntityTotal",
        "Facet",
        "Filters",
        "IngestReport",
        "ResultPage",
        "PersonDetail",
        "PersonSummary",
        "StoredInput",
        "RevisionInfo",
        "RoleSpan",
        "SearchHit",
        "SearchResult",
        "SpeakerShare",
        "Stats",
        "DOCUMENT_SORTS",
        "document_sort",
    }


def test_every_public_method_exists_and_is_documented_in_the_module() -> None:
    methods = {n for n, _ in inspect.getmembers(Archive) if not n.startswith("_")}
    assert methods >= PUBLIC_METHODS
    doc = archive_module.__doc__ or ""
    missing = [name for name in sorted(PUBLIC_METHODS) if f"{name}(" not in doc]
    assert missing == []


def test_every_archive_command_has_help() -> None:
    for command in archive_cmd.commands:
        assert command.help and len(command.help.split()) > 3, command.name
