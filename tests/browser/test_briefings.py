"""Briefings in a real browser, at desktop and phone width: a district administrator opens the briefings
from the sidebar, reads last month's briefing of the district and opens it as a document."""

from __future__ import annotations

from typing import Any

from .conftest import Served, log_in, open_menu_item, screenshot

NO_SCROLLBAR = "document.documentElement.scrollWidth <= window.innerWidth"


def test_a_district_reads_its_briefing(page: Any, served: Served) -> None:
    made = served.heluo("briefings", "generate", "--period", "month", "--division", "410302000000")
    assert made.returncode == 0, made.stderr
    log_in(page, "laocheng")
    open_menu_item(page, "工作简报")
    page.wait_for_url("**/dashboards/briefings/")
    screenshot(page, "briefing-list")
    if page.viewport_name == "phone":
        assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"
    page.locator("[data-testid=briefing-list] a", has_text="老城区月报").first.click()
    page.wait_for_url("**/dashboards/briefings/*/")
    screenshot(page, "briefing-detail")
    if page.viewport_name == "phone":
        assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"
