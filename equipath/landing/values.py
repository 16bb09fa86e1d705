"""Row-level checks and normalisation of single values, one function per column kind.

Each check returns the normalised text to store, or raises `ValueProblem` with a reason
code and a sentence a sender can act on. Nothing here sees more than one row.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from equipath.landing.contract import Column

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_SSN = re.compile(r"^\d{3}-?\d{2}-?\d{4}$")


class ValueProblem(ValueError):
    """A value that breaks the contract: `code` is stable, `reason` is for people."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _show(column: Column, raw: str) -> str:
    """Quote the value only where that identifies nobody (see Column.echo_allowed)."""
    if column.echo_allowed:
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        return f" '{shown}'"
    return ""


@lru_cache(maxsize=1 << 16)
def parse_date(raw: str) -> date | None:
    """ISO `YYYY-MM-DD` or US `MM/DD/YYYY`; None when neither or not a calendar date."""
    m = _ISO.match(raw)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _US.match(raw)
        if not m:
            return None
        mo, d, y = int(m[1]), int(m[2]), int(m[3])
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def check_value(column: Column, raw: str) -> str | None:
    """Normalised text for one cell, None for blank; raises ValueProblem on a break."""
    value = raw.strip()
    if value == "":
        if column.required:
            raise ValueProblem(
                "missing_required", f"{column.name} is blank; it is required for every row"
            )
        return column.blank_code
    kind = column.kind
    if kind == "date":
        parsed = parse_date(value)
        if parsed is None:
            raise ValueProblem(
                "bad_date",
                f"{column.name}{_show(column, value)} is not a date; "
                "use YYYY-MM-DD (or MM/DD/YYYY)",
            )
        return parsed.isoformat()
    if kind == "code":
        return _check_code(column, value)
    if kind == "int":
        if not _INT.match(value):
            raise ValueProblem(
                "bad_number", f"{column.name}{_show(column, value)} is not a whole number"
            )
        _check_range(column, float(value), value)
        return str(int(value))
    if kind == "decimal":
        if not _DECIMAL.match(value):
            raise ValueProblem(
                "bad_number",
                f"{column.name}{_show(column, value)} is not a decimal number "
                "(digits and a point, no currency signs or thousands separators)",
            )
        _check_range(column, float(value), value)
        return value.lstrip("+")
    if kind == "ssn":
        if not _SSN.match(value):
            digits = sum(ch.isdigit() for ch in value)
            if digits == 9:
                raise ValueProblem(
                    "bad_ssn",
                    f"{column.name} has 9 digits but also other characters, or dashes out "
                    "of place (spaces, quotes or '=' from a spreadsheet?); write it as "
                    "NNN-NN-NNNN or NNNNNNNNN (value not shown)",
                )
            raise ValueProblem(
                "bad_ssn",
                f"{column.name} must be 9 digits (dashes allowed); this one has {digits} "
                "digits (value not shown)",
            )
        return value
    if kind == "pattern":
        if not re.fullmatch(column.pattern or "", value):
            raise ValueProblem(
                "bad_format",
                f"{column.name}{_show(column, value)} does not match {column.pattern_hint}",
            )
        return value
    if kind == "id_list":
        items = [item.strip() for item in value.split(";")]
        bad = [item for item in items if not re.fullmatch(column.pattern or "", item)]
        if bad:
            raise ValueProblem(
                "bad_format",
                f"{column.name}{_show(column, value)} does not match {column.pattern_hint}",
            )
        return ";".join(items)
    # text and pii kinds: trimmed text; pii is hashed by the caller
    return value


def _check_code(column: Column, value: str) -> str:
    for code in column.codes:
        if value.casefold() == code.casefold():
            return code
    allowed = " / ".join(column.codes)
    raise ValueProblem(
        "bad_code",
        f"{column.name}{_show(column, value)} is not one of {allowed}",
    )


def _check_range(column: Column, number: float, value: str) -> None:
    if column.min_value is not None and number < column.min_value:
        code = "negative_value" if column.min_value == 0 else "out_of_range"
        raise ValueProblem(
            code,
            f"{column.name}{_show(column, value)} is below the allowed minimum "
            f"{column.min_value:g}",
        )
    if column.max_value is not None and number > column.max_value:
        raise ValueProblem(
            "out_of_range",
            f"{column.name}{_show(column, value)} is above the allowed maximum "
            f"{column.max_value:g}",
        )
