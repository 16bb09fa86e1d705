"""A build's full log in a file next to the warehouse, and a quiet console.

Dagster, dagster-dbt (which re-prints every dbt event), dbt's own subprocess, Great
Expectations and the libraries they import all write to the process's stdout and stderr,
some through handlers made before the build starts. Redirecting Python's `sys.stdout`
would miss most of them, so file descriptors 1 and 2 are pointed at a pipe for the length
of the build; a thread copies the pipe into the log file (and, with `--verbose`, to the
terminal too). The progress report writes to a duplicate of the original stdout.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import select
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from orchestration.run_log import RUN_LOGGER_NAME

LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"


def log_path(warehouse: Path) -> Path:
    """`data/demo/warehouse.duckdb` → `data/demo/warehouse.build.log`."""
    return warehouse.with_name(f"{warehouse.stem}.build.log")


def _writes_to_fd(stream: TextIO, fd: int) -> bool:
    try:
        return stream.fileno() == fd
    except (AttributeError, OSError, io.UnsupportedOperation):
        return False


@contextlib.contextmanager
def output_to_log(
    path: Path, echo: bool = False, on_line: Callable[[str], None] | None = None
) -> Iterator[TextIO]:
    """Inside the block everything printed goes to `path`; yields the console stream.

    `echo` also copies it to the original stderr (`--verbose`); `on_line` sees each line
    as it is written (dbt's "12 of 315 OK …" drive the progress bar).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved_out, saved_err = os.dup(1), os.dup(2)
    # the console: the real stdout, unless Python's stdout is something else (a test's
    # capture), which then stays the console
    if _writes_to_fd(sys.stdout, 1):
        console: TextIO = os.fdopen(os.dup(saved_out), "w", buffering=1, encoding="utf-8")
        own_console = True
    else:
        console, own_console = sys.stdout, False
    read_end, write_end = os.pipe()
    # unbuffered: `tail -f` of the log (and a test waiting for a line) sees it at once
    log_file = open(path, "wb", buffering=0)  # noqa: SIM115 (closed in `finally`)

    stop = threading.Event()
    pending = bytearray()

    def pump() -> None:
        # not "read until EOF": a helper process the build started (multiprocessing's
        # resource tracker) inherits the pipe and keeps it open until this process ends
        while True:
            readable, _, _ = select.select([read_end], [], [], 0.1)
            if not readable:
                if stop.is_set():
                    return
                continue
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                return
            log_file.write(chunk)
            if echo:
                os.write(saved_err, chunk)
            if on_line is not None:
                pending.extend(chunk)
                *lines, rest = pending.split(b"\n")
                pending[:] = rest
                for line in lines:
                    on_line(line.decode("utf-8", "replace"))

    thread = threading.Thread(target=pump, name="equipath-build-log", daemon=True)
    thread.start()
    run_log_stream = os.fdopen(os.dup(write_end), "w", buffering=1, encoding="utf-8")
    handler = logging.StreamHandler(run_log_stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    run_logger = logging.getLogger(RUN_LOGGER_NAME)
    run_logger.addHandler(handler)
    run_logger.propagate = False
    os.dup2(write_end, 1)
    os.dup2(write_end, 2)
    os.close(write_end)
    # Python-level writers too (dagster-dbt prints dbt's lines to `sys.stdout`), whatever
    # `sys.stdout` was (a test's capture, for one)
    python_streams = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = run_log_stream
    try:
        yield console
    finally:
        with contextlib.suppress(Exception):
            run_log_stream.flush()
        sys.stdout, sys.stderr = python_streams
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        run_logger.removeHandler(handler)
        run_logger.propagate = True
        run_log_stream.close()
        os.dup2(saved_out, 1)
        os.dup2(saved_err, 2)
        stop.set()
        thread.join(timeout=30)
        os.close(read_end)
        log_file.close()
        os.close(saved_out)
        os.close(saved_err)
        if own_console:
            console.close()
