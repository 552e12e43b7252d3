"""A site named with markup is shown as text on the live map: the tooltip escapes it and the page's
Content-Security-Policy would stop a script that slipped through. No dialog opens, and the pages break no rule of the policy."""

from __future__ import annotations

import json
from typing import Any

from .conftest import Served, log_in, screenshot

PAYLOAD = '"><img src=x onerror=alert(2)>'

# The site's name as dust control's service passes it on to the site's monitoring point, which the map shows.
RENAME = """
import json, sys
from heluo.monitoring.models import Monitor, MonitoringPoint
monitor = Monitor.objects.filter(is_demo=True, active=True, point__longitude__isnull=False).order_by("-pk").first()
point = monitor.point
before = point.name
MonitoringPoint.objects.filter(pk=point.pk).update(name={name!r})
print(json.dumps({{"site": point.pk, "mn": monitor.mn, "before": before}}))
"""
RESTORE = """
from heluo.monitoring.models import MonitoringPoint
MonitoringPoint.objects.filter(pk={pk}).update(name={name!r})
"""


def _policy_violation(message: Any, errors: list[str]) -> None:
    if "Content Security Policy" in message.text:
        errors.append(message.text)


def test_markup_in_a_site_name_is_inert_on_the_live_map(page: Any, served: Served) -> None:
    result = served.heluo("shell", "--no-imports", "-c", RENAME.format(name=PAYLOAD))
    assert result.returncode == 0, result.stderr
    chosen = json.loads(result.stdout.strip().splitlines()[-1])
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: _policy_violation(message, errors))
    try:
        log_in(page, "admin")
        response = page.goto("/monitoring/live/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.locator("#live-map canvas").first.wait_for()
        page.wait_for_timeout(500)
        # ECharts shows the point's tooltip as a hover would (by index: on a phone, points overlap).
        page.evaluate(
            """(mn) => {
                const chart = echarts.getInstanceByDom(document.getElementById("live-map"));
                const data = JSON.parse(document.getElementById("live-points").textContent);
                const index = data.points.findIndex((p) => p[5] === mn);
                chart.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: index});
            }""",
            chosen["mn"],
        )
        tooltip = page.locator("#live-map div", has_text=chosen["mn"]).last
        tooltip.wait_for()
        assert PAYLOAD in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0
        page.wait_for_timeout(500)
        screenshot(page, "monitoring-live-map-markup-in-name")
        assert dialogs == []
        assert errors == []
    finally:
        restored = served.heluo(
            "shell", "--no-imports", "-c", RESTORE.format(pk=chosen["site"], name=chosen["before"])
        )
        assert restored.returncode == 0, restored.stderr


def test_the_api_documentation_runs_under_the_policy(page: Any, served: Served) -> None:
    errors: list[str] = []
    page.on("console", lambda message: _policy_violation(message, errors))
    log_in(page, "admin")
    page.goto("/api/docs/")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert errors == []
