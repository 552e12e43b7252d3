"""Spreadsheets that would eat the web process's memory are refused before any cell is read: from the
sheet's declared dimension, and from its cell references as the XML streams (a dimension can lie). A file
that is no spreadsheet is told so in Chinese."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
import xlsxwriter

from heluo.core.services import jobs
from heluo.core.tabular import reading
from heluo.core.tabular.reading import UnreadableFile, declared_cells, read_table, xlsx_extent


def sparse_xlsx(row: int = 399_999, col: int = 99) -> bytes:
    """A header and one cell at CV400000: a few kB that calamine would lay out as 40 million cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["名称", "单位类型"])
    sheet.write(row, col, "x")
    book.close()
    return buffer.getvalue()


def _with_dimension(data: bytes, ref: str | None) -> bytes:
    """The same workbook with its first sheet's dimension changed (or removed)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                replacement = f'<dimension ref="{ref}"/>'.encode() if ref else b""
                content = re.sub(rb"<dimension ref=\"[^\"]*\"/>", replacement, content)
            target.writestr(item, content)
    return out.getvalue()


@pytest.fixture
def no_calamine(monkeypatch: Any) -> None:
    """Fails the test if calamine is asked to read the file."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("calamine read a file that should have been refused before")

    monkeypatch.setattr(reading.CalamineWorkbook, "from_filelike", refuse)


def test_a_sparse_sheet_is_refused_from_its_declared_dimension(no_calamine: None) -> None:
    data = sparse_xlsx()
    assert len(data) < 8000
    assert declared_cells("units.xlsx", data) == 400_000 * 100
    with pytest.raises(UnreadableFile, match=r"过大|too large"):
        read_table("units.xlsx", data)


@pytest.mark.parametrize("dimension", ["A1:B2", None])
def test_a_sheet_whose_dimension_lies_is_refused_while_its_cells_stream(
    no_calamine: None, dimension: str | None
) -> None:
    data = _with_dimension(sparse_xlsx(), dimension)
    assert declared_cells("units.xlsx", data) <= 4
    with pytest.raises(UnreadableFile):
        xlsx_extent(data)
    with pytest.raises(UnreadableFile):
        read_table("units.xlsx", data)


def test_an_ordinary_sheet_is_read_and_measured() -> None:
    data = sparse_xlsx(row=3, col=1)
    extent = xlsx_extent(data)
    assert (extent.rows, extent.columns) == (4, 2)
    table = read_table("units.xlsx", data)
    assert table.headers == ["名称", "单位类型"] and [n for n, _cells in table.rows] == [4]


def test_a_file_declaring_a_large_sheet_is_read_by_the_worker_not_the_web_process() -> None:
    assert jobs.small_file("units.xlsx", sparse_xlsx(row=3, col=1))
    assert not jobs.small_file("units.xlsx", sparse_xlsx(row=2000, col=99))


@pytest.mark.parametrize(("name", "data"), [("x.xlsx", b"not a zip at all"), ("x.xls", b"\x00\x01garbage"),
                                            ("x.ods", b"PK\x03\x04broken"), ("x.xlsx", b"PK\x05\x06" + bytes(18))])  # fmt: skip
def test_a_file_that_is_no_spreadsheet_is_told_so_in_chinese(name: str, data: bytes) -> None:
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(UnreadableFile) as refused:
        read_table(name, data)
    message = str(refused.value)
    assert "电子表格" in message and "Error" not in message and "zip" not in message.lower()


def test_the_import_page_says_in_chinese_that_a_file_is_no_spreadsheet(client_as: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("laocheng")
    upload = SimpleUploadedFile("units.xlsx", b"this is a text file, not a workbook")
    response = client.post("/core/units/import/", {"file": upload}, follow=True)
    assert "电子表格" in response.content.decode()
