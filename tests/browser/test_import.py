"""The Excel round trip in a browser: export the unit list, change one name and add one row with
openpyxl, import, read the preview (1 updated, 1 created), confirm, and find both in the list and
in their history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from heluo.core.identifiers import credit_code_check_char

from .conftest import log_in, open_menu_item, screenshot


def test_export_edit_import_round_trip(page: Any, tmp_path: Path) -> None:
    suffix = page.viewport_name
    log_in(page, "laocheng")
    open_menu_item(page, "单位")
    page.wait_for_url("**/core/units/")
    with page.expect_download() as download:
        page.click("[data-testid=export]")
    exported = tmp_path / "units.xlsx"
    download.value.save_as(exported)

    book = openpyxl.load_workbook(exported)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers[0] == "记录ID" and headers[-1] == "版本号"
    row = next(
        r
        for r in sheet.iter_rows(min_row=2)
        if r[1].value == "西关街道办事处" or r[1].value.startswith("西关街道办事处")
    )
    old_name = row[1].value
    new_name = f"西关街道办事处（{suffix}）"
    row[1].value = new_name
    added = f"往返导入企业{suffix}"
    first17 = f"91410302MA{abs(hash(suffix)) % 10**7:07d}"
    values = {
        "名称": added,
        "单位类型": "企业",
        "行政区划": "410302001000",
        "统一社会信用代码": first17 + credit_code_check_char(first17),
    }
    sheet.append([values.get(h) for h in headers])
    edited = tmp_path / "edited.xlsx"
    book.save(edited)

    page.goto("/core/units/")
    page.click("[data-testid=import]")
    page.set_input_files("#id_file", str(edited))
    page.click("[data-testid=upload]")
    page.wait_for_selector("[data-testid=job-status][data-state=succeeded]")
    assert page.locator("[data-testid=count-updated]").inner_text() == "1"
    assert page.locator("[data-testid=count-created]").inner_text() == "1"
    assert page.locator("[data-testid=count-refused]").inner_text() == "0"
    screenshot(page, "import-preview")
    page.click("[data-testid=confirm-import]")
    page.wait_for_selector("[data-testid=import-done]")
    screenshot(page, "import-done")

    for name, kind in ((new_name, "修改"), (added, "新建")):
        page.goto("/core/units/?q=" + name)
        page.locator("#ledger-table").get_by_role("link", name=name).click()
        page.click("[data-testid=history-tab]")
        entry = page.locator(".heluo-history-entry").first
        assert kind in entry.inner_text() and "老城区管理员" in entry.inner_text()
        if kind == "修改":
            assert old_name in entry.inner_text() and new_name in entry.inner_text()
