"""Every list and detail page of every app, at desktop and phone width, in one browser: no page may
scroll sideways on a phone or log an error to the console. Screenshots of each go to
test-results/screenshots/sweep/. The ledgers come from the ledger registry, so a module added later
joins the sweep by declaring its ledgers; the pages that are not a ledger's are listed here.

SQLite only: the pages are the same on PostgreSQL, and the sweep is the suite's slowest test."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from .conftest import SCREENSHOTS, VIEWPORTS, Served, log_in

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("HELUO_TEST_DATABASE_URL")), reason="the sweep runs on SQLite only"
)

SWEEP = SCREENSHOTS / "sweep"
# Taller pages are photographed down to this height: enough to see the layout, not 20,000 pixels.
MAX_SHOT_HEIGHT = 6000
# Every ledger `heluo up` serves, with one of its rows, and the rows the pages that are not a ledger's
# are about, read from the served process itself (its registry, its database).
LEDGER_PAGES = """
import json
from django.contrib.auth import get_user_model
from heluo.core.ledger import LEDGERS
from heluo.monitoring.models import Alarm, Monitor
from heluo.cases.models import Case
ledgers = {}
for label, ledger in LEDGERS.items():
    # Militia rows are the militia officers' alone (the administrator is refused them): the city's looks.
    user = get_user_model().objects.get(username="junfenqu" if label.startswith("militia.") else "admin")
    pk = ledger.model.objects.for_user(user).order_by("pk").values_list("pk", flat=True).first()
    ledgers[label] = [ledger.url("list"), ledger.url("detail", pk) if pk is not None else None, user.username]
alarm = Alarm.objects.order_by("pk").values_list("pk", flat=True).first()
case = Case.objects.filter(due_at__isnull=False).order_by("pk").values_list("pk", flat=True).first()
point = Monitor.objects.order_by("pk").values_list("point_id", flat=True).first()
print(json.dumps({"ledgers": ledgers, "alarm": alarm, "case": case, "point": point}))
"""

PAGES = [
    "/", "/core/inbox/", "/core/jobs/", "/core/search/?q=洛阳", "/core/reports/districts/", "/password/",
    "/cases/mine/", "/cases/overdue/", "/cases/statistics/",
    "/monitoring/live/", "/monitoring/live/list/", "/monitoring/alarms/", "/monitoring/offline/",
    "/monitoring/capture/", "/monitoring/unknown/", "/monitoring/log/", "/monitoring/conflicts/",
    "/dust/coverage/",
    "/dust/patrol/new/",
    "/dust/measures/?kind=stop_work", "/dust/penaltycounts/?running=true",
    "/dust/consultation/", "/dust/consultation/history/",
    "/studyrooms/plans/progress/", "/studyrooms/summary/?day=2019-06-30",
]  # fmt: skip


def sweep_pages(served: Served) -> list[tuple[str, str, str]]:
    """(name, path, who looks) of every page to look at."""
    result = served.heluo("shell", "--no-imports", "-c", LEDGER_PAGES)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    pages = [(path.split("?")[0].strip("/").replace("/", "-") or "home", path, "admin") for path in PAGES]
    for label, (list_url, detail_url, username) in sorted(found["ledgers"].items()):
        name = label.replace(".", "-")
        pages.append((f"{name}-list", list_url, username))
        if detail_url is not None:
            pages.append((f"{name}-detail", detail_url, username))
    pages.append(("case-notice", f"/cases/cases/{found['case']}/notice/", "admin"))
    pages.append(("point-curves", f"/monitoring/points/{found['point']}/curves/", "admin"))
    assessment = found["ledgers"]["dust.assessmentscheme"][1]
    if assessment is not None:
        pages.append(("assessment-bulletin", f"{assessment}bulletin/", "admin"))
    if found["alarm"]:
        pages.append(("alarm-detail", f"/monitoring/alarms/{found['alarm']}/", "admin"))
    return pages


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_fits_a_phone_and_logs_no_error(browser: Any, served: Served, viewport: str) -> None:
    SWEEP.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    errors: list[str] = []
    pages = sweep_pages(served)
    assert len(pages) > 40
    context, looking = None, ""
    for name, path, username in sorted(pages, key=lambda item: item[2]):
        if username != looking:
            if context is not None:
                context.close()
            context = browser.new_context(base_url=served.url, locale="zh-CN", **VIEWPORTS[viewport])
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.on(
                "console", lambda message: errors.append(message.text) if message.type == "error" else None
            )
            page.on("pageerror", lambda error: errors.append(str(error)))
            log_in(page, username)
            looking = username
        errors.clear()
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        if response is None or response.status != 200:
            problems.append(f"{path}: HTTP {response.status if response else '—'}")
        width, inner, height = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth, document.documentElement.scrollHeight]"
        )
        if viewport == "phone" and width > inner:
            problems.append(f"{path}: {width} px wide on a {inner} px phone")
        problems += [f"{path}: console: {error}" for error in errors]
        shot = SWEEP / f"{name}-{viewport}.png"
        if height <= MAX_SHOT_HEIGHT:
            page.screenshot(path=str(shot), full_page=True)
        else:
            page.screenshot(
                path=str(shot),
                full_page=True,
                clip={"x": 0, "y": 0, "width": inner, "height": MAX_SHOT_HEIGHT},
            )
    assert context is not None
    context.close()
    assert not problems, "\n".join(problems)
