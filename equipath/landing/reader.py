"""Opening one landing file: bytes → checksum, encoding, header map and records.

Everything that makes a *whole file* unusable is decided here and raised as
`LandingFileError`, whose message names the file, the problem and the fix.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from equipath.landing.contract import Table

csv.field_size_limit(16 * 1024 * 1024)

_CHUNK = 1 << 20
# Tried in order. UTF-8 (a BOM tolerated) is the contract; Windows-1252 is what Excel on
# Windows writes when asked for "CSV", and it is the only fallback: it rejects the byte
# values it does not define, so binary junk still fails.
ENCODINGS = ("utf-8-sig", "cp1252")


class LandingFileError(Exception):
    """A landing file that cannot be loaded at all."""

    def __init__(self, file: str, problem: str, fix: str) -> None:
        super().__init__(f"{file}: {problem}. Fix: {fix}")
        self.file = file
        self.problem = problem
        self.fix = fix


def _looks_utf16(head: bytes) -> bool:
    """A UTF-16 byte-order mark, or text whose every other byte is NUL (UTF-16 without
    one): worth its own message, since 'binary' would send the sender the wrong way."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:64]
    if len(sample) < 8:
        return False
    return all(b == 0 for b in sample[1::2]) or all(b == 0 for b in sample[0::2])


@dataclass(frozen=True)
class FileFacts:
    """What a first pass over the bytes tells: identity and how to decode it."""

    checksum: str
    encoding: str
    size: int


def inspect_bytes(path: Path, display: str) -> FileFacts:
    """Checksum and encoding in one streaming pass (two if the file is not UTF-8)."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = True
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            digest.update(chunk)
            if b"\x00" in chunk:
                if size == len(chunk) and _looks_utf16(chunk):
                    raise LandingFileError(
                        display,
                        "the file is UTF-16 text (what Excel calls 'Unicode Text'), not UTF-8",
                        "save it as 'CSV UTF-8 (comma delimited)'",
                    )
                raise LandingFileError(
                    display,
                    "the file holds NUL bytes, so it is binary (a spreadsheet or archive?), "
                    "not a CSV text file",
                    "export the sheet as 'CSV UTF-8 (comma delimited)'",
                )
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
        if is_utf8:
            try:
                utf8.decode(b"", final=True)
            except UnicodeDecodeError:
                is_utf8 = False
    if size == 0:
        raise LandingFileError(
            display,
            "the file is empty (0 bytes, not even a header row)",
            "re-export it with its header row; delete the file if nothing was meant to land",
        )
    if is_utf8:
        return FileFacts(digest.hexdigest(), "utf-8", size)
    fallback = codecs.getincrementaldecoder("cp1252")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(_CHUNK):
                fallback.decode(chunk)
            fallback.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise LandingFileError(
                display,
                f"the file is not UTF-8 (byte 0x{exc.object[exc.start]:02x} near byte "
                f"{exc.start}) nor Windows-1252 text",
                "export it as 'CSV UTF-8'",
            ) from exc
    return FileFacts(digest.hexdigest(), "cp1252", size)


@dataclass(frozen=True)
class Header:
    """Where each contract column sits in the file, and which columns are extra."""

    positions: dict[str, int]  # contract column -> field index
    extras: dict[str, int]  # extra column (as written) -> field index
    width: int


def _delimiter_hint(line: str) -> str | None:
    for delimiter, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "pipes")):
        if delimiter in line and "," not in line:
            return name
    return None


def read_header(fields: list[str], table: Table, display: str) -> Header:
    """Match header names case-insensitively, ignoring surrounding spaces and a BOM."""
    names = [f.replace("\ufeff", "").strip().lower() for f in fields]
    if len(names) == 1:
        hint = _delimiter_hint(fields[0])
        if hint:
            raise LandingFileError(
                display,
                f"the header is separated by {hint}, not commas",
                "export with comma as the delimiter (RFC 4180 CSV)",
            )
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in seen and name:
            raise LandingFileError(
                display,
                f"column '{name}' appears twice in the header (columns {seen[name] + 1} "
                f"and {index + 1})",
                "remove or rename one of them",
            )
        seen[name] = index
    contract = {c.name for c in table.columns}
    missing = [c.name for c in table.columns if c.name not in seen and not c.optional_in_header]
    if missing:
        raise LandingFileError(
            display,
            f"required column(s) missing from the header: {', '.join(missing)} "
            f"(found: {', '.join(n for n in names if n) or 'none'})",
            f"add the missing column(s); {table.name} needs "
            f"{', '.join(table.column_names)} (any order, any case)",
        )
    positions = {name: seen[name] for name in contract if name in seen}
    extras = {
        fields[i].replace("\ufeff", "").strip(): i
        for i, name in enumerate(names)
        if name not in contract and name
    }
    return Header(positions, extras, len(fields))


def iter_records(
    path: Path, facts: FileFacts, table: Table, display: str
) -> tuple[Header, Iterator[tuple[int, list[str]]]]:
    """The header and a stream of (row_number, fields); header is row 1."""
    encoding = "utf-8-sig" if facts.encoding == "utf-8" else facts.encoding
    fh = open(path, encoding=encoding, newline="")  # noqa: SIM115 - closed by records()
    reader = csv.reader(fh, strict=True)
    try:
        first = next(reader)
    except StopIteration:
        fh.close()
        raise LandingFileError(
            display, "the file has no header row", "re-export it with its header row"
        ) from None
    except csv.Error as exc:
        fh.close()
        raise LandingFileError(
            display, f"the header row is not valid CSV ({exc})", "re-export as RFC 4180 CSV"
        ) from exc
    try:
        header = read_header(first, table, display)
    except LandingFileError:
        fh.close()
        raise

    def records() -> Iterator[tuple[int, list[str]]]:
        row_number = 1
        try:
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise LandingFileError(
                        display,
                        f"row {row_number + 1} is not valid CSV ({exc}); the file cannot be "
                        "split into rows reliably after it",
                        "check quoting around that row: a field with a comma, quote or "
                        'line break must be in double quotes, and a quote inside it doubled ("")',
                    ) from exc
                row_number += 1
                if not fields:  # a blank line is not a record
                    continue
                yield row_number, fields
        finally:
            fh.close()

    return header, records()
