"""The cooperation ledger's 2018 page in a real browser, at desktop and phone width: a continuing project
set to complete with its completed investment changes the figures and the sentence; "copy as text"
copies the sentence."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from .conftest import Served, log_in, screenshot

# One continuing project of the demo's 2018 per viewport (they share the server), with its total in 元.
PROJECTS = {"desktop": ("古城墙遗址公园项目", "500000000"), "phone": ("瀍河片区城市更新项目", "350000000")}


def _count(page: Any, key: str) -> int:
    text = page.locator(f"[data-figure='enterprise.cooperation.{key}']").inner_text()
    return int(re.sub(r"\D", "", text))


def test_setting_a_project_complete_changes_the_figures_and_the_sentence(page: Any, served: Served) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    log_in(page, "laocheng")
    page.goto("/enterprise/cooperation/years/2018/")
    sentence = page.locator("[data-testid=copy-text-body]")
    before = sentence.inner_text()
    assert before.startswith("2018年,老城区纳入全市地企合作工作台账项目12个")
    completed, continuing = _count(page, "completed"), _count(page, "continuing")
    investment = page.locator("[data-figure='enterprise.cooperation.completed_investment']").inner_text()
    screenshot(page, "cooperation-2018")

    name, total = PROJECTS[page.viewport_name]
    row = page.locator(f"[data-testid='row-{name}']")
    row.locator("select[name$='-state']").select_option(label="完工")
    row.locator("input[name$='-completed_investment']").fill(total)
    with page.expect_navigation():
        row.get_by_role("button", name="保存").click()

    assert _count(page, "completed") == completed + 1
    assert _count(page, "continuing") == continuing - 1
    assert (
        page.locator("[data-figure='enterprise.cooperation.completed_investment']").inner_text() != investment
    )
    after = sentence.inner_text()
    assert after != before
    assert f"目前完工{completed + 1}个" in after and f"继续实施项目{continuing - 1}个" in after
    screenshot(page, "cooperation-2018-edited")

    button = page.locator("[data-testid=copy-text] button")
    button.click()
    expect(button).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == after
