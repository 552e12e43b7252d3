"""Reading a spreadsheet: .xlsx/.xls/.ods through calamine, .csv through the csv module.

CSV encodings: UTF-8 with or without the byte-order mark Excel writes, else GB18030 (a superset of
GBK that also covers the rare characters of Chinese names).

calamine lays a sheet out as a dense grid of its used range: a 1.6 kB .xlsx with one cell at CV400000
asks for 40 million cells. So an .xlsx is measured before calamine sees it: the sheet's declared
dimension first, then the cell references as its XML streams by (a dimension can lie), refused past
MAX_ROWS rows or MAX_CELLS cells without a grid ever being made.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}
ZIPPED_SUFFIXES = {".xlsx", ".xlsm"}
# A ledger's import: up to 200,000 rows, and no sheet wider than 5 million cells in all.
MAX_ROWS = 200_000
MAX_CELLS = 5_000_000
_CHUNK = 1 << 20
_DIMENSION = re.compile(rb"<dimension\s+ref=\"([A-Z]*)(\d*):?([A-Z]*)(\d*)\"")
_CELL_REF = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"")
_CELL = re.compile(rb"<c[\s>/]")

logger = logging.getLogger("heluo.tabular")


class UnreadableFile(ValueError):
    """The file is not a table Heluo can read; the message says why, for the user."""


def _not_a_spreadsheet() -> UnreadableFile:
    return UnreadableFile(
        _(
            "The file is not a spreadsheet that can be read (.xlsx, .xls, .ods or .csv). Open it in Excel "
            "or WPS and save it again as .xlsx, or start from the template."
        )
    )


def _too_large(rows: int, cells: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "The sheet is too large to import: it spans %(rows)s rows and %(cells)s cells (at most "
            "%(max_rows)s rows and %(max_cells)s cells). Delete the empty rows and columns after the "
            "table, or split the file."
        )
        % {
            "rows": f"{rows:,}",
            "cells": f"{cells:,}",
            "max_rows": f"{MAX_ROWS:,}",
            "max_cells": f"{MAX_CELLS:,}",
        }
    )


def column_number(letters: bytes) -> int:
    """A = 1, Z = 26, AA = 27 …"""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass(frozen=True)
class Extent:
    """How far a sheet reaches: its last row and column (1-based)."""

    rows: int
    columns: int

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def check(self) -> None:
        if self.rows > MAX_ROWS + 1 or self.cells > MAX_CELLS:
            raise _too_large(self.rows, self.cells)


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The part of the workbook's first sheet (the one calamine reads), from workbook.xml and its rels."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError as error:
        raise _not_a_spreadsheet() from error
    first = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", workbook)
    if first is None:
        raise _not_a_spreadsheet()
    for relation in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = relation.group(0)
        if re.search(rb'\bId="' + re.escape(first.group(1)) + rb'"', tag):
            target = re.search(rb'\bTarget="([^"]+)"', tag)
            if target is not None:
                path = target.group(1).decode()
                return path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    raise _not_a_spreadsheet()


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The stream in chunks that overlap by a little, so that no tag is cut in two unseen."""
    tail = b""
    while chunk := stream.read(_CHUNK):
        yield tail + chunk
        tail = chunk[-256:]


def xlsx_extent(data: bytes) -> Extent:
    """How far the first sheet of an .xlsx reaches, refused (TooLarge as UnreadableFile) as soon as it
    is past the limits: its declared dimension is read first, then its cells as the XML streams."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise _not_a_spreadsheet() from error
    with archive:
        try:
            stream = archive.open(_first_sheet(archive))
        except KeyError as error:
            raise _not_a_spreadsheet() from error
        with stream:
            rows = columns = cells = 0
            checked_dimension = False
            for chunk in _chunks(stream):
                if not checked_dimension:
                    checked_dimension = True
                    declared = _declared(chunk)
                    if declared is not None:
                        declared.check()
                for reference in _CELL_REF.finditer(chunk):
                    rows = max(rows, int(reference.group(2)))
                    columns = max(columns, column_number(reference.group(1)))
                cells += len(_CELL.findall(chunk))
                Extent(rows, columns).check()
                if cells > MAX_CELLS:
                    raise _too_large(rows, cells)
    return Extent(rows, columns)


def declared_cells(name: str, data: bytes) -> int:
    """The cells an .xlsx's first sheet declares (rows × columns of its dimension; 0 when it declares
    none or is not an .xlsx): what decides, besides its size in bytes, whether to read it in the worker."""
    if PurePath(name).suffix.lower() not in ZIPPED_SUFFIXES:
        return 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(_first_sheet(archive)) as stream:
            declared = _declared(stream.read(_CHUNK))
    except (zipfile.BadZipFile, KeyError, UnreadableFile):
        return 0
    return declared.cells if declared is not None else 0


def _declared(head: bytes) -> Extent | None:
    """The extent a sheet's <dimension ref="A1:CV400000"/> (or its one cell, "CV400000") declares."""
    found = _DIMENSION.search(head)
    if found is None:
        return None
    letters, digits = (found.group(3), found.group(4)) if found.group(4) else (found.group(1), found.group(2))
    if not digits or not letters:
        return None
    return Extent(int(digits), column_number(letters))


@dataclass
class Table:
    headers: list[str]
    # (the row's number as the spreadsheet shows it, its cells)
    rows: list[tuple[int, list[Any]]]


def decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise UnreadableFile(_("The CSV file is neither UTF-8 nor GB18030/GBK text.")) from error


def _rows(raw: list[list[Any]]) -> Table:
    if not raw:
        raise UnreadableFile(_("The file is empty."))
    headers = [str(h).strip() if h is not None else "" for h in raw[0]]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        cells = list(cells[: len(headers)]) + [""] * (len(headers) - len(cells))
        if any(c not in (None, "") for c in cells):
            rows.append((number, cells))
    return Table(headers, rows)


def read_table(name: str, data: bytes) -> Table:
    """The first sheet (or the CSV) as a header row and numbered data rows; blank rows skipped."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        text = decode_csv(data)
        return _rows([row for row in csv.reader(io.StringIO(text))])
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            _("Files of type %(suffix)s cannot be imported: use .xlsx, .xls, .ods or .csv.")
            % {"suffix": suffix or "?"}
        )
    if suffix in ZIPPED_SUFFIXES:
        xlsx_extent(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        raw = sheet.to_python(skip_empty_area=False)
    except (CalamineError, Exception) as error:  # calamine raises several unrelated types for a broken file
        logger.info("unreadable spreadsheet %s: %s", name, error)
        raise _not_a_spreadsheet() from error
    if len(raw) > MAX_ROWS + 1:
        raise _too_large(len(raw), sum(len(row) for row in raw))
    return _rows(raw)
