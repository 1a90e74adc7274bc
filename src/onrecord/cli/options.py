"""Option checks shared by several commands."""

from __future__ import annotations

import click

from onrecord.dates import date_problem


def check_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--from yesterday`, `--from 12/04/2017`, `--from 2017-13-45`: a usage error (exit 2),
    as the web refuses them, rather than a filter that silently matches nothing."""
    if value is None:
        return None
    problem = date_problem(value.strip())
    if problem:
        raise click.BadParameter(problem, param=param)
    return value.strip()
