"""The monitoring platform in a browser: a demo monitor turns to 轻度污染 on the live pages when an hour of
raised PM values arrives through the receiver, and its alarm's case appears in the supervision list.
Desktop and phone; screenshots in test-results/screenshots/."""

from __future__ import annotations

import datetime as dt
import json
import socket
import time
from typing import Any

from heluo.monitoring.hj212 import BEIJING, build_frame, format_data_time

from .conftest import Served, log_in, screenshot

# A demo monitor the demo simulator does not speak for (it takes the first 20), that speaks plain
# HJ 212-2017 in µg/m³, stands on the map and is not polluted yet.
CHOOSE = """
import json
from heluo.monitoring.models import Monitor
simulated = list(Monitor.objects.filter(is_demo=True, active=True).order_by("pk").values_list("pk", flat=True)[:20])
monitor = (
    Monitor.objects.filter(is_demo=True, active=True, protocol_version="HJ212_2017", particulate_unit="ug_m3",
                           sm4_key="", accept_crc_swapped=False, accept_crc_modbus=False,
                           accept_crc_modbus_swapped=False, point__longitude__isnull=False, latest__level__in=[1, 2])
    .exclude(pk__in=simulated).exclude(alarms__isnull=False).order_by("pk").first()
)
print(json.dumps({"mn": monitor.mn, "pw": monitor.pw, "point": monitor.point_id, "name": monitor.point.name,
                  "latest_hour": monitor.latest.hour.isoformat()}))
"""


def choose_monitor(served: Served) -> dict[str, Any]:
    result = served.heluo("shell", "--no-imports", "-c", CHOOSE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def send_hour(served: Served, chosen: dict[str, Any]) -> None:
    """Minute data (CN 2051) of one hour, PM10 200 and PM2.5 70, each frame acknowledged.

    The hour is the last full one, unless the demo (loaded minutes ago) already filled part of the
    current hour: a monitor's latest hour only moves forward, so the page would keep showing that one.
    Then it is the current hour, its later minutes within the minutes ahead a receiver accepts."""
    last_full = dt.datetime.now(BEIJING).replace(minute=0, second=0, microsecond=0) - dt.timedelta(hours=1)
    latest = dt.datetime.fromisoformat(chosen["latest_hour"]).astimezone(BEIJING)
    start = max(last_full, latest).replace(tzinfo=None)
    mn, pw = chosen["mn"], chosen["pw"]
    frames = b""
    for minute in range(60):
        data_time = format_data_time(start + dt.timedelta(minutes=minute))
        cp = [[("DataTime", data_time)], [("a34002-Avg", "200.0"), ("a34002-Flag", "N")],
              [("a34004-Avg", "70.0"), ("a34004-Flag", "N")]]  # fmt: skip
        frames += build_frame(st="22", cn="2051", mn=mn, pw=pw, qn=f"{data_time}000", flag=5, cp=cp)
    deadline = time.monotonic() + 60
    while True:
        try:
            sock = socket.create_connection(("127.0.0.1", served.hj212_port), timeout=30)
            break
        except OSError:
            assert time.monotonic() < deadline, "the receiver of heluo up does not listen"
            time.sleep(0.5)
    with sock:
        sock.sendall(frames)
        received = b""
        while received.count(b"CN=9014") < 60:
            chunk = sock.recv(65536)
            assert chunk, "the receiver closed the connection"
            received += chunk


def test_a_demo_monitor_turns_to_light_pollution_and_its_alarm_becomes_a_case(
    page: Any, served: Served
) -> None:
    chosen = choose_monitor(served)
    log_in(page, "zhujian")
    page.goto(f"/monitoring/live/list/?q={chosen['mn']}")
    row = page.locator(f"tr[data-mn='{chosen['mn']}']")
    assert row.locator("[data-testid=aqi-level]").inner_text() in ("优", "良")

    send_hour(served, chosen)
    # The list refreshes itself (htmx polling): no reload.
    row.locator("[data-testid=aqi-level]", has_text="轻度污染").wait_for(timeout=60_000)
    screenshot(page, "monitoring-live-list")

    page.goto("/monitoring/live/")
    page.locator("#live-map canvas").first.wait_for()
    data = json.loads(page.locator("#live-points").text_content() or "{}")
    point = next(p for p in data["points"] if p[5] == chosen["mn"])
    assert point[2] == 3  # 轻度污染 on the map
    page.wait_for_timeout(500)  # let ECharts finish drawing before the picture
    screenshot(page, "monitoring-live-map")

    page.goto(f"/monitoring/points/{chosen['point']}/curves/?days=3")
    page.locator("#hourly-chart canvas").first.wait_for()
    screenshot(page, "monitoring-point-curves")

    page.goto("/monitoring/alarms/")
    alarm = page.locator("[data-testid=alarm-list] tr", has_text=chosen["name"]).first
    number = alarm.locator("td").last.locator("a").inner_text()
    screenshot(page, "monitoring-alarms")

    page.goto(f"/cases/cases/?q={number}")
    page.locator("#ledger-table", has_text=number).wait_for()
    assert chosen["name"] in page.locator("#ledger-table").inner_text()
    screenshot(page, "monitoring-alarm-case")
