"""The project ledger's Excel round trip for bulk work: one file updates projects by their record ID and
adds new ones; a row without an ID that repeats a project's name and local party is refused, naming it."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from heluo.core.services import transfer
from heluo.enterprise.cooperation import ledgers
from heluo.enterprise.cooperation.models import CooperationProject

from .factories import XIGUAN, YI, project

pytestmark = pytest.mark.django_db


def exported(user: Any, made: CooperationProject) -> list[list[Any]]:
    _name, data, _count = transfer.export_to_bytes(ledgers.project, user, f"q={made.name}")
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def _cell(cell: Any) -> Any:
    # Whole numbers read back from the sheet as floats; written as integers a form reads them.
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return "" if cell is None else cell


def as_csv(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_cell(cell) for cell in row])
    return out.getvalue().encode()


def test_one_file_updates_projects_by_id_and_adds_new_ones(users: dict[str, Any]) -> None:
    user = users["laocheng"]
    made = project(XIGUAN, total=2 * YI)
    header, row = exported(user, made)[:2]
    total = header.index("总投资（元）")
    name = header.index("名称")
    changed = list(row)
    changed[total] = 250000000
    added = list(row)
    added[0] = ""  # no record ID: a new project
    added[-1] = ""
    added[name] = "新增的地企合作项目"
    summary = transfer.import_file(
        ledgers.project, user, "bulk.csv", as_csv([header, changed, added]), apply=True
    )
    assert summary["error_count"] == 0, summary["errors"]
    made.refresh_from_db()
    assert made.total_investment == Decimal(250000000)
    fresh = CooperationProject.objects.get(name="新增的地企合作项目")
    assert set(fresh.partners.all()) == set(made.partners.all()) and fresh.local_party == made.local_party


def test_a_row_without_id_repeating_a_projects_name_and_local_party_is_refused(users: dict[str, Any]) -> None:
    user = users["laocheng"]
    made = project(XIGUAN)
    header, row = exported(user, made)[:2]
    again = list(row)
    again[0] = ""
    again[-1] = ""
    before = CooperationProject.objects.count()
    summary = transfer.import_file(ledgers.project, user, "again.csv", as_csv([header, again]), apply=True)
    assert summary["error_count"] == 1
    assert CooperationProject.objects.count() == before
