"""Options several commands share are declared once (`onrecord.cli.options`): every
command that takes `--from`/`--to` refuses a date it cannot read, and every `--db` reads
$ONRECORD_DB the same way."""

from __future__ import annotations

from collections.abc import Iterator

import click

from onrecord.cli import main
from onrecord.cli.options import check_date


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")


def options(name: str) -> dict[str, click.Parameter]:
    return {
        path: param
        for path, command in commands(main)
        for param in command.params
        if name in getattr(param, "opts", ())
    }


def test_every_date_filter_is_checked() -> None:
    dated = {**options("--from"), **options("--to")}
    assert {"search", "list", "export", "watch add"} <= set(dated)
    unchecked = sorted(path for path, param in dated.items() if param.callback is not check_date)
    assert unchecked == []


def test_every_db_option_reads_the_same_variable() -> None:
    found = options("--db")
    assert {"ingest", "search", "export", "enrich", "claims", "watch add"} <= set(found)
    # `speakers X` falls back to the group's --db first, `serve` to its own setting
    own_rules = {path for path in found if path.startswith("speakers ") or path == "serve"}
    other = sorted(
        path
        for path, param in found.items()
        if path not in own_rules and param.envvar != "ONRECORD_DB"
    )
    assert other == []
