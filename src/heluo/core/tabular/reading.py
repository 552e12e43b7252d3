"""Reading a spreadsheet: .xlsx/.xls/.ods through calamine, .csv through the csv module.

CSV encodings: UTF-8 with or without the byte-order mark Excel writes, else GB18030 (a superset of
GBK that also covers the rare characters of Chinese names).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}


class UnreadableFile(ValueError):
    """The file is not a table Heluo can read; the message says why, for the user."""


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
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        return _rows(sheet.to_python(skip_empty_area=False))
    except (CalamineError, Exception) as error:  # calamine raises several unrelated types for a broken file
        raise UnreadableFile(_("The spreadsheet cannot be read: %(error)s") % {"error": error}) from error
