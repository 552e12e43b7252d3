"""A dust inspection on a phone that loses its signal: the grid officer (wangge, 开元路街道) opens their
site list, starts an inspection, goes offline, fails one item with a photo and submits; back online the
queued inspection is sent once, and the case it opened is in the bureau supervisor's (zhujian, 住建局)
case list and inbox with the photo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .conftest import VIEWPORTS, log_in, screenshot
from .test_cases import png

NO_SCROLLBAR = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_an_inspection_finished_offline_is_sent_when_back_online_and_becomes_a_case(
    browser: Any, served: Any, tmp_path: Path
) -> None:
    photo = png(tmp_path / "裸土未覆盖.png")
    context = browser.new_context(base_url=served.url, locale="zh-CN", **VIEWPORTS["phone"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.viewport_name = "phone"
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "wangge")
    page.goto("/dust/sites/?state=under_construction")
    page.locator("td a[href^='/dust/sites/']").first.click()
    page.click("[data-testid=site-inspect]")
    page.wait_for_url("**/inspect/")
    items = page.locator("[data-testid=inspection-item]")
    items.first.wait_for()
    count = items.count()
    assert count == 7  # 7个100%, the checklist of a site under construction
    assert not errors, errors  # the page's script runs under the CSP
    assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"

    context.set_offline(True)
    for index in range(count):
        items.nth(index).locator("[data-testid=outcome-pass]").click()
    failed = items.nth(1)
    failed.locator("[data-testid=outcome-fail]").click()
    failed.locator("input[name^=note-]").fill("物料堆放未覆盖防尘网")
    failed.locator("[data-testid=item-photo-input]").set_input_files(str(photo))
    failed.locator("[data-testid=item-photo]").wait_for()
    screenshot(page, "dust-inspection")
    page.click("[data-testid=inspection-submit]")
    status = page.locator("[data-testid=inspection-status]")
    status.locator("text=已保存在本机").wait_for()
    assert page.locator("[data-testid=inspection-retry]").is_visible()

    context.set_offline(False)
    case_link = status.locator("[data-testid=inspection-case]")
    case_link.wait_for(timeout=30_000)
    assert case_link.count() == 1
    number = case_link.inner_text().strip()
    case_url = case_link.get_attribute("href")
    assert not page.locator("[data-testid=inspection-retry]").is_visible()
    # Sent exactly once: the queue is empty.
    queued = (
        "() => new Dexie('heluo-dust-' + document.getElementById('inspection').dataset.user).open()"
        ".then((db) => db.table('queue').count())"
    )
    assert page.evaluate(queued) == 0
    context.close()

    context = browser.new_context(base_url=served.url, locale="zh-CN", **VIEWPORTS["phone"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, "zhujian")
    page.goto(f"/cases/cases/?q={number}")
    assert page.locator(f"a[href='{case_url}']").count() >= 1
    page.goto("/core/inbox/")
    page.locator(f"a[href='{case_url}']").first.click()
    page.wait_for_url(f"**{case_url}")
    page.locator("[data-testid=event-photo]").first.wait_for()
    assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"
    context.close()
