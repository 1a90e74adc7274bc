"""`onrecord serve`: the web reader and the JSON API on a local address."""

from __future__ import annotations

import click

from onrecord.store.sqlite import resolve_path

LOOPBACK = "127.0.0.1"


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
def serve_command(db_path: str | None, host: str, port: int) -> None:
    """Serve the archive: reader, search and speakers pages, and the JSON API under /api/v1."""
    import uvicorn

    from onrecord.web import WebConfig, create_app

    config = WebConfig.from_env(resolve_path(db_path))
    app = create_app(config)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"onrecord: serving {config.db_path} at http://{shown}:{port}/  (API docs: /docs)")
    if host not in (LOOPBACK, "localhost", "::1"):
        click.echo(f"onrecord: warning: listening on {host}, not only on this machine", err=True)
    if config.token:
        click.echo("onrecord: uploads on (POST /api/v1/documents needs the token)")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


commands = [serve_command]
