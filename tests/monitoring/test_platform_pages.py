"""The monitoring platform's pages: live map and list, site curves, alarms, offline devices, data capture,
the HTTP token; each checked for what it shows, what it hides (scope) and whom it refuses. Also the
control stations' hourly values through core's Excel import, and `heluo aqi`."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from heluo.core.models import Division
from heluo.core.services import transfer
from heluo.monitoring import ledgers
from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.models import Alarm, AlarmRule, ControlReading, ControlStation, MonitorStatus
from heluo.monitoring.services import overview

from .factories import KAIYUAN, XIGUAN, monitor
from .frames import frame, send

pytestmark = pytest.mark.django_db


def last_hour() -> dt.datetime:
    return timezone.now().astimezone(BEIJING).replace(minute=0, second=0, microsecond=0) - dt.timedelta(
        hours=1
    )


def with_hour(code: str = XIGUAN, pm10: float = 180.0, pm25: float = 70.0) -> Any:
    """A monitor with a valid last hour (raised: 轻度污染) sent live through the ingest path."""
    device = monitor(code)
    device.point.longitude, device.point.latitude = Decimal("112.47"), Decimal("34.68")
    device.point.save()
    start = last_hour()
    frames = [frame(device, start + dt.timedelta(minutes=m), pm10=pm10, pm25=pm25) for m in range(60)]
    send(device, frames, start + dt.timedelta(minutes=61))
    MonitorStatus.objects.update_or_create(monitor=device, defaults={"last_seen": timezone.now()})
    return device


def test_the_live_map_shows_each_monitor_coloured_by_its_latest_hour(client_as: Any) -> None:
    device = with_hour()
    response = client_as("zhujian").get("/monitoring/live/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "vendor/luoyang-districts/luoyang.js" in html and "vendor/echarts/echarts.min.js" in html
    data = overview.live_points(client_as("zhujian").get("/").wsgi_request.user)
    point = next(p for p in data["points"] if p[5] == device.mn)
    assert point[2] == 3  # 轻度污染
    assert data["counts"][3] >= 1


def test_the_live_data_refreshes_as_a_fragment(client_as: Any) -> None:
    device = with_hour()
    response = client_as("zhujian").get("/monitoring/live/data/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert device.mn in response.content.decode() and "<html" not in response.content.decode()


def test_the_live_list_shows_the_level_and_keeps_to_the_users_scope(client_as: Any) -> None:
    mine, other = with_hour(XIGUAN), with_hour(KAIYUAN)
    page = client_as("laocheng").get("/monitoring/live/list/").content.decode()
    assert mine.mn in page and other.mn not in page and "轻度污染" in page
    fragment = (
        client_as("laocheng").get("/monitoring/live/list/?level=3", HTTP_HX_REQUEST="true").content.decode()
    )
    assert mine.mn in fragment and "<html" not in fragment
    assert mine.mn not in client_as("laocheng").get("/monitoring/live/list/?level=1").content.decode()


def test_the_pages_refuse_users_without_the_monitoring_module(client_as: Any) -> None:
    device = with_hour()
    for url in ("/monitoring/live/", "/monitoring/live/data/", "/monitoring/live/list/", "/monitoring/alarms/",
                "/monitoring/offline/", "/monitoring/capture/", f"/monitoring/points/{device.point_id}/curves/"):  # fmt: skip
        # The militia officer's roles open no monitoring (a grid officer's open it for their grids' sites).
        assert client_as("wuzhuang").get(url).status_code == 403, url


def test_a_sites_curves_read_its_hourly_and_daily_values(client_as: Any) -> None:
    device = with_hour()
    response = client_as("laocheng").get(f"/monitoring/points/{device.point_id}/curves/?days=1&daily=30")
    assert response.status_code == 200
    charts = response.context["charts"]
    hourly = charts["hourly"][str(device.pk)]
    assert [row["pm10"] for row in hourly] == [180.0] and hourly[0]["aqi"] == 124
    assert charts["daily"][str(device.pk)][0]["pm10_hours"] == 1
    assert 150.0 in charts["limits"]
    assert (
        client_as("luolong").get(f"/monitoring/points/{device.point_id}/curves/").status_code == 404
    )  # another district


def test_alarms_are_listed_with_their_cases_within_scope(client_as: Any) -> None:
    AlarmRule.objects.exclude(code="pm10_hourly_150").update(active=False)
    device = with_hour()
    alarm = Alarm.objects.get(point=device.point)
    page = client_as("laocheng").get("/monitoring/alarms/").content.decode()
    assert alarm.case.number in page and str(alarm.rule) in page
    assert client_as("laocheng").get(f"/monitoring/alarms/{alarm.pk}/").status_code == 200
    assert alarm.case.number not in client_as("luolong").get("/monitoring/alarms/").content.decode()
    assert client_as("luolong").get(f"/monitoring/alarms/{alarm.pk}/").status_code == 404
    assert client_as("laocheng").get("/monitoring/alarms/?state=cleared").context["page"].paginator.count == 0
    # The case links back to the alarm it came from.
    case_page = client_as("laocheng").get(alarm.case.get_absolute_url()).content.decode()
    assert alarm.get_absolute_url() in case_page


def test_the_offline_list(client_as: Any) -> None:
    silent, never, online = monitor(), monitor(), monitor()
    MonitorStatus.objects.create(monitor=silent, last_seen=timezone.now() - dt.timedelta(hours=2))
    MonitorStatus.objects.create(monitor=online, last_seen=timezone.now())
    page = client_as("laocheng").get("/monitoring/offline/").content.decode()
    assert silent.mn in page and never.mn in page and online.mn not in page


def test_the_data_capture_report(client_as: Any) -> None:
    device = with_hour()
    day = last_hour().date()
    response = client_as("laocheng").get(f"/monitoring/capture/?start={day}&end={day}")
    row = next(r for r in response.context["rows"] if r.monitor.pk == device.pk)
    assert (row.hours, row.expected, row.valid_days) == (1, 24, 0)
    bad = client_as("laocheng").get(f"/monitoring/capture/?start={day}&end={day - dt.timedelta(days=1)}")
    assert bad.status_code == 200 and bad.context["form"].errors


def test_issuing_an_http_token_needs_the_change_permission(client_as: Any) -> None:
    device = monitor()
    assert client_as("lingdao").post(f"/monitoring/monitors/{device.pk}/token/").status_code == 403
    response = client_as("laocheng").post(f"/monitoring/monitors/{device.pk}/token/", follow=True)
    assert response.status_code == 200
    device.refresh_from_db()
    assert len(device.token_digest) == 64
    assert client_as("luolong").post(f"/monitoring/monitors/{device.pk}/token/").status_code == 404


def test_control_station_values_come_in_through_the_excel_import(users: dict[str, Any]) -> None:
    station = ControlStation.objects.create(
        code="T-X1", name="导入测试站", division=Division.objects.get(code="410302000000")
    )
    template = transfer.export_to_bytes(ledgers.control_reading, users["zhujian"], "")[1]
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    hour = dt.datetime(2026, 11, 20, 9)
    row = {header: None for header in headers}
    values = iter([station.code, hour, 61, 35])
    for header in headers[1:-1]:
        row[header] = next(values)
    sheet.append([row[h] for h in headers])
    sheet.append([None, station.code, dt.datetime(2026, 11, 20, 9, 30), 61, 35, None])  # not on the hour
    buffer = io.BytesIO()
    book.save(buffer)
    refused = transfer.import_file(
        ledgers.control_reading, users["zhujian"], "x.xlsx", buffer.getvalue(), apply=True
    )
    assert not refused["written"] and refused["error_count"] == 1 and not ControlReading.objects.exists()
    sheet.delete_rows(sheet.max_row)
    buffer = io.BytesIO()
    book.save(buffer)
    summary = transfer.import_file(
        ledgers.control_reading, users["zhujian"], "x.xlsx", buffer.getvalue(), apply=True
    )
    assert summary["written"], summary["errors"]
    reading = ControlReading.objects.get()
    assert (reading.station, reading.hour, reading.pm10) == (station, hour.replace(tzinfo=BEIJING), 61.0)


def test_the_api_takes_control_station_values(client_as: Any) -> None:
    station = ControlStation.objects.create(
        code="T-X2", name="接口测试站", division=Division.objects.get(code="410302000000")
    )
    client = client_as("zhujian")
    body = {"station": station.pk, "hour": "2026-11-20T10:00:00+08:00", "pm10": 70, "pm25": 40}
    response = client.post(
        "/api/monitoring/controlreadings/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    bad = client.post(
        "/api/monitoring/controlreadings/", json.dumps({**body, "pm10": -1}), content_type="application/json"
    )
    assert bad.status_code == 400 and "pm10" in bad.json()["fields"]


def test_heluo_aqi_prints_one_json_object() -> None:
    out = io.StringIO()
    call_command("aqi", "--date", "2025-06-01", "--pm25", "80", "--pm10", "100", stdout=out)
    assert json.loads(out.getvalue()) == {
        "standard": "HJ 633-2012", "aqi": 107, "level": 3, "category": "轻度污染", "colour": "#FF7E00",
        "primary": ["PM2.5"], "exceeding": ["PM2.5"], "iaqi": {"PM10": 75, "PM2.5": 107},
        "concentrations": {"PM10": 100, "PM2.5": 80},
    }  # fmt: skip
    out = io.StringIO()
    call_command("aqi", "--date", "2026-11-25", "--pm10", "650", stdout=out)
    assert json.loads(out.getvalue())["aqi"] == "> 500"


@pytest.mark.parametrize(
    "args", [["--date", "2026-11-25"], ["--date", "2026-11-25", "--pm10", "-1"], ["--date", "2026-11-25", "--pm25", "x"],
             ["--date", "25/11/2026", "--pm25", "10"], ["--date", "2026-11-25", "--pm25", "nan"]],
)  # fmt: skip
def test_heluo_aqi_refuses_bad_input(args: list[str]) -> None:
    with pytest.raises(CommandError):
        call_command("aqi", *args, stdout=io.StringIO())
