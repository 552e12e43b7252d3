"""Excel import (validate + write) and export of one ledger model, against django-import-export importing
the same file into the same model, in the same run (the ratio is the figure to read).

Runs in a fresh SQLite installation in a temporary data directory. BENCH_ROWS (default 100,000) sets the
size; django-import-export reads the same file.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
from typing import Any

from benchmarks.installation import install

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
XIGUAN = "410302001000"


def _units_file(rows: int, prefix: str) -> bytes:
    import xlsxwriter

    from heluo.core.identifiers import credit_code_check_char

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["名称", "单位类型", "行政区划", "统一社会信用代码", "联系人", "联系电话"])
    for n in range(1, rows + 1):
        first17 = f"9141030{prefix}{n:09d}"
        sheet.write_row(
            n,
            0,
            [
                f"基准企业{prefix}{n:06d}",
                "企业",
                XIGUAN,
                first17 + credit_code_check_char(first17),
                "王先生",
                "13800000000",
            ],
        )
    book.close()
    return buffer.getvalue()


def _import_export_resource() -> Any:
    from import_export import fields, resources, widgets

    from heluo.core.models import Division, Unit, UnitType

    class UnitResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="名称")
        unit_type = fields.Field(
            attribute="unit_type", column_name="单位类型", widget=widgets.ForeignKeyWidget(UnitType, "name")
        )
        division = fields.Field(
            attribute="division", column_name="行政区划", widget=widgets.ForeignKeyWidget(Division, "code")
        )
        credit_code = fields.Field(attribute="credit_code", column_name="统一社会信用代码")
        contact_name = fields.Field(attribute="contact_name", column_name="联系人")
        contact_phone = fields.Field(attribute="contact_phone", column_name="联系电话")

        class Meta:
            model = Unit
            fields = ("name", "unit_type", "division", "credit_code", "contact_name", "contact_phone")
            import_id_fields = ("credit_code",)
            clean_model_instances = True  # the model's own validation, as Heluo does
            skip_unchanged = True

    return UnitResource()


def run() -> list[tuple[str, float, str]]:
    install("transfer")
    import tablib

    from heluo.core import ledgers
    from heluo.core.models import Unit
    from heluo.core.services import accounts, divisions, transfer

    operator = accounts.system_operator()
    divisions.load_divisions("410302", user=operator)
    heluo_file = _units_file(ROWS, "1")
    other_file = _units_file(ROWS, "2")

    started = time.perf_counter()
    summary = transfer.import_file(ledgers.unit, operator, "units.xlsx", heluo_file, apply=True)
    import_seconds = time.perf_counter() - started
    assert summary["written"] and summary["counts"]["created"] == ROWS, summary["errors"][:3]

    started = time.perf_counter()
    with tempfile.TemporaryFile() as target:
        count = transfer.export(ledgers.unit, operator, target)
    export_seconds = time.perf_counter() - started
    assert count == ROWS

    dataset = tablib.Dataset().load(io.BytesIO(other_file).read(), format="xlsx")
    started = time.perf_counter()
    result = _import_export_resource().import_data(
        dataset, dry_run=False, raise_errors=True, use_transactions=True
    )
    other_seconds = time.perf_counter() - started
    assert not result.has_errors() and Unit.objects.count() == 2 * ROWS

    heluo_rate, other_rate = ROWS / import_seconds, ROWS / other_seconds
    small, large = _export_peak_memory(ROWS // 10), _export_peak_memory(ROWS // 2)
    return [
        (f"import {ROWS:,} units (Heluo: validate + write)", heluo_rate, "rows/s"),
        (f"import {ROWS:,} units (django-import-export)", other_rate, "rows/s"),
        ("import: Heluo ÷ django-import-export", heluo_rate / other_rate, "ratio"),
        (f"export {ROWS:,} units to .xlsx (Heluo, streaming)", ROWS / export_seconds, "rows/s"),
        (f"export peak Python memory, {ROWS // 10:,} rows", small, "MB"),
        (f"export peak Python memory, {ROWS // 2:,} rows", large, "MB"),
    ]


def _export_peak_memory(rows: int) -> float:
    """Peak memory Python allocates while exporting `rows` rows (flat when the export streams)."""
    import tracemalloc

    from heluo.core import ledgers
    from heluo.core.models import Unit
    from heluo.core.services.accounts import system_operator
    from heluo.core.tabular.writing import export_xlsx

    queryset = Unit.objects.filter(pk__in=Unit.objects.order_by("pk").values("pk")[:rows])
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as target:
        tracemalloc.start()
        export_xlsx(ledgers.unit, queryset, system_operator(), target.name)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 1024 / 1024
