"""DDL of the `raw` schema that extraction writes and dbt's sources read.

Raw value columns are text holding the *normalised* value (ISO dates, upper-case codes,
canonical numbers, keyed hashes in place of direct identifiers); staging models type them.
"""

from __future__ import annotations

from equipath.landing.contract import TABLES, Table

RAW_SCHEMA = "raw"

LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_source_file", "VARCHAR NOT NULL"),  # path relative to the landing folder
    ("_file_checksum", "VARCHAR NOT NULL"),  # sha256 of the file's bytes
    ("_row_number", "INTEGER NOT NULL"),  # spreadsheet row: header = 1, first record = 2
    ("_loaded_at", "TIMESTAMP NOT NULL"),
)
EXTRA_COLUMN = ("_extra_columns", "VARCHAR")  # JSON object of non-contract columns, or null

LOAD_ACCOUNTING_DDL = f"""
create table if not exists {RAW_SCHEMA}._load_accounting (
    source_file     varchar not null,
    table_name      varchar not null,
    file_checksum   varchar not null,
    encoding        varchar,
    status          varchar not null,   -- loaded | duplicate_of:<file>
    rows_read       bigint not null,
    rows_loaded     bigint not null,
    rows_rejected   bigint not null,
    loaded_at       timestamp not null,
    primary key (source_file)
)
"""

REJECTS_DDL = f"""
create table if not exists {RAW_SCHEMA}._rejects (
    source_file     varchar not null,
    table_name      varchar not null,
    file_checksum   varchar not null,
    row_number      integer not null,
    column_name     varchar,
    reason_code     varchar not null,
    reason          varchar not null,
    loaded_at       timestamp not null
)
"""


def raw_table_ddl(table: Table) -> str:
    """`create table` for one contract table in the raw schema."""
    cols = [f"{name} {type_}" for name, type_ in LINEAGE_COLUMNS]
    cols += [f"{name} VARCHAR" for name in table.raw_column_names]
    cols.append(f"{EXTRA_COLUMN[0]} {EXTRA_COLUMN[1]}")
    body = ",\n    ".join(cols)
    return f"create table if not exists {RAW_SCHEMA}.{table.name} (\n    {body}\n)"


def all_ddl() -> list[str]:
    """Every statement needed to create the raw schema from nothing (idempotent)."""
    stmts = [f"create schema if not exists {RAW_SCHEMA}", LOAD_ACCOUNTING_DDL, REJECTS_DDL]
    stmts += [raw_table_ddl(t) for t in TABLES]
    return stmts
