"""Landing files of one contract table → the warehouse's `raw` schema, nothing lost.

One call loads one table in one transaction: either every changed file of the table is
loaded (rows in `raw.<table>`, rejects in `raw._rejects`, one line per file in
`raw._load_accounting` with rows_read = rows_loaded + rows_rejected) or nothing changes.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from equipath.landing.contract import TABLES_BY_NAME, Column, Table
from equipath.landing.pseudonymise import Pseudonymiser
from equipath.landing.reader import Header, LandingFileError, inspect_bytes, iter_records
from equipath.landing.row_rules import ROW_RULES
from equipath.landing.schema import RAW_SCHEMA, all_ddl
from equipath.landing.values import ValueProblem, check_value

BATCH_ROWS = 50_000
_REJECT_FIELDS = ("source_file", "row_number", "column_name", "reason_code", "reason")


@dataclass
class FileResult:
    """One landing file's account: what was read, loaded and rejected."""

    source_file: str
    table_name: str
    file_checksum: str
    encoding: str
    status: str  # loaded | unchanged | duplicate_of:<file>
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


@dataclass
class TableLoadResult:
    """Every file of one table, including those skipped because they had not changed."""

    table_name: str
    files: list[FileResult] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files if f.status == "loaded")

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files if f.status == "loaded")

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files if f.status == "loaded")


def discover_files(landing: Path, table: Table) -> list[Path]:
    """Files of a table, by its folder and name pattern (case-insensitive), sorted."""
    folder = landing / table.folder
    if not folder.is_dir():
        return []
    pattern = table.pattern.lower()
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".") and fnmatch.fnmatch(p.name.lower(), pattern)
    )


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema and its bookkeeping tables if this warehouse is new."""
    for statement in all_ddl():
        con.execute(statement)


class _Batch:
    """Column buffers for valid rows and for rejects, flushed to DuckDB in batches."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: Table, loaded_at: datetime):
        self.con = con
        self.table = table
        self.loaded_at = loaded_at
        self.raw_names = table.raw_column_names
        self.rows: dict[str, list] = self._empty_rows()
        self.rejects: dict[str, list] = {name: [] for name in _REJECT_FIELDS}
        self.size = 0

    def _empty_rows(self) -> dict[str, list]:
        names = ("_source_file", "_file_checksum", "_row_number", *self.raw_names, "_extra")
        return {name: [] for name in names}

    def add_row(self, source_file: str, checksum: str, row_number: int, values, extra) -> None:
        rows = self.rows
        rows["_source_file"].append(source_file)
        rows["_file_checksum"].append(checksum)
        rows["_row_number"].append(row_number)
        for name, value in zip(self.raw_names, values, strict=True):
            rows[name].append(value)
        rows["_extra"].append(extra)
        self.size += 1
        if self.size >= BATCH_ROWS:
            self.flush()

    def add_reject(self, source_file: str, row_number: int, column, code: str, reason: str):
        for name, value in zip(
            _REJECT_FIELDS, (source_file, row_number, column, code, reason), strict=True
        ):
            self.rejects[name].append(value)

    def flush(self) -> None:
        if self.size:
            n = self.size
            arrays = {
                "_source_file": pa.array(self.rows["_source_file"], pa.string()),
                "_file_checksum": pa.array(self.rows["_file_checksum"], pa.string()),
                "_row_number": pa.array(self.rows["_row_number"], pa.int32()),
                "_loaded_at": pa.array([self.loaded_at] * n, pa.timestamp("us")),
            }
            for name in self.raw_names:
                arrays[name] = pa.array(self.rows[name], pa.string())
            arrays["_extra_columns"] = pa.array(self.rows["_extra"], pa.string())
            batch = pa.table(arrays)  # noqa: F841 - read by DuckDB's replacement scan
            self.con.execute("insert into _incoming select * from batch")
            self.rows = self._empty_rows()
            self.size = 0
        if self.rejects["row_number"]:
            rejects = pa.table(  # noqa: F841 - read by DuckDB's replacement scan
                {
                    "source_file": pa.array(self.rejects["source_file"], pa.string()),
                    "row_number": pa.array(self.rejects["row_number"], pa.int32()),
                    "column_name": pa.array(self.rejects["column_name"], pa.string()),
                    "reason_code": pa.array(self.rejects["reason_code"], pa.string()),
                    "reason": pa.array(self.rejects["reason"], pa.string()),
                }
            )
            self.con.execute("insert into _row_rejects select * from rejects")
            self.rejects = {name: [] for name in _REJECT_FIELDS}


