"""Values out of a factor's physical range (-5000 µg/m³, 1e308) are stored as sent and flagged, and
count in no hourly or daily value, index or alarm; the pages that read them answer 200."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from django.utils import timezone

from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.ingest.ranges import OUT_OF_RANGE, RANGES, load_ranges, within_range
from heluo.monitoring.models import Alarm, HourlyValue, Reading
from heluo.monitoring.validity import FACTORS

from .factories import monitor
from .frames import frame, send

pytestmark = pytest.mark.django_db


def test_every_factor_has_a_range_with_its_source() -> None:
    ranges = load_ranges()
    assert set(FACTORS) <= set(ranges)
    for factor_range in ranges.values():
        assert factor_range.low < factor_range.high and len(factor_range.source) > 20
    assert not within_range("pm10", -5000) and not within_range("pm10", 1e308)
    assert not within_range("pm10", math.inf) and not within_range("humidity", math.nan)
    assert within_range("pm10", 0) and within_range("temperature", -20.5)
    assert RANGES["humidity"].high == 100


def _hour() -> dt.datetime:
    return timezone.now().astimezone(BEIJING).replace(minute=0, second=0, microsecond=0) - dt.timedelta(
        hours=1
    )


def test_an_out_of_range_value_is_stored_flagged_and_left_out_of_statistics(client_as: Any) -> None:
    device = monitor()
    hour = _hour()
    frames = [frame(device, hour + dt.timedelta(minutes=m), pm10=80.0, pm25=40.0) for m in range(50)]
    frames.append(frame(device, hour + dt.timedelta(minutes=50), pm10=-5000.0, pm25=40.0))
    frames.append(frame(device, hour + dt.timedelta(minutes=51), pm10=1e308, pm25=40.0))
    frames.append(frame(device, hour + dt.timedelta(minutes=52), cn="2011", pm10=-5000.0, pm25=40.0))
    results = send(device, frames, timezone.now())
    assert all(result.committed for result in results)
    odd = Reading.objects.filter(mn=device.mn).exclude(pm10=80.0)
    assert {r.pm10 for r in odd} == {-5000.0, 1e308}
    assert all(r.flags == {"a34002": OUT_OF_RANGE} for r in odd)
    row = HourlyValue.objects.get(monitor=device, hour=hour)
    assert row.pm10 == 80.0 and row.stats["pm10"][5] == 3  # three values left out, the average untouched
    assert row.pm25 == 40.0
    assert not Alarm.objects.filter(monitor=device).exists()
    client = client_as("laocheng")
    for url in (
        f"/monitoring/points/{device.point_id}/curves/",
        device.get_absolute_url(),
        "/monitoring/live/list/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_curves_survive_a_negative_hour_stored_before_the_check(client_as: Any) -> None:
    device = monitor()
    hour = _hour()
    send(device, [frame(device, hour + dt.timedelta(minutes=m)) for m in range(50)], timezone.now())
    HourlyValue.objects.filter(monitor=device, hour=hour).update(pm10=-5000.0)
    response = client_as("laocheng").get(f"/monitoring/points/{device.point_id}/curves/")
    assert response.status_code == 200
