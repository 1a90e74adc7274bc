"""`onrecord serve`: the web reader and the JSON API on a local address."""

from __future__ import annotations

import os
from pathlib import Path

import click

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
def serve_command(db_path: str | None, host: str, port: int, workers: int) -> None:
    """Serve the archive: reader, search and speaker pages, and the JSON API under /api/v1.

    Uploads (POST /api/v1/documents) are off unless $ONRECORD_TOKEN is set.
    """
    import uvicorn

    from onrecord.web import WebConfig, create_app

    config = WebConfig.from_env(resolve_path(db_path))
    existed = Path(config.db_path).exists()
    app = create_app(config)  # creates or migrates the database once, before any worker
    if not existed:
        click.echo(
            f"onrecord: {config.db_path} did not exist: serving a new, empty archive "
            f"(add transcripts with `onrecord ingest --db {config.db_path} PATH`)",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"onrecord: serving {config.db_path} at http://{shown}:{port}/  (API docs: /docs)")
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
    uvicorn.run("onrecord.web.app:app_from_env", factory=True, workers=workers, **options)  # type: ignore[arg-type]


commands = [serve_command]