def _row_values(
    table: Table,
    header: Header,
    fields: list[str],
    pseudonymiser: Pseudonymiser,
) -> tuple[list[str | None], list[tuple[str, str, str]]]:
    """Normalised, pseudonymised values of one record, and its problems."""
    checked: dict[str, str | None] = {}
    problems: list[tuple[str, str, str]] = []
    for column in table.columns:
        position = header.positions.get(column.name)
        raw = fields[position] if position is not None else ""
        try:
            checked[column.name] = check_value(column, raw)
        except ValueProblem as problem:
            problems.append((column.name, problem.code, problem.reason))
            checked[column.name] = None
    if problems:
        return [], problems
    rule = ROW_RULES.get(table.name)
    if rule is not None:
        problems = rule(checked)
        if problems:
            return [], problems
    return [_store(column, checked[column.name], pseudonymiser) for column in table.columns], []


def _store(column: Column, value: str | None, pseudonymiser: Pseudonymiser) -> str | None:
    if value is None or not column.is_pii:
        return value
    if column.kind == "ssn":
        return pseudonymiser.ssn(value)
    if column.kind == "pii_email":
        return pseudonymiser.email(value)
    return pseudonymiser.name(value)


def _read_file(
    batch: _Batch,
    table: Table,
    path: Path,
    display: str,
    checksum: str,
    header: Header,
    records: Iterable[tuple[int, list[str]]],
    pseudonymiser: Pseudonymiser,
) -> int:
    """Stream one file's records into the batch; returns rows read."""
    rows_read = 0
    width = header.width
    extras = sorted(header.extras.items())
    for row_number, fields in records:
        rows_read += 1
        if len(fields) != width:
            batch.add_reject(
                display,
                row_number,
                None,
                "field_count",
                f"row has {len(fields)} fields but the header has {width}; a field with a "
                "comma or line break must be in double quotes",
            )
            continue
        values, problems = _row_values(table, header, fields, pseudonymiser)
        if problems:
            for column, code, reason in problems:
                batch.add_reject(display, row_number, column, code, reason)
            continue
        extra = json.dumps({name: fields[i] for name, i in extras}) if extras else None
        batch.add_row(display, checksum, row_number, values, extra)
    return rows_read


def _content_hash_sql(table: Table, alias: str) -> str:
    parts = ", ".join(f"coalesce({alias}.{name}, chr(0))" for name in table.raw_column_names)
    return f"md5(concat_ws(chr(31), {parts}))"


