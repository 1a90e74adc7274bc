"""Inputs the archive tests build: folders of fixture pages, small made-up transcripts."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from onrecord.model import Document, Speaker, Turn


def page_folder(folder: Path, pages: Iterable[Path], ids: Collection[str] | None = None) -> Path:
    """`folder`, made, holding copies of `pages` (of those whose id is in `ids`, if given)."""
    folder.mkdir()
    for page in pages:
        if ids is None or page.stem in ids:
            shutil.copy(page, folder / page.name)
    return folder


def transcript(
    doc_id: str, date: str, speakers: Iterable[tuple[str, list[str]]], text: str
) -> Document:
    """A document in which each (name, roles) says `text (doc_id)` once, in order."""
    people = [
        Speaker(id=f"s{i}", name=name, roles=roles, labels=[name])
        for i, (name, roles) in enumerate(speakers)
    ]
    return Document(
        id=doc_id,
        source=f"test:{doc_id}",
        sha256="",
        parser={"name": "test"},
        title=f"Document {doc_id}",
        date=date,
        speakers=people,
        turns=[Turn(i, p.name, p.id, [f"{text} ({doc_id})"]) for i, p in enumerate(people)],
    )


def undo_revisions_by_text(conn: Any) -> None:
    """Undo the `revisions_by_text` migration (for tests that rebuild an older archive)."""
    conn.execute("DROP TABLE revision_inputs")
    conn.execute("DROP INDEX revisions_text_hash")
    conn.execute("ALTER TABLE revisions DROP COLUMN text_hash")
    conn.execute("ALTER TABLE revisions DROP COLUMN restores")
