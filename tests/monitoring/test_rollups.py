"""Hourly and daily values: kept from the after-commit hook, equal to a recomputation from the readings,
with GB 3095 validity, flags excluded and counted, backfill included; readings dropped by month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

from heluo.monitoring.models import DailyValue, HourlyValue, LatestHour, Reading
from heluo.monitoring.services import retention, rollups

from .factories import monitor
from .frames import at, frame, hour_of_frames, send

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, Any]:
    def rounded(stats: dict[str, list[Any]]) -> dict[str, list[Any]]:
        return {
            f: [round(v, 6) if isinstance(v, float) else v for v in values] for f, values in stats.items()
        }

    return {
        "hours": sorted(
            (h.monitor_id, h.hour, h.pm10, h.pm25, h.live, rounded(h.stats))
            for h in HourlyValue.objects.all()
        ),
        "days": sorted(
            (d.monitor_id, d.day, d.pm10, d.pm25, d.pm10_hours, d.aqi, d.level, rounded(d.stats))
            for d in DailyValue.objects.all()
        ),
        "latest": sorted(
            (x.monitor_id, x.hour, x.pm10, x.pm25, x.aqi, x.level, x.primary)
            for x in LatestHour.objects.all()
        ),
    }


def test_rollups_kept_from_the_hook_equal_a_recomputation_from_the_readings() -> None:
    minutes, fives = monitor(), monitor(minute_interval=5)
    # Hour 9: minutes 20–29 missing and 40–44 flagged D (fault): 45 minutes count.
    nine = [m for m in range(60) if not 20 <= m < 30]
    send(
        minutes,
        [frame(minutes, at(9, m), pm10=100.0 + m, flag="D" if 40 <= m < 45 else "N") for m in nine[:25]],
        at(9, 40),
    )
    send(
        minutes,
        [frame(minutes, at(9, m), pm10=100.0 + m, flag="D" if 40 <= m < 45 else "N") for m in nine[25:]],
        at(14),
    )
    # Hour 10: only half an hour (not valid); some frames sent twice (stored once) and one conflict.
    half = hour_of_frames(minutes, at(10), range(30), pm10=80.0)
    send(minutes, half, at(10, 40))
    send(minutes, [*half[:5], frame(minutes, at(10, 3), pm10=999.0)], at(10, 41))
    # Hour 11: minute data every 5 minutes covering 5 minutes each; one under maintenance (M).
    send(
        fives,
        [frame(fives, at(11, m), pm10=60.0, flag="M" if m == 30 else "N") for m in range(0, 60, 5)],
        at(12, 10),
    )
    # Real-time data in hour 12 of the same monitor, half of it from another batch.
    realtime = [frame(minutes, at(12, m), pm10=120.0, pm25=90.0, cn="2011") for m in range(50)]
    send(minutes, realtime[:20], at(12, 20))
    send(minutes, realtime[20:], at(12, 50))

    kept = snapshot()
    hours = {(h.monitor_id, h.hour.astimezone(at(0).tzinfo).hour): h for h in HourlyValue.objects.all()}
    nine_row = rollups.parsed(hours[(minutes.pk, 9)].stats)["pm10"]
    assert (nine_row.count, nine_row.excluded, nine_row.minutes_covered, nine_row.valid) == (45, 5, 45, True)
    expected = round(sum(100.0 + m for m in nine if not 40 <= m < 45) / 45)
    assert hours[(minutes.pk, 9)].pm10 == expected
    # The second half of hour 9 came hours late (补传): it counts like the rest.
    assert Reading.objects.filter(mn=minutes.mn, backfill=True).count() == len(nine) - 25
    assert (hours[(minutes.pk, 10)].pm10, rollups.parsed(hours[(minutes.pk, 10)].stats)["pm10"].count) == (
        None,
        30,
    )
    eleven = rollups.parsed(hours[(fives.pk, 11)].stats)["pm10"]
    assert (eleven.count, eleven.excluded, eleven.minutes_covered, hours[(fives.pk, 11)].pm10) == (
        11,
        1,
        55,
        60.0,
    )
    assert hours[(minutes.pk, 12)].pm25 == 90.0
    latest = LatestHour.objects.get(monitor=minutes)
    assert (latest.hour, latest.pm10, latest.level) == (
        at(12),
        120.0,
        3,
    )  # 2026: PM10 120 → 100, PM2.5 90 → 128
    day = DailyValue.objects.get(monitor=minutes)
    assert (day.pm10, day.pm10_hours) == (None, 2)  # 2 valid hours of 20 needed

    rollups.recompute(at(0), at(24))
    assert snapshot() == kept


def test_a_recomputation_of_part_of_a_day_keeps_the_other_hours_of_it() -> None:
    device = monitor()
    send(device, hour_of_frames(device, at(9), range(60), pm10=70.0), at(9, 50))
    send(device, hour_of_frames(device, at(15), range(60), pm10=90.0), at(15, 50))
    kept = snapshot()
    rollups.recompute(at(15), at(16), monitor_ids=[device.pk])
    assert snapshot() == kept


def test_a_batch_stored_while_the_repair_reads_is_neither_lost_nor_counted_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another process's batch (its readings, then its hook) arrives just after the recomputation read the
    readings. One thread plays both processes: the batch goes through at once when the rollup lock is
    free, and after the recomputation when that holds the lock (the batch would wait for it)."""
    device = monitor()
    send(device, hour_of_frames(device, at(9), range(30), pm10=70.0), at(9, 31))
    late = hour_of_frames(device, at(9), range(30, 60), pm10=90.0)
    held, waiting = [], []
    take_lock, read = rollups._lock, rollups._stored_readings

    def locking() -> None:
        held.append(True)
        take_lock()

    def batch() -> None:
        send(device, late, at(9, 59))

    def reading_then_a_batch(*args: Any) -> Any:
        yield from read(*args)
        if held:
            waiting.append(batch)
        else:
            batch()

    monkeypatch.setattr(rollups, "_lock", locking)
    monkeypatch.setattr(rollups, "_stored_readings", reading_then_a_batch)
    rollups.recompute(at(9), at(10))
    for batch in waiting:
        batch()
    nine = HourlyValue.objects.get(monitor=device)
    assert (rollups.parsed(nine.stats)["pm10"].count, nine.pm10) == (60, 80.0)


