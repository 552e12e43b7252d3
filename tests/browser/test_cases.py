"""Supervision in a real browser, at desktop and phone width: a street officer (wangge, grid officer of
开元路街道) receives a case, replies with a photo; the supervisor (duban) returns it; the officer
replies again; the supervisor closes it; the unit's on-time rate on the statistics page changes."""

from __future__ import annotations

import struct
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from .conftest import log_in, screenshot

UNIT = "定鼎门社区居民委员会"
REGISTER = """
from django.contrib.auth import get_user_model
from heluo.cases.services.registration import register_case, Registration
from heluo.cases.models import CaseCategory
from heluo.cases.services import transitions as act
from heluo.core.models import Account, Division, Unit
boss = get_user_model().objects.get(username="duban")
registration = Registration(title={title!r}, category=CaseCategory.objects.get(code="dust"),
    division=Division.objects.get(code="410311002001"), requirements="整改到位，附现场照片。")
case = register_case(boss, registration)
act.assign_case(boss, case, unit=Unit.objects.get(name={unit!r}),
    handler=Account.objects.get(user__username="wangge"), days=5)
print(case.pk)
"""


def png(path: Path) -> Path:
    """A real (tiny, green) PNG: the browser shows it, the upload check accepts it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x6f\x5c" * 8 for _ in range(8))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))  # fmt: skip
    return path


def figures(page: Any) -> tuple[int, int, str]:
    page.goto("/cases/statistics/")
    row = page.locator(f"[data-testid='row-{UNIT}']")
    if not row.count():
        return 0, 0, "—"
    return (int(row.locator("[data-testid=closed]").inner_text()), int(row.locator("[data-testid=on-time]").inner_text()),
            row.locator("[data-testid=rate]").inner_text())  # fmt: skip


def as_user(page: Any, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, username)


def act(page: Any, name: str, note: str, photo: Path | None = None) -> None:
    page.click(f"[data-testid=act-{name}]")
    form = page.locator(f"form[action$='/act/{name}/']")
    form.locator("textarea").fill(note)
    if photo is not None:
        form.locator("input[type=file]").set_input_files(str(photo))
    form.locator(f"[data-testid=submit-{name}]").click()
    page.wait_for_load_state()


def test_a_case_from_receipt_to_closing_changes_the_units_on_time_rate(
    page: Any, served: Any, tmp_path: Path
) -> None:
    title = f"浏览器督办测试（{page.viewport_name}）"
    made = served.heluo("shell", "--no-imports", "-c", REGISTER.format(title=title, unit=UNIT))
    assert made.returncode == 0, made.stderr
    url = f"/cases/cases/{made.stdout.strip().splitlines()[-1]}/"
    photo = png(tmp_path / "现场照片.png")

    as_user(page, "duban")
    closed, on_time, _rate = figures(page)

    as_user(page, "wangge")
    page.goto("/core/inbox/")
    assert title in page.locator("main").inner_text()  # the officer is told of the new case
    page.goto("/cases/mine/")
    page.locator("#ledger-table").get_by_role("link", name=title).click()
    page.wait_for_url(f"**{url}")
    act(page, "reply", "已现场整改，附照片。", photo)
    assert page.locator("[data-testid=case-state]").inner_text() == page.locator(
        ".heluo-case-event[data-kind=replied] strong").first.inner_text()  # fmt: skip
    assert page.locator("[data-testid=event-photo]").count() == 1
    screenshot(page, "case-replied")

    as_user(page, "duban")
    page.goto(url)
    act(page, "return", "照片未显示整改后全貌，请补充。")
    assert page.locator(".heluo-case-event[data-kind=returned]").count() == 1

    as_user(page, "wangge")
    page.goto(url)
    act(page, "reply", "已补充整改后全貌照片。", photo)
    assert page.locator("[data-testid=event-photo]").count() == 2

    as_user(page, "duban")
    page.goto(url)
    act(page, "close", "经核查，整改到位。")
    assert page.locator(".heluo-case-event[data-kind=closed]").count() == 1
    assert page.locator("[data-testid=acts] [data-testid=act-close]").count() == 0
    screenshot(page, "case-closed")

    after = figures(page)
    expected = (Decimal(100 * (on_time + 1)) / Decimal(closed + 1)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert after == (closed + 1, on_time + 1, f"{expected}%")
    screenshot(page, "case-statistics")
