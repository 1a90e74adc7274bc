"""Dates as the filters take them: `2017`, `2017-04` or `2017-04-12`, and real ones.

One check for the command line (`--from`, `--to`) and the web (`from`, `to`), so that
`--from yesterday` or `--from 2017-13-45` is refused the same way everywhere rather
than silently matching nothing.
"""

from __future__ import annotations

import datetime as dt
import re

PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
EXPECTED = "a date like 2017, 2017-04 or 2017-04-12"


def date_problem(value: str) -> str | None:
    """Why `value` is not a filter date, or None when it is one."""
    if not PARTIAL_DATE.match(value):
        return f"expected {EXPECTED}, got {value[:40]!r}"
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"{value} is not a day of the calendar"
    return None
