"""The `onrecord` command: thin shells over the library.

Every command module exposes `commands`, a list of click commands. Errors are mapped
to one-line messages and exit codes here, in one place.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from onrecord import __version__
from onrecord.errors import OnrecordError
from onrecord.store.sqlite import failure

INTERNAL_ERROR_EXIT = 70
INTERRUPTED_EXIT = 130


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OnrecordError as err:
            click.echo(f"onrecord: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("onrecord: interrupted", err=True)
            sys.exit(INTERRUPTED_EXIT)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            sys.exit(0)
        except Exception as err:  # the last line of defence: no traceback reaches a user
            if os.environ.get("ONRECORD_DEBUG"):
                raise
            fault = failure(err, "")  # a full disk, a damaged or read-only database file
            if fault is not None:
                click.echo(f"onrecord: error: {fault}", err=True)
                sys.exit(fault.exit_code)
            click.echo(f"onrecord: internal error: {type(err).__name__}: {err}", err=True)
            sys.exit(INTERNAL_ERROR_EXIT)


@click.group(cls=_Main)
@click.version_option(__version__, prog_name="onrecord")
def main() -> None:
    """onrecord: who said what, when and where, on the record."""


def _register() -> None:
    from onrecord.cli import (
        archive_cmd,
        enrich_cmd,
        export_cmd,
        lint_cmd,
        parse_cmd,
        watch_cmd,
        web_cmd,
    )

    for module in (parse_cmd, archive_cmd, enrich_cmd, export_cmd, lint_cmd, watch_cmd, web_cmd):
        for command in module.commands:
            main.add_command(command)


_register()
