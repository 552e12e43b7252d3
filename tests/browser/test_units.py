"""The unit ledger in a real browser, at desktop and phone width: log in, list, filter, create with an
invalid credit code, read the Chinese error, fix it, save, find the unit and its history."""

from __future__ import annotations

import concurrent.futures
import html
import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
from typing import Any

import pytest

from .conftest import log_in, open_filters, open_menu_item, screenshot

BAD_CODE = "91350100M000100Y44"
GOOD_CODE = "91350100M000100Y43"


def test_create_a_unit_with_a_fixed_credit_code(page: Any) -> None:
    name = f"洛阳浏览器测试企业{page.viewport_name}"
    # Each viewport's unit needs its own code: credit codes are unique.
    credit = GOOD_CODE if page.viewport_name == "desktop" else _with_check("91410302MA47RNQ51")
    log_in(page, "laocheng")
    screenshot(page, "home")
    open_menu_item(page, "单位")
    page.wait_for_url("**/core/units/")
    assert page.get_by_role("heading", name="单位").is_visible()
    screenshot(page, "unit-list")

    # Filter: enterprises only (the table is replaced by htmx, the URL keeps the filter).
    open_filters(page)
    page.select_option("#id_unit_type", label="企业")
    page.wait_for_url("**unit_type=*")
    rows = page.locator("table.ledger-table tbody tr")
    assert rows.count() > 0
    assert all("企业" in text for text in rows.all_inner_texts())
    assert "洛阳市老城区人民政府" not in page.locator("#ledger-table").inner_text()

    page.click("[data-testid=add]")
    page.fill("#id_name", name)
    page.select_option("#id_unit_type", label="企业")
    page.locator(".ts-wrapper", has=page.locator("#id_division-ts-control")).locator(".ts-control").click()
    page.keyboard.type("西关")
    page.locator(".ts-dropdown .option", has_text="西关街道").first.click()
    page.fill("#id_credit_code", BAD_CODE)
    page.click("[data-testid=save]")
    error = page.locator("[data-testid=error-credit_code]")
    assert error.inner_text() == "统一社会信用代码校验位不正确。"
    screenshot(page, "unit-form-error")

    page.fill("#id_credit_code", credit)
    page.click("[data-testid=save]")
    page.wait_for_url("**/core/units/*/")
    assert page.get_by_role("heading", name=name).is_visible()
    detail_url = page.url

    page.goto("/core/units/?q=" + name)
    assert page.locator("#ledger-table").get_by_role("link", name=name).is_visible()
    page.goto(detail_url)
    page.click("[data-testid=history-tab]")
    entry = page.locator(".heluo-history-entry").first
    assert "新建" in entry.inner_text() and "老城区管理员" in entry.inner_text()
    assert name in entry.inner_text()
    screenshot(page, "unit-history")


def _with_check(first17: str) -> str:
    from heluo.core.identifiers import credit_code_check_char

    return first17 + credit_code_check_char(first17)


def test_login_page_in_chinese_with_demo_accounts(page: Any) -> None:
    page.goto("/login/")
    assert page.get_by_role("heading", name="登录").is_visible()
    assert page.locator("[data-testid=demo-logins]").is_visible()
    screenshot(page, "login")


class Session:
    """A logged-in HTTP client of the served instance (plain urllib, one per thread)."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.post("/login/", {"username": username, "password": "heluo-demo"}, referer="/login/")

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict[str, str], referer: str) -> int:
        page = self.get(referer)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + referer}
        )
        with self.opener.open(request, timeout=30) as response:
            return int(response.status)


def test_no_database_locked_under_load_with_a_concurrent_writer(served: Any) -> None:
    """Several users save units at once while the writer process writes: nothing is refused."""
    if served.writer_dir is None:
        pytest.skip("PostgreSQL has no database file lock to contend for")
    units = re.findall(
        r'href="(/core/units/\d+/)"', Session(served.url, "laocheng").get("/core/units/?per_page=50")
    )

    def edit(n: int) -> int:
        session = Session(served.url, "laocheng")
        detail = units[n % len(units)]
        form = session.get(detail + "edit/")
        unit_type = re.search(r'id="id_unit_type"[^>]*>.*?<option value="(\d+)" selected', form, re.S).group(
            1
        )  # type: ignore[union-attr]
        division = re.search(r'id="id_division"[^>]*>.*?<option value="(\d+)" selected', form, re.S).group(1)  # type: ignore[union-attr]
        name = re.search(r'id="id_name"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*id="id_name"', form)
        saved = 0
        # The clock starts once this user has their form: logging in six users on a busy machine is not
        # what is measured.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            data = {
                "name": html.unescape(name.group(1) or name.group(2)),
                "unit_type": unit_type,  # type: ignore[union-attr]
                "division": division,
                "contact_name": f"并发{n}-{saved}",
            }
            assert session.post(detail + "edit/", data, referer=detail + "edit/") == 200
            saved += 1
        return saved

    with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
        saves = sum(pool.map(edit, range(6)))
    writes = served.writer_dir
    assert saves > 0
    assert int((writes / "count").read_text()) > 0  # the writer did write meanwhile
    assert not (writes / "errors.log").exists(), (writes / "errors.log").read_text()
    assert "database is locked" not in served.log.read_text()
