"""Run a function over many inputs, going on past bad ones and counting them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from onrecord.errors import OnrecordError

T = TypeVar("T")


@dataclass
class BatchReport:
    done: int = 0
    failed: list[tuple[str, OnrecordError]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if not self.failed:
            return 0
        codes = {err.exit_code for _, err in self.failed}
        if self.done == 0 and len(codes) == 1:
            return codes.pop()
        return BATCH_FAILED_EXIT


BATCH_FAILED_EXIT = 9


def run_batch(
    items: Iterable[str], work: Callable[[str], T], report: BatchReport
) -> Iterator[tuple[str, T]]:
    for item in items:
        try:
            result = work(item)
        except OnrecordError as err:
            report.failed.append((item, err))
            continue
        report.done += 1
        yield item, result
