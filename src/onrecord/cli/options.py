"""The options several commands share, declared once: `--db`, `--format` and the filters
(`--speaker`, `--from`, `--to`, `--place`), with their checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from onrecord.dates import date_problem

F = Callable[..., Any]


def check_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--from yesterday`, `--from 12/04/2017`, `--from 2017-13-45`: a usage error (exit 2),
    as the web refuses them, rather than a filter that silently matches nothing."""
    if value is None:
        return None
    problem = date_problem(value.strip())
    if problem:
        raise click.BadParameter(problem, param=param)
    return value.strip()


def db_option(command: F) -> F:
    return click.option(
        "--db",
        envvar="ONRECORD_DB",
        type=click.Path(dir_okay=False),
        help="Database file (default: $ONRECORD_DB, else ./onrecord.db).",
    )(command)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices or ("text", "json")),
        default="text",
        show_default=True,
        help="text for people, json for programs.",
    )


def date_options(command: F) -> F:
    """`--from` and `--to`, each checked by `check_date`."""
    command = click.option(
        "--to", "date_to", callback=check_date, help="Up to this date, inclusive."
    )(command)
    return click.option(
        "--from",
        "date_from",
        callback=check_date,
        help="From this date (2017, 2017-04, 2017-04-12).",
    )(command)


def filter_options(command: F) -> F:
    """`--speaker`, `--from`, `--to` and `--place`."""
    command = click.option("--place", help="Place containing this text.")(command)
    command = date_options(command)
    return click.option("--speaker", help="Person id or name (a part of a name matches).")(command)
