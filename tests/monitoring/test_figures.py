"""The monitoring figures of core's registry (heluo.monitoring.figures) on hand-made monitors, daily
values and alarms of March 2020 (before any demo data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.monitoring.models import Alarm, AlarmRule, DailyValue, Monitor
from heluo.monitoring.services.alarms import raise_alarm

from .factories import KAIYUAN, XIGUAN, monitor

MARCH = Period.month(2020, 3)
LAOCHENG, LUOLONG = Territory((XIGUAN[:6],)), Territory((KAIYUAN[:6],))


def day(target: Monitor, on: dt.date, hours: int) -> None:
    DailyValue.objects.create(monitor=target, day=on, pm10=80.0 if hours >= 20 else None, pm10_hours=hours,
                              updated_at=timezone.now())  # fmt: skip


def alarm(target: Monitor, raised: dt.datetime) -> None:
    raise_alarm(
        AlarmRule.objects.get(code="pm10_hourly_150"), target.pk, target.point_id, raised, 180.0, 180.0
    )
    Alarm.objects.filter(monitor=target).update(raised_at=raised)


def number(key: str, territory: Territory, period: Period = MARCH) -> int | Decimal | None:
    return value(f"monitoring.{key}", territory, period).number


@pytest.mark.django_db
def test_monitors_reporting_capture_and_alarms_are_counted_per_territory() -> None:
    zone = timezone.get_current_timezone()
    before = number("monitors", LAOCHENG), number("monitors", Territory.city())
    first, second = monitor(XIGUAN), monitor(XIGUAN)
    monitor(XIGUAN)  # on line, sends nothing
    monitor(XIGUAN, active=False)  # retired: not on line
    across = monitor(KAIYUAN)
    assert number("monitors", LAOCHENG) == before[0] + 3
    assert number("monitors", Territory.city()) == before[1] + 4
    # first: 2 valid days and a short one in March; second: a short day only (no valid day); idle: none.
    (
        day(first, dt.date(2020, 3, 1), 24),
        day(first, dt.date(2020, 3, 2), 22),
        day(first, dt.date(2020, 3, 3), 5),
    )
    day(second, dt.date(2020, 3, 9), 10)
    day(first, dt.date(2020, 4, 1), 24)  # April
    day(across, dt.date(2020, 3, 5), 24)
    assert number("monitors_reporting", LAOCHENG) == 1
    assert number("monitors_reporting", Territory.city()) == 2
    assert number("monitors_reporting", LAOCHENG, Period.month(2020, 2)) == 0
    # 老城区: (24 + 22 + 5 + 10) valid hours of its active monitors' 31 × 24 hours each.
    expected = Decimal(100 * 61) / (number("monitors", LAOCHENG) * 31 * 24)  # type: ignore[operator]
    assert number("capture_rate", LAOCHENG) == expected.quantize(Decimal("0.1"))
    alarm(first, dt.datetime(2020, 3, 10, 8, tzinfo=zone))
    alarm(across, dt.datetime(2020, 3, 31, 23, tzinfo=zone))
    alarm(second, dt.datetime(2020, 4, 1, 0, tzinfo=zone))  # April, Beijing time
    assert number("alarms_raised", LAOCHENG) == 1
    assert number("alarms_raised", LUOLONG) == 1
    assert number("alarms_raised", Territory.city()) == 2
    assert number("alarms_raised", LAOCHENG, Period.month(2020, 4)) == 1
    assert render_sentence("monitoring.summary", LUOLONG, MARCH).endswith("触发报警1次。")
