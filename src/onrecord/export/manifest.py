"""The manifest written beside every export, so that a published analysis can be reproduced.

It records what was asked (query and filters), what it was asked of (the archive's
content hash), by what (onrecord version, exporter version), when, and what came out
(document ids, files with their sizes and sha256, attribution lines).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from onrecord import __version__
from onrecord.export.base import Exporter, ExportOptions, ExportResult

MANIFEST_NAME = "manifest.json"
MANIFEST_SUFFIX = ".manifest.json"


def manifest_path(out: Path, target: str) -> Path:
    """`DIR/manifest.json` for a directory export, `FILE.manifest.json` beside a file export."""
    if target == "directory":
        return out / MANIFEST_NAME
    return out.with_name(out.name + MANIFEST_SUFFIX)


def build_manifest(
    exporter: Exporter, out: Path, options: ExportOptions, result: ExportResult
) -> dict[str, Any]:
    base = out if exporter.target == "directory" else out.parent
    return {
        "format": exporter.name,
        "producer": exporter.version,
        "onrecord_version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "query": dict(options.query),
        "content_hash": options.content_hash,
        "documents": len(result.ids),
        "ids": result.ids,
        "files": [_describe(base / path, path) for path in result.files],
        "attribution": sorted(result.attributions),
    }


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _describe(path: Path, relative: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"path": relative.as_posix(), "bytes": path.stat().st_size, "sha256": digest.hexdigest()}