def _reject_unknown_references(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """Rows naming a program or employer the catalog does not hold."""
    for column, target in table.references.items():
        target_table = TABLES_BY_NAME[target]
        target_key = target_table.key[0]
        unknown = (
            f"{column} is not null and {column} not in "
            f"(select {target_key} from {RAW_SCHEMA}.{target})"
        )
        catalog_file = f"{target_table.folder}/{target_table.pattern}"
        con.execute(
            f"""
            insert into _row_rejects
            select _source_file, _row_number, '{column}', 'unknown_{target_key}',
                   '{column} ' || chr(39) || {column} || chr(39)
                   || ' is not in {catalog_file}; add it to the catalog or correct the id'
            from _incoming where {unknown}
            """
        )
        con.execute(f"delete from _incoming where {unknown}")


def _reject_duplicate_keys(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """First occurrence wins: rows already loaded, then by file name and row number."""
    if not table.key:
        return
    keys = ", ".join(table.column(name).raw_name for name in table.key)
    key_list = " + ".join(table.key)
    con.execute(
        f"""
        create or replace temp table _dupes as
        with candidates as (
            select {keys}, _source_file, _row_number, 0 as origin,
                   {_content_hash_sql(table, "r")} as content_hash
            from {RAW_SCHEMA}.{table.name} r
            union all
            select {keys}, _source_file, _row_number, 1 as origin,
                   {_content_hash_sql(table, "i")} as content_hash
            from _incoming i
        ),
        ranked as (
            select *,
                   row_number() over w as occurrence,
                   first_value(_source_file) over w as first_file,
                   first_value(_row_number) over w as first_row,
                   first_value(content_hash) over w as first_hash
            from candidates
            window w as (partition by {keys} order by origin, _source_file, _row_number
                         rows between unbounded preceding and unbounded following)
        )
        select _source_file, _row_number, first_file, first_row,
               content_hash = first_hash as is_identical
        from ranked
        where origin = 1 and occurrence > 1
        """
    )
    con.execute(
        f"""
        insert into _row_rejects
        select _source_file, _row_number, '{table.key[0]}',
               case when is_identical then 'duplicate_row' else 'duplicate_key' end,
               case when is_identical
                    then 'identical to row ' || first_row || ' of ' || first_file
                         || ', which was loaded; remove the repeated row'
                    else 'the key ({key_list}) is already used by row ' || first_row
                         || ' of ' || first_file || ' with different content; keep one '
                         || 'version (send a corrected file under the same name to replace it)'
               end
        from _dupes
        """
    )
    con.execute(
        """
        delete from _incoming
        where (_source_file, _row_number) in (select (_source_file, _row_number) from _dupes)
        """
    )


def load_table(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    landing: Path,
    pseudonymiser: Pseudonymiser,
    loaded_at: datetime,
) -> TableLoadResult:
    """Load every new or changed file of `table` from `landing` in one transaction."""
    ensure_raw_schema(con)
    result = TableLoadResult(table.name)
    files = discover_files(landing, table)
    previous = dict(
        con.execute(
            f"select source_file, file_checksum from {RAW_SCHEMA}._load_accounting "
            "where table_name = ? and status = 'loaded'",
            [table.name],
        ).fetchall()
    )
    con.begin()
    try:
        con.execute(
            f"create or replace temp table _incoming as select * from {RAW_SCHEMA}.{table.name} "
            "limit 0"
        )
        con.execute(
            "create or replace temp table _row_rejects (source_file varchar, row_number integer, "
            "column_name varchar, reason_code varchar, reason varchar)"
        )
        batch = _Batch(con, table, loaded_at)
        checksum_owner = {checksum: name for name, checksum in previous.items()}
        to_account: list[FileResult] = []
        for path in files:
            display = path.relative_to(landing).as_posix()
            facts = inspect_bytes(path, display)
            if previous.get(display) == facts.checksum:
                result.files.append(
                    FileResult(display, table.name, facts.checksum, facts.encoding, "unchanged")
                )
                continue
            _forget_file(con, table, display)
            owner = checksum_owner.get(facts.checksum)
            if owner is not None and owner != display:
                file_result = FileResult(
                    display, table.name, facts.checksum, facts.encoding, f"duplicate_of:{owner}"
                )
            else:
                header, records = iter_records(path, facts, table, display)
                rows_read = _read_file(
                    batch, table, path, display, facts.checksum, header, records, pseudonymiser
                )
                checksum_owner[facts.checksum] = display
                file_result = FileResult(
                    display, table.name, facts.checksum, facts.encoding, "loaded", rows_read
                )
            to_account.append(file_result)
            result.files.append(file_result)
        batch.flush()
        _reject_unknown_references(con, table)
        _reject_duplicate_keys(con, table)
        con.execute(f"insert into {RAW_SCHEMA}.{table.name} select * from _incoming")
        _insert_rejects(con, table, to_account, loaded_at)
        _account(con, table, to_account, loaded_at)
        con.execute("drop table _incoming")
        con.execute("drop table _row_rejects")
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result


def _forget_file(con: duckdb.DuckDBPyConnection, table: Table, display: str) -> None:
    """A file re-landed with new bytes replaces everything its old version left."""
    con.execute(f"delete from {RAW_SCHEMA}.{table.name} where _source_file = ?", [display])
    con.execute(f"delete from {RAW_SCHEMA}._rejects where source_file = ?", [display])
    con.execute(f"delete from {RAW_SCHEMA}._load_accounting where source_file = ?", [display])


def _insert_rejects(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    files: list[FileResult],
    loaded_at: datetime,
) -> None:
    checksums = pa.table(  # noqa: F841 - read by DuckDB's replacement scan
        {
            "source_file": pa.array([f.source_file for f in files], pa.string()),
            "file_checksum": pa.array([f.file_checksum for f in files], pa.string()),
        }
    )
    con.execute(
        f"""
        insert into {RAW_SCHEMA}._rejects
        select r.source_file, ?, c.file_checksum, r.row_number, r.column_name, r.reason_code,
               r.reason, ?
        from _row_rejects r join checksums c using (source_file)
        order by r.source_file, r.row_number, r.column_name
        """,
        [table.name, loaded_at],
    )


def _account(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    files: list[FileResult],
    loaded_at: datetime,
) -> None:
    """Count loaded and rejected rows per file and prove that nothing was lost."""
    for f in files:
        if f.status == "loaded":
            f.rows_loaded = con.execute(
                f"select count(*) from {RAW_SCHEMA}.{table.name} where _source_file = ?",
                [f.source_file],
            ).fetchone()[0]
            f.rows_rejected = con.execute(
                "select count(distinct row_number) from _row_rejects where source_file = ?",
                [f.source_file],
            ).fetchone()[0]
            if f.rows_read != f.rows_loaded + f.rows_rejected:
                raise AssertionError(
                    f"{f.source_file}: rows read {f.rows_read} != rows loaded {f.rows_loaded} "
                    f"+ rows rejected {f.rows_rejected}; the load was rolled back"
                )
        con.execute(
            f"insert into {RAW_SCHEMA}._load_accounting values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                f.source_file,
                f.table_name,
                f.file_checksum,
                f.encoding,
                f.status,
                f.rows_read,
                f.rows_loaded,
                f.rows_rejected,
                loaded_at,
            ],
        )


__all__ = [
    "FileResult",
    "LandingFileError",
    "TableLoadResult",
    "discover_files",
    "ensure_raw_schema",
    "load_table",
]
