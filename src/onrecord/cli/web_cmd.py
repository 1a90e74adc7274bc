"""`onrecord serve`: the web reader and the JSON API on a local address."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

import click

from onrecord.errors import AddressInUseError
from onrecord.store import backend
from onrecord.store.sqlite import ENV_DB, resolve_path

LOOPBACK = "127.0.0.1"
SHUTDOWN_SECONDS = 5


@click.command("serve")
@click.option(
    "--db", "db_path", default=None, help="Archive file (default: $ONRECORD_DB or ./onrecord.db)."
)
@click.option(
    "--host", default=LOOPBACK, show_default=True, help="Address to bind; loopback by default."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (more serve more readers at once).",
)
@click.option(
    "--base-url",
    callback=lambda _ctx, _param, value: _http_url(value),
    help="Public address that citations carry (https://archive.example.org); "
    "default: $ONRECORD_BASE_URL, else the address each request came to.",
)
def serve_command(
    db_path: str | None, host: str, port: int, workers: int, base_url: str | None
) -> None:
    """Serve the archive: reader, search and speaker pages, and the JSON API under /api/v1.

    Uploads (POST /api/v1/documents) are off unless $ONRECORD_TOKEN is set.
    """
    import uvicorn

    from onrecord.web import WebConfig, create_app
    from onrecord.web.config import ENV_BASE_URL
    from onrecord.web.workers import reuse_port_supported
    from onrecord.web.workers import serve as serve_workers

    check_port(host, port)
    config = WebConfig.from_env(resolve_path(db_path), base_url)
    existed = backend.is_url(config.db_path) or Path(config.db_path).exists()
    app = create_app(config)  # creates or migrates the database once, before any worker
    if not existed:
        click.echo(
            f"onrecord: {config.db_path} did not exist: serving a new, empty archive "
            f"(add transcripts with `onrecord ingest --db {config.db_path} PATH`)",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    served = backend.redact(config.db_path)
    click.echo(f"onrecord: serving {served} at http://{shown}:{port}/  (API docs: /docs)")
    if host not in (LOOPBACK, "localhost", "::1"):
        click.echo(f"onrecord: warning: listening on {host}, not only on this machine", err=True)
    if config.token:
        click.echo("onrecord: uploads on (POST /api/v1/documents needs the token)")
    options = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "server_header": False,
        # on SIGTERM, requests in flight get this long, then the server stops anyway (an
        # upload being parsed is in a child process, which goes with it)
        "timeout_graceful_shutdown": SHUTDOWN_SECONDS,
    }
    if workers == 1:
        uvicorn.run(app, **options)  # type: ignore[arg-type]
        return
    os.environ[ENV_DB] = config.db_path  # each worker process makes its own app from this
    if config.base_url:
        os.environ[ENV_BASE_URL] = config.base_url
    if reuse_port_supported():
        serve_workers(options, workers)  # a socket each: the kernel spreads connections evenly
        return
    uvicorn.run("onrecord.web.app:app_from_env", factory=True, workers=workers, **options)  # type: ignore[arg-type]


def _http_url(value: str | None) -> str | None:
    if value and not value.startswith(("http://", "https://")):
        raise click.BadParameter(f"expected an http:// or https:// address, got {value[:60]!r}")
    return value


def check_port(host: str, port: int) -> None:
    """Refuse, before saying "serving", a port that another program already listens on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise AddressInUseError(
                    f"port {port} on {host} is taken by another program: "
                    f"choose another with --port (or PORT=... for scripts/demo)"
                ) from err
            raise AddressInUseError(f"cannot listen on {host}:{port}: {err.strerror}") from err


commands = [serve_command]
