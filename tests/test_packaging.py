"""The package metadata and the install script as a fresh clone meets them."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_licence_is_an_spdx_expression() -> None:
    """A `{text = ...}` table made setuptools print a deprecation warning on every install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])


def test_install_is_skipped_when_nothing_changed(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "install", tmp_path / "scripts" / "install")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    onrecord = bin_dir / "onrecord"
    onrecord.write_text("#!/bin/sh\necho onrecord 0.1.0\n")
    onrecord.chmod(0o755)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    (tmp_path / ".venv" / ".onrecord-install").write_text(f"{digest} plain\n")
    done = subprocess.run(
        ["bash", "scripts/install"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stderr
    assert not (bin_dir / "python").exists()  # no venv made, no pip run
