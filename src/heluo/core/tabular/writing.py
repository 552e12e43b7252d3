"""Writing a ledger to .xlsx: the export (streaming) and the import template.

The export streams (xlsxwriter in constant-memory mode, rows read with .iterator()): 100,000 rows never
sit in memory at once. The record ID comes first and the row version last, so that a re-import can
update each row and refuse one changed since the export.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.dates import EXCEL_DATE, EXCEL_DATETIME
from heluo.core.modules import SENSITIVE_MODULES
from heluo.core.tabular.columns import (
    ID_HEADER,
    VERSION_HEADER,
    Kind,
    cell_value,
    columns_for,
    read_only_columns_for,
)
from heluo.core.tabular.keys import BY_NAME
from heluo.core.tabular.watermark import watermark_png, watermark_text

CHUNK = 2000
MAX_WIDTH = 60
Progress = Callable[[int], None]


def new_workbook(target: str | IO[bytes], **options: Any) -> xlsxwriter.Workbook:
    """A workbook for Heluo's exports: every string written stays text. A unit name or a case title such
    as `=HYPERLINK(...)` or `=cmd|...` is never a formula, a link or a number when the file is opened."""
    return xlsxwriter.Workbook(
        target,
        {**options, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )


def display_width(text: str) -> int:
    """Width in Excel's character units: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class Sheet:
    """A worksheet with Heluo's formats that remembers the widest cell of each column."""

    def __init__(self, workbook: xlsxwriter.Workbook, name: str, headers: list[str]) -> None:
        self.sheet = workbook.add_worksheet(name[:31])
        self.header = workbook.add_format(
            {"bold": True, "bg_color": "#E7EEF9", "border": 1, "text_wrap": True}
        )
        self.formats = {
            Kind.DATE: workbook.add_format({"num_format": EXCEL_DATE}),
            Kind.DATETIME: workbook.add_format({"num_format": EXCEL_DATETIME}),
            Kind.DECIMAL: workbook.add_format({"num_format": "#,##0.00"}),
            Kind.INTEGER: workbook.add_format({"num_format": "0"}),
            Kind.TEXT: workbook.add_format({"num_format": "@"}),
        }
        self.widths = [display_width(h) for h in headers]
        self.sheet.write_row(0, 0, headers, self.header)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def write(self, kinds: list[str], values: list[Any]) -> None:
        for col, (kind, value) in enumerate(zip(kinds, values, strict=True)):
            if isinstance(value, dt.datetime):
                self.sheet.write_datetime(
                    self.row, col, timezone.localtime(value).replace(tzinfo=None), self.formats[Kind.DATETIME]
                )
                width = 16
            elif isinstance(value, dt.date):
                self.sheet.write_datetime(self.row, col, value, self.formats[Kind.DATE])
                width = 10
            elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                self.sheet.write_number(
                    self.row, col, float(value), self.formats.get(kind, self.formats[Kind.DECIMAL])
                )
                width = len(str(value))
            else:
                text = str(value)
                # Text cells stay text: a phone number or a credit code must not become a number.
                self.sheet.write_string(self.row, col, text, self.formats[Kind.TEXT])
                width = display_width(text)
            self.widths[col] = max(self.widths[col], width)
        self.row += 1

    def finish(self) -> None:
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, min(MAX_WIDTH, width + 2))


def is_watermarked(model: type[models.Model]) -> bool:
    """Exports of sensitive rows (masked fields, logged views, a sensitive module's rows) say whose they are."""
    return bool(
        getattr(model, "sensitive_fields", ())
        or getattr(model, "access_logged", False)
        or getattr(model, "scope_module", None) in SENSITIVE_MODULES
    )


def export_xlsx(
    ledger: Any,
    queryset: models.QuerySet,
    user: Any,
    target: str | IO[bytes],
    progress: Progress | None = None,
) -> int:
    """Write `queryset` (already scoped and filtered) as the ledger's spreadsheet; returns the row count."""
    columns = columns_for(ledger) + read_only_columns_for(ledger)
    headers = [str(ID_HEADER), *(c.header for c in columns), str(VERSION_HEADER)]
    kinds = [Kind.INTEGER, *(c.kind for c in columns), Kind.INTEGER]
    workbook = new_workbook(target, constant_memory=True)
    sheet = Sheet(workbook, str(ledger.verbose_name_plural), headers)
    if is_watermarked(ledger.model):
        mark = watermark_text(user)
        sheet.sheet.set_background(io.BytesIO(watermark_png(mark)))
        sheet.sheet.set_header("&C" + mark.replace("&", "&&"))
        # In the file's properties too, which a copy keeps when its sheets are pasted elsewhere.
        workbook.set_properties({"comments": mark, "keywords": mark})
    rows = ledger.list_queryset(queryset).order_by("pk")
    count = 0
    for obj in rows.iterator(chunk_size=CHUNK):
        sheet.write(kinds, [obj.pk, *(cell_value(c, obj, user) for c in columns), obj.row_version])
        count += 1
        if progress is not None and count % CHUNK == 0:
            progress(count)
    sheet.finish()
    workbook.close()
    return count


def write_template(ledger: Any, target: str | IO[bytes]) -> None:
    """An empty sheet with the ledger's headers (drop-downs for choice columns) and a second sheet that
    explains each column: required or not, type, allowed values, an example."""
    columns = columns_for(ledger)
    workbook = new_workbook(target, in_memory=True)
    sheet = Sheet(workbook, str(ledger.verbose_name_plural), [c.header for c in columns])
    help_sheet = Sheet(
        workbook,
        _("Column guide"),
        [_("Column"), _("Required"), _("Type"), _("Allowed values"), _("Example"), _("Notes")],
    )
    for col, column in enumerate(columns):
        values = [label for _value, label in column.choices]
        if column.key is BY_NAME and column.related is not None:
            # Kinds of things (unit types, grid roles, roles) are few: list them like choices.
            values = [str(row) for row in column.related._default_manager.all()[:200]]
        allowed = "、".join(values)
        # Excel's in-cell list holds at most 255 characters; longer lists stay in the guide only.
        if values and column.kind in (Kind.CHOICE, Kind.RELATION) and len(",".join(values)) <= 255:
            sheet.sheet.data_validation(
                1, col, 10000, col,
                {"validate": "list", "source": values, "error_message": _("Choose one of the listed values.")},
            )  # fmt: skip
        if column.kind == Kind.BOOLEAN:
            sheet.sheet.data_validation(
                1, col, 10000, col, {"validate": "list", "source": [_("Yes"), _("No")]}
            )
        notes = column.help_text
        if column.key is not None:
            notes = " ".join(part for part in (str(column.key.description), notes) if part)
        help_sheet.write(
            [Kind.TEXT] * 6,
            [
                column.header,
                _("Yes") if column.required else _("No"),
                column.type_label(),
                allowed,
                column.example(),
                notes,
            ],
        )
    help_sheet.write(
        [Kind.TEXT] * 6,
        [
            str(ID_HEADER),
            _("No"),
            _("whole number"),
            "",
            "",
            _("Leave empty for new rows; exported rows carry it."),
        ],
    )
    help_sheet.write(
        [Kind.TEXT] * 6,
        [
            str(VERSION_HEADER),
            _("No"),
            _("whole number"),
            "",
            "",
            _("Exported with each row: a row changed since is refused."),
        ],
    )
    sheet.finish()
    help_sheet.finish()
    workbook.close()
