"""The official figures in a real browser, at desktop and phone width: a supervisor opens the figures
page from the sidebar, chooses a month and a district, and copies a sentence as text — through the
clipboard API, then as on a plain-http intranet, where the page has no navigator.clipboard."""

from __future__ import annotations

from typing import Any

from .conftest import Served, log_in, open_menu_item, screenshot

NO_SCROLLBAR = "document.documentElement.scrollWidth <= window.innerWidth"


def test_copy_a_figures_sentence_as_text(page: Any, served: Served) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    log_in(page, "duban")
    open_menu_item(page, "统计数据")
    page.wait_for_url("**/core/figures/")
    page.select_option("#id_month", "11")
    page.select_option("#id_division", label="老城区")
    page.click("[data-testid=figures-form] button[type=submit]")
    page.wait_for_url("**division=410302000000*")
    assert page.locator("[data-testid=figures-title]").inner_text().startswith("老城区")
    box = page.locator("[data-testid=module-cases] [data-testid=copy-text]")
    sentence = box.locator("[data-testid=copy-text-body]").inner_text()
    assert "月，共受理督办事项" in sentence
    button = box.get_by_role("button", name="复制为文本")
    button.click()
    box.get_by_role("button", name="已复制").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == sentence
    screenshot(page, "figures")
    if page.viewport_name == "phone":
        assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"

    # Plain http: no clipboard API, so the textarea and execCommand("copy") carry the text.
    page.evaluate("navigator.clipboard.writeText('')")
    page.evaluate(
        "window.realClipboard = navigator.clipboard;"
        "Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})"
    )
    dust = page.locator("[data-testid=module-dust] [data-testid=copy-text]")
    dust.get_by_role("button", name="复制为文本").click()
    dust.get_by_role("button", name="已复制").wait_for(state="visible")
    copied = page.evaluate("window.realClipboard.readText()")
    assert copied == dust.locator("[data-testid=copy-text-body]").inner_text()
    assert "扬尘治理在管工地" in copied
