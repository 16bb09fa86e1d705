"""Every landing file open at once, written row by row as learners are simulated.

Rows arrive in the contract's column order with dates as day ordinals; each file decides
how they look on disk (its `FileStyle`), so the simulation never thinks about formats and
the mess stays in one place. Files are opened up front and kept open, which is what lets
the generator stream one learner at a time with flat memory.
"""

from __future__ import annotations

import csv
from pathlib import Path

from equipath.generator.dates import Calendar
from equipath.generator.mess import FileStyle, RejectPlanter, header_labels
from equipath.landing.contract import TABLES_BY_NAME, Table


class _File:
    __slots__ = ("count", "date_idx", "handle", "order", "table", "us_dates", "writer")

    def __init__(self, path: Path, table: Table, style: FileStyle) -> None:
        names = table.column_names
        columns = style.order or names
        if sorted(columns) != sorted(names):
            raise ValueError(f"{path}: column order must name every contract column once")
        self.table = table.name
        self.handle = path.open("w", encoding="utf-8-sig" if style.bom else "utf-8", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        self.writer.writerow(header_labels(columns, style.header))
        self.order = [names.index(c) for c in columns] if style.order else None
        self.date_idx = [i for i, c in enumerate(table.columns) if c.kind == "date"]
        self.us_dates = style.us_dates
        self.count = 0


class OutputFiles:
    """The open landing files; counts rows per file and lets the planter add bad rows."""

    def __init__(
        self,
        root: Path,
        cal: Calendar,
        styles: dict[str, FileStyle],
        planter: RejectPlanter,
    ) -> None:
        self.root = root
        self.cal = cal
        self.styles = styles
        self.planter = planter
        self._files: dict[str, _File] = {}

    def open(self, relpath: str, table_name: str) -> None:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        style = self.styles.get(relpath, FileStyle())
        self._files[relpath] = _File(path, TABLES_BY_NAME[table_name], style)

    def write(self, relpath: str, row: list) -> None:
        """One good row, then (sometimes) a planted bad row right after it."""
        f = self._files[relpath]
        self._emit(f, row)
        bad = self.planter.after(f.table, row)
        if bad is not None:
            self._emit(f, bad)

    def write_many(self, relpath: str, rows: list[list]) -> None:
        for row in rows:
            self.write(relpath, row)

    def _emit(self, f: _File, row: list) -> None:
        if f.date_idx:
            row = list(row)
            fmt = self.cal.us if f.us_dates else self.cal.iso
            for i in f.date_idx:
                v = row[i]
                if v is None:
                    row[i] = ""
                elif type(v) is int:
                    row[i] = fmt(v)
        if f.order is not None:
            row = [row[i] for i in f.order]
        f.writer.writerow(row)
        f.count += 1

    def table_of(self, relpath: str) -> str:
        return self._files[relpath].table

    def close(self) -> dict[str, int]:
        """Close every file; rows written per file (header excluded), by path."""
        counts = {}
        for relpath, f in self._files.items():
            f.handle.close()
            counts[relpath] = f.count
        return counts
