"""A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder, a server
on loopback (a free port, its socket in the same folder), one database per archive, all
stopped and removed at the end of the session.

initdb refuses to run as root: as root the cluster is made and run by the `postgres`
user (Debian's package makes it), else `nobody`. Where PostgreSQL's programs are missing
or the server does not start, the tests that need it skip with the reason; in CI they
fail instead (helpers.needs.absent).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from helpers.needs import absent

SEARCH = ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin")
USER = "onrecord"


def _bindir() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    for folder in SEARCH:
        if (Path(folder) / "initdb").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A running server; `database()` makes a new empty database and returns its URL."""

    def __init__(self) -> None:
        self.bindir: Path | None = None
        self.folder: Path | None = None
        self.port = 0
        self.owner: str | None = None
        self.error = ""
        self._names = itertools.count(1)

    def start(self) -> None:
        bindir = _bindir()
        if bindir is None:
            self.error = "PostgreSQL is not installed (no initdb; apt-get install postgresql)"
            return
        self.bindir = bindir
        folder = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
        self.folder = folder
        if os.geteuid() == 0:
            self.owner = next((u for u in ("postgres", "nobody") if _has_user(u)), None)
            if self.owner is None:
                self.error = "running as root, and no postgres or nobody user to run PostgreSQL"
                return
            entry = pwd.getpwnam(self.owner)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        folder.chmod(0o700)
        self.port = _free_port()
        data = folder / "data"
        try:
            self._run(
                "initdb", "-D", str(data), "-A", "trust", "-U", USER, "--no-sync", "-E", "UTF8"
            )
            options = f"-k {folder} -p {self.port} -h 127.0.0.1 -F -c fsync=off"
            self._run(
                "pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start"
            )
        except (subprocess.CalledProcessError, OSError) as err:
            output = getattr(err, "stdout", b"") or b""
            self.error = f"PostgreSQL did not start ({err}): {output.decode()[-400:]}"

    def _run(self, program: str, *args: str) -> None:
        assert self.bindir is not None
        command = [str(self.bindir / program), *args]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(
            command,
            check=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=120,
            cwd=self.folder,
        )

    def url(self, name: str) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{name}"

    def database(self) -> str:
        """A new, empty database's URL (skips, or fails in CI, without a server)."""
        if self.error:
            absent(self.error)
        try:
            import psycopg
        except ImportError:
            absent("psycopg is not installed (pip install -e '.[postgres]')")

        name = f"archive{next(self._names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a name made here, not an input
        return self.url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        if self.bindir is not None and (self.folder / "data" / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError, OSError):
                self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
