"""Dask task bodies for the distributed ingest tests; importable by the workers, which get
the test process's sys.path (tests/ included)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from onrecord import distributed, ingest


def die_once(
    marker: str, victim: str, job: ingest.Job, enrich: bool, dictionary: Any, cwd: str
) -> list[ingest.Parsed]:
    """`distributed.run_task`, except that the first job holding a file named `victim`
    does all its work and then kills its worker process before answering (leaving
    `marker` behind): the scheduler must run the job again elsewhere."""
    parsed = distributed.run_task(job, enrich, dictionary, cwd)
    held = [Path(source).name for source in distributed.sources(job)]
    if victim in held and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)
    return parsed
