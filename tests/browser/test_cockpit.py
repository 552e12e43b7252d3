"""The cockpit in a real browser: the city leader's cockpit draws every panel's chart at desktop and phone
width, and the wall mode shows one panel at a time, turning to the next after its interval unless paused."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import log_in, screenshot

NO_SCROLLBAR = "document.documentElement.scrollWidth <= window.innerWidth"
LEADER_PANELS = ["supervision", "air", "dust", "party", "studyrooms", "enterprise"]


def test_the_city_leaders_cockpit_draws_every_panel(page: Any) -> None:
    log_in(page, "lingdao")
    page.goto("/dashboards/cockpit/")
    panels = page.locator("[data-panel]")
    assert [panels.nth(i).get_attribute("data-panel") for i in range(panels.count())] == LEADER_PANELS
    expect(page.locator('[data-chart][data-drawn="1"]')).to_have_count(len(LEADER_PANELS))
    for key in LEADER_PANELS:
        assert page.locator(f"[data-chart={key}] canvas").count() >= 1, key
    assert page.locator("[data-panel=air] [data-figure='monitoring.monitors']").inner_text().endswith("台")
    page.wait_for_timeout(500)  # the charts' first animation
    screenshot(page, "cockpit")
    if page.viewport_name == "phone":
        assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"


def test_a_district_picked_redraws_the_cockpit_for_it(page: Any) -> None:
    log_in(page, "lingdao")
    page.goto("/dashboards/cockpit/")
    page.select_option("#cockpit-division", "410302000000")
    page.wait_for_url("**division=410302000000*")
    assert "老城区" in page.locator("h1").inner_text()
    expect(page.locator("[data-chart=air]")).to_have_attribute("data-drawn", "1")


def test_the_wall_turns_to_the_next_panel_and_holds_when_paused(page: Any) -> None:
    if page.viewport_name == "phone":
        pytest.skip("a wall is a big screen")
    log_in(page, "lingdao")
    page.goto("/dashboards/cockpit/wall/?rotate=2")
    root = page.locator("[data-page=cockpit]")
    assert not page.locator(".heluo-sidebar").is_visible()
    assert page.locator("[data-panel]:visible").count() == 1
    first = root.get_attribute("data-current")
    expect(root).not_to_have_attribute("data-current", first, timeout=8000)
    turned = root.get_attribute("data-current")
    assert page.locator(f"[data-panel={turned}]").is_visible()
    assert page.locator("[data-panel]:visible").count() == 1
    screenshot(page, "cockpit-wall")
    page.keyboard.press(" ")
    held = root.get_attribute("data-current")
    page.wait_for_timeout(4500)  # over two turns
    assert root.get_attribute("data-current") == held
    assert page.locator("[data-pause]").get_attribute("aria-pressed") == "true"
    page.keyboard.press(" ")
    expect(root).not_to_have_attribute("data-current", held, timeout=8000)
