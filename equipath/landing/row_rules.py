"""Contract rules that compare columns of one row (after each value passed its own check).

Kept apart from `values.py` because these need the whole row; rules across rows (keys,
references) run in the warehouse, in `load.py`.
"""

from __future__ import annotations

from collections.abc import Callable

Problem = tuple[str, str, str]  # (column, reason_code, reason)
Row = dict[str, str | None]

_EARLIEST_BIRTH = "1900-01-01"


def _enrollment(row: Row) -> list[Problem]:
    problems: list[Problem] = []
    entry, exit_, status = row["entry_date"], row["exit_date"], row["exit_status"]
    if entry and exit_ and exit_ < entry:
        problems.append(
            ("exit_date", "exit_before_entry", "exit_date is before entry_date; check both dates")
        )
    if status == "active" and exit_:
        problems.append(
            (
                "exit_status",
                "active_with_exit_date",
                "exit_status is 'active' but exit_date is set; "
                "an active participation has a blank exit_date",
            )
        )
    if status != "active" and not exit_:
        problems.append(
            (
                "exit_date",
                "exit_without_date",
                f"exit_status '{status}' needs an exit_date; leave it blank only when 'active'",
            )
        )
    return problems


def _student(row: Row) -> list[Problem]:
    birth, updated = row["birth_date"], row["updated_at"]
    if birth and updated and birth > updated:
        return [
            (
                "birth_date",
                "birth_after_snapshot",
                "birth_date is after the row's updated_at (a birth date in the future)",
            )
        ]
    if birth and birth < _EARLIEST_BIRTH:
        return [("birth_date", "out_of_range", f"birth_date is before {_EARLIEST_BIRTH}")]
    return []


def _hire(row: Row) -> list[Problem]:
    hire, sep = row["hire_date"], row["separation_date"]
    if hire and sep and sep < hire:
        return [
            (
                "separation_date",
                "separation_before_hire",
                "separation_date is before hire_date; check both dates",
            )
        ]
    return []


def _course_result(row: Row) -> list[Problem]:
    first, last = row["first_activity_at"], row["last_activity_at"]
    if first and last and last < first:
        return [
            (
                "last_activity_at",
                "last_before_first",
                "last_activity_at is before first_activity_at",
            )
        ]
    return []


ROW_RULES: dict[str, Callable[[Row], list[Problem]]] = {
    "enrollments": _enrollment,
    "students": _student,
    "hires": _hire,
    "course_results": _course_result,
}
