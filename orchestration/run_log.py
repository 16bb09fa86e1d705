"""The run's log as Python logging, and its events for whoever shows progress.

Dagster's console logger prints every event of a build (hundreds of lines at the demo
size). The CLI wants two things instead: the whole log in a file next to the warehouse,
and the events themselves to draw a short progress report. `equipath_run_logger` hands
every record to the Python logger `equipath.run` (where the CLI puts its handler) and
every Dagster event to the listeners registered with `listening`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dagster import DagsterEvent, logger
from dagster._core.log_manager import LOG_RECORD_METADATA_ATTR

RUN_LOGGER_NAME = "equipath.run"
#: the logger key in run config (`{"loggers": {RUN_LOGGER_KEY: {}}}`)
RUN_LOGGER_KEY = "equipath_run"

EventListener = Callable[[DagsterEvent], None]
_listeners: list[EventListener] = []


class _EventHandler(logging.Handler):
    """Pass the Dagster event a record carries to the registered listeners."""

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}
        event = meta.get("dagster_event")
        if event is None:
            return
        for listener in list(_listeners):
            listener(event)


_handler = _EventHandler(level=logging.DEBUG)


@logger(description="Run log to the Python logger `equipath.run`; events to progress listeners.")
def equipath_run_logger(_init_context) -> logging.Logger:
    run_log = logging.getLogger(RUN_LOGGER_NAME)
    run_log.setLevel(logging.DEBUG)
    if _handler not in run_log.handlers:
        run_log.addHandler(_handler)
    return run_log


@contextmanager
def listening(listener: EventListener | None) -> Iterator[None]:
    """Call `listener` with every Dagster event of the runs started inside the block."""
    if listener is None:
        yield
        return
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
