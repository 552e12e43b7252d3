"""The role homes in a real browser: the grid officer (wangge, 开元路街道) on a phone reads their sites, cases
and inspections on one column and reaches the patrol report with one tap; the city leader (lingdao) at a
desktop lands on the cockpit with a menu without the operators' entries."""

from __future__ import annotations

from typing import Any

from .conftest import VIEWPORTS, log_in, screenshot

NO_SCROLLBAR = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _page(browser: Any, served: Any, viewport: str) -> Any:
    context = browser.new_context(base_url=served.url, locale="zh-CN", **VIEWPORTS[viewport])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.viewport_name = viewport
    return page


def test_the_grid_officers_home_on_a_phone_leads_to_the_patrol_report(browser: Any, served: Any) -> None:
    page = _page(browser, served, "phone")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "wangge")
    page.locator("[data-page=grid-officer-home]").wait_for()
    assert page.locator("[data-testid=my-sites] [data-testid=site]").count() > 0
    page.locator("[data-testid=my-cases]").wait_for()
    page.locator("[data-testid=to-inspect]").wait_for()
    button = page.locator("[data-testid=patrol-report]")
    box = button.bounding_box()
    assert box is not None and box["width"] >= 300 and box["height"] >= 44  # a thumb's target, full width
    assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"
    assert not errors, errors
    screenshot(page, "home-grid-officer")
    button.click()
    page.wait_for_url("**/dust/patrol/new/")
    page.context.close()


def test_the_city_leaders_home_at_a_desktop_is_the_cockpit_without_the_operators_entries(
    browser: Any, served: Any
) -> None:
    page = _page(browser, served, "desktop")
    log_in(page, "lingdao")
    page.locator("[data-page=cockpit]").wait_for()
    sidebar = page.locator("#sidebar")
    sidebar.get_by_role("link", name="督办统计", exact=False).first.wait_for()
    assert sidebar.get_by_role("link", name="报文日志").count() == 0
    assert sidebar.get_by_role("link", name="节假日校正").count() == 0
    screenshot(page, "home-leader")
    page.context.close()
