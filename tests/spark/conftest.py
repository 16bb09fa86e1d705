"""The Spark suite runs only when asked for by marker: `pytest -m spark` (`make test-spark`).

A bare `pytest` deselects it (it needs Java and the `spark` extra and takes minutes);
`make test` also passes `-m "not spark"` explicitly. Any `-m` expression that names `spark`
is left to pytest's own marker selection.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "spark" in (config.getoption("markexpr") or ""):
        return
    deselected = [item for item in items if item.get_closest_marker("spark")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("spark")]
