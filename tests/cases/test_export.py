"""The case list in Excel: its workflow fields (state, deadline …) are exported for reading and ignored
when the file comes back, so a re-imported export changes nothing."""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from heluo.cases.ledgers import case as case_ledger
from heluo.core.services import transfer


def test_workflow_columns_are_exported_and_ignored_on_import(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("in_progress", title="导出的督办事项")
    data = transfer.export_to_bytes(case_ledger, users["duban"], f"q={case.number}")[1]
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    header = rows[0]
    assert {"督办编号", "状态", "截止日期"} <= set(header)
    row = rows[1]
    assert row[header.index("督办编号")] == case.number
    assert row[header.index("状态")] == case.get_state_display()
    # The deadline's last day (the page's 办结时限), not 00:00 of the day after.
    assert row[header.index("截止日期")].date() == case.due_date
    summary = transfer.import_file(case_ledger, users["duban"], "cases.xlsx", data, apply=True)
    assert summary["error_count"] == 0, summary["errors"]
    assert summary["counts"] == {"created": 0, "updated": 0, "unchanged": 1, "refused": 0}
