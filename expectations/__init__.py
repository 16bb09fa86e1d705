"""Great Expectations suites of the warehouse's raw tables, and the module that runs them.

`suites/<table>.json` (committed) hold the table-level and statistical rules of each
contract table; `frames.py` reads what they are about from the warehouse; `runner.py`
validates; `results.py` keeps the verdicts in `quality.quality_results`. Which rule lives
here and which in the loader: README.md.
"""
