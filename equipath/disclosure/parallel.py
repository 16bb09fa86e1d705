"""Independent disclosure problems (one cohort_year × family each) on worker processes.

Suppression and audit both split into problems that share nothing, so they spread over
processes with no coordination. Workers are spawned, not forked: the parent may be a
Dagster run with threads, and forking a threaded process can deadlock the child. (Like
any `multiprocessing` user, a script that publishes needs the `if __name__ ==
"__main__":` guard.)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

#: worker processes for disclosure problems; 1 runs everything in this process
ENV_WORKERS = "EQUIPATH_PUBLISH_WORKERS"


def default_workers() -> int:
    """From EQUIPATH_PUBLISH_WORKERS, else up to 2 (the reference machine has 2 cores)."""
    value = os.environ.get(ENV_WORKERS, "")
    if value:
        return max(1, int(value))
    return max(1, min(2, os.cpu_count() or 1))


def run_all(
    function: Callable[[Any], Any],
    jobs: Sequence[Any],
    *,
    workers: int | None = None,
    size: Callable[[Any], int] = lambda job: 0,
) -> list[Any]:
    """`[function(job) for job in jobs]`, on worker processes; the largest jobs start
    first so that the last one to finish is a small one."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(jobs) <= 1:
        return [function(job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda i: -size(jobs[i]))
    results: list[Any] = [None] * len(jobs)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {i: pool.submit(function, jobs[i]) for i in order}
        for i, future in futures.items():
            results[i] = future.result()
    return results
