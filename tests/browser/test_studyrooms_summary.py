"""The city study rooms in figures in a real browser, at desktop and phone width: a leader opens the
summary from the sidebar, chooses the article's day and reads the article's two sentences, then copies
one as text."""

from __future__ import annotations

from typing import Any

from .conftest import Served, log_in, open_menu_item, screenshot

NO_SCROLLBAR = "document.documentElement.scrollWidth <= window.innerWidth"
SUMMARY = (
    "截至目前,全市已建成开放城市书房118座,累计接待读者460万余人次,借还图书150余万册次,新办读者证4万余张,"
    "开展各类阅读推广活动1000余场,参与活动8.9万余人次。"
)
PLAN = "今年全市计划新建50座城市书房,目前已建成投用8座,已开工建设或装修15座。"


def test_the_summary_at_the_articles_day_reads_as_the_article(page: Any, served: Served) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    log_in(page, "lingdao")
    open_menu_item(page, "城市书房统计")
    page.wait_for_url("**/studyrooms/summary/")
    page.fill("#id_day", "2019-06-30")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**day=2019-06-30*")
    sentences = page.locator("[data-testid=copy-text-body]").all_inner_texts()
    assert sentences == [SUMMARY, PLAN]
    assert page.locator("[data-testid=parts] tbody tr").count() == 15
    box = page.locator("[data-testid=copy-text]").first
    box.get_by_role("button", name="复制为文本").click()
    box.get_by_role("button", name="已复制").wait_for(state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == SUMMARY
    screenshot(page, "studyrooms-summary")
    if page.viewport_name == "phone":
        assert page.evaluate(NO_SCROLLBAR), "no horizontal scrollbar at phone width"
