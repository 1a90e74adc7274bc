"""The `onrecord` command: thin shells over the library.

Every command module exposes `commands`, a list of click commands. Errors are mapped
to one-line messages and exit codes here, in one place.

Command modules are imported only when their command runs: `onrecord search` does not
load the parsers, the exporters (pyarrow) or the web app, and `onrecord --help` loads
none of them (their one-line help is in `COMMANDS`; a test keeps it in step).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from onrecord import __version__
from onrecord.errors import OnrecordError
from onrecord.store.sqlite import failure

INTERNAL_ERROR_EXIT = 70
INTERRUPTED_EXIT = 130


# name -> (module under onrecord.cli, one-line help shown by `onrecord --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("parse_cmd", "Parse saved transcripts and print their structure (no database)."),
    "ingest": ("archive_cmd", "Store transcripts (files, folders, globs) in the archive."),
    "reparse": ("archive_cmd", "Parse the kept raw input again with the current parser."),
    "reindex": ("archive_cmd", "Rebuild the search index beside the database."),
    "diff": ("archive_cmd", "Show what changed between two revisions of a document."),
    "list": ("archive_cmd", "List documents, newest (or oldest) first."),
    "show": ("archive_cmd", "Show a document, a turn (ID#t12) or a paragraph (ID#t12-p3)."),
    "search": ("archive_cmd", 'Find paragraphs: words, "a phrase", prefix*, OR, NOT word.'),
    "ask": ("archive_cmd", "Answer a question in plain words with the turns that answer it."),
    "stats": ("archive_cmd", "Documents, turns, words and each speaker's share."),
    "speakers": ("archive_cmd", "List the people of the archive; show, merge, split."),
    "claims": ("enrich_cmd", "Check-worthy claims with their figures, and figures that disagree."),
    "entities": ("enrich_cmd", "People, organisations, places and events mentioned."),
    "mentions": ("enrich_cmd", "Every mention of an entity, by year, with co-mentions."),
    "quote": ("enrich_cmd", "Did this person say this? The closest passage, differences marked."),
    "enrich": ("enrich_cmd", "Run the enrichment pipeline again on stored documents."),
    "export": ("export_cmd", "The archive's documents in the formats researchers' tools read."),
    "serve": ("web_cmd", "Serve the archive: reader, search, speaker pages and the JSON API."),
    "watch": ("watch_cmd", "Saved questions with Atom feeds and webhooks: tell me when X says Y."),
    "lint": ("lint_cmd", "A publisher's quality report of one transcript."),
}


class _Main(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"onrecord.cli.{COMMANDS[cmd_name][0]}")
            for command in module.commands:
                self.add_command(command)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from `COMMANDS`, without importing every command module."""
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