def test_a_day_with_20_valid_hours_has_a_daily_value_and_aqi() -> None:
    device = monitor()
    frames = [
        frame(device, at(hour, m), pm10=160.0, pm25=40.0)
        for hour in range(20)
        for m in range(0, 60, 1)
        if m < 45
    ]
    send(device, frames, at(20))
    day = DailyValue.objects.get(monitor=device)
    assert (day.pm10, day.pm25, day.pm10_hours, day.aqi, day.level, day.primary) == (
        160.0,
        40.0,
        20,
        116,
        3,
        "PM10",
    )


def test_readings_older_than_the_keeping_period_are_dropped_by_month_and_rollups_stay() -> None:
    device = monitor()
    old, recent = dt.datetime(2026, 8, 15, 10, tzinfo=at(0).tzinfo), at(10)
    send(device, hour_of_frames(device, old, range(60)), old + dt.timedelta(minutes=59))
    send(device, hour_of_frames(device, recent, range(60)), recent + dt.timedelta(minutes=59))
    assert HourlyValue.objects.filter(monitor=device).count() == 2
    now = dt.datetime(2027, 10, 20, tzinfo=at(0).tzinfo)
    planned = retention.drop_old_readings(now=now, days=400, dry_run=True)
    assert "202608" in planned.months and "202611" not in planned.months
    assert Reading.objects.filter(mn=device.mn).count() == 120  # a dry run drops nothing
    dropped = retention.drop_old_readings(now=now, days=400)
    assert "202608" in dropped.months
    assert Reading.objects.filter(mn=device.mn).count() == 60
    assert HourlyValue.objects.filter(monitor=device).count() == 2
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass('monitoring_reading_202608')")
            assert cursor.fetchone()[0] is None


def test_hours_whose_readings_retention_may_have_dropped_are_never_recomputed() -> None:
    device = monitor()
    old = dt.datetime(2026, 8, 15, 10, tzinfo=at(0).tzinfo)
    send(device, hour_of_frames(device, old, range(60)), old + dt.timedelta(minutes=59))
    # Kept 400 days back from now: the readings before September 2026 may be gone.
    now = dt.datetime(2027, 10, 20, tzinfo=at(0).tzinfo)
    retention.drop_old_readings(now=now, days=400)
    with pytest.raises(ValueError, match="20260901000000"):
        rollups.recompute(old, old + dt.timedelta(hours=1), now=now)
    assert HourlyValue.objects.filter(monitor=device, hour=old).exists()
    september = dt.datetime(2026, 9, 1, tzinfo=at(0).tzinfo)
    assert rollups.recompute(september, september + dt.timedelta(hours=1), now=now) == 0


def test_the_keeping_period_must_outlast_the_receivers_window(settings: Any) -> None:
    settings.MONITORING_KEEP_DAYS = 100
    with pytest.raises(ValueError, match="window"):
        retention.keep_days()
