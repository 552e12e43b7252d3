"""Hourly and daily values: kept up to date from the frames each batch committed (the receiver's, the
HTTP endpoint's and the MQTT subscriber's after-commit hook), and recomputable from the readings.

- Only stored real-time (CN 2011) and minute (CN 2051) data count; retransmissions and conflicts add
  nothing (their values are stored once already). Backfilled data (补传) counts like any other.
- An hour's statistics are additive (heluo.monitoring.validity), so adding a batch gives what a
  recomputation of the hour from its readings gives. Writers (receiver, web, MQTT, the reconcile
  task) take one lock for the read-merge-write (a PostgreSQL advisory lock; SQLite has one writer).
- A day is recomputed from its hours whenever one of them changes; a monitor's latest valid hour
  moves forward only.
- The hook runs after the commit: a process killed between the two leaves an hour short. The task
  `reconcile_recent_hours` recomputes the closed hours of the last few hours from the readings, and
  `heluo hj212 rollups --since … --until …` any period whose readings retention still keeps.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.monitoring import aqi as hj633
from heluo.monitoring.hj212 import BEIJING, CN, format_data_time
from heluo.monitoring.hooks import Committed
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.rows import measurements
from heluo.monitoring.models import ABOVE_TABLE, DailyValue, HourlyValue, LatestHour, Monitor, Reading
from heluo.monitoring.storage import upsert
from heluo.monitoring.validity import (
    FACTORS,
    HOURS_PER_DAY,
    DayFactor,
    HourStats,
    Sample,
    Stats,
    day_stats,
    merge_hours,
    sample_stats,
    sliding_average,
)

from . import retention

logger = logging.getLogger("heluo.monitoring.rollups")

ROLLUP_CNS = frozenset({CN.REALTIME_DATA, CN.MINUTE_DATA})
HOUR = timedelta(hours=1)
Key = tuple[int, datetime]  # (monitor id, start of the hour, aware)


@dataclass
class Change:
    """What one application of frames changed: the merged hours (for the alarms) and which of them
    only backfilled data touched."""

    hours: dict[Key, HourStats] = field(default_factory=dict)
    live: set[Key] = field(default_factory=set)  # hours touched by at least one live (not backfilled) frame

    def __bool__(self) -> bool:
        return bool(self.hours)


def hour_of(moment: datetime) -> datetime:
    """The start of the Beijing hour holding `moment` (naive times are Beijing time, as in frames)."""
    local = moment.replace(tzinfo=BEIJING) if moment.tzinfo is None else moment.astimezone(BEIJING)
    return local.replace(minute=0, second=0, microsecond=0)


def beijing_day(hour: datetime) -> date:
    return hour.astimezone(BEIJING).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=BEIJING)
    return start, start + timedelta(days=1)


def _lock() -> None:
    """Serialise the read-merge-write of rollups across processes (PostgreSQL; SQLite has one writer)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('monitoring_rollups'))")


def _serialised(stats: Mapping[str, Stats]) -> dict[str, list[Any]]:
    return {factor: stats[factor].as_list() for factor in sorted(stats)}


def parsed(payload: Mapping[str, Sequence[Any]]) -> HourStats:
    return {factor: Stats.from_list(values) for factor, values in payload.items() if factor in FACTORS}


def parsed_day(payload: Mapping[str, Sequence[Any]]) -> dict[str, DayFactor]:
    return {factor: DayFactor.from_list(values) for factor, values in payload.items() if factor in FACTORS}


# --- from frames (the hook) ------------------------------------------------------------------------


def frame_samples(committed: Iterable[Committed]) -> tuple[dict[Key, HourStats], set[Key]]:
    """The statistics each stored data frame adds to its monitor's hour, and the hours live frames touched."""
    added: dict[Key, HourStats] = {}
    live: set[Key] = set()
    for item in committed:
        frame = item.frame
        if item.outcome is not Outcome.STORED or frame.cn not in ROLLUP_CNS or frame.data_time is None:
            continue
        columns, _extra, flags = measurements(frame, item.particulate_factor)
        span = item.minute_interval if frame.cn == CN.MINUTE_DATA else 1
        sample = Sample(frame.data_time.minute, span, columns, flags)
        key = (item.monitor_id, hour_of(frame.data_time))
        added[key] = merge_hours(added.get(key, {}), sample_stats(sample))
        if not item.backfill:
            live.add(key)
    return added, live


def apply_frames(committed: Sequence[Committed]) -> Change:
    """Add the committed frames to their hours, then refresh their days and latest hours.
    Idempotent only per frame: call it once for each committed batch (the hook does)."""
    added, live = frame_samples(committed)
    if not added:
        return Change()
    with transaction.atomic():
        _lock()
        hours = _merge(added, live)
        _refresh_days({(monitor_id, beijing_day(hour)) for monitor_id, hour in hours})
        _refresh_latest(hours)
    return Change(hours, live & hours.keys())


def _existing(keys: Iterable[Key]) -> dict[Key, HourlyValue]:
    by_hour: dict[datetime, list[int]] = defaultdict(list)
    for monitor_id, hour in keys:
        by_hour[hour].append(monitor_id)
    if not by_hour:
        return {}
    condition = Q()
    for hour, ids in by_hour.items():
        condition |= Q(hour=hour, monitor_id__in=ids)
    rows = HourlyValue.objects.filter(condition)
    return {(row.monitor_id, hour_of(row.hour)): row for row in rows}


def _row_values(row: HourlyValue, stats: HourStats, now: datetime) -> None:
    row.stats = _serialised(stats)
    row.pm10 = stats["pm10"].average("pm10") if "pm10" in stats else None
    row.pm25 = stats["pm25"].average("pm25") if "pm25" in stats else None
    row.updated_at = now


def _merge(added: Mapping[Key, HourStats], live: set[Key]) -> dict[Key, HourStats]:
    """Merge `added` into the stored hours (in the caller's locked transaction); returns the results."""
    now = timezone.now()
    stored = _existing(added)
    merged: dict[Key, HourStats] = {}
    rows = []
    for key, stats in added.items():
        monitor_id, hour = key
        before = stored.get(key)
        result = dict(stats) if before is None else merge_hours(parsed(before.stats), stats)
        row = HourlyValue(monitor_id=monitor_id, hour=hour, day=beijing_day(hour))
        _row_values(row, result, now)
        row.live = (before is not None and before.live) or key in live
        rows.append(row)
        merged[key] = result
    upsert(HourlyValue, rows, ["monitor", "hour"], ["stats", "pm10", "pm25", "live", "updated_at"])
    return merged


def _refresh_days(pairs: set[tuple[int, date]]) -> None:
    """Recompute the given days of the given monitors from their hours."""
    if not pairs:
        return
    monitors = {monitor_id for monitor_id, _day in pairs}
    days = {day for _monitor, day in pairs}
    hours: dict[tuple[int, date], list[HourStats]] = defaultdict(list)
    rows = HourlyValue.objects.filter(monitor_id__in=monitors, day__in=days).values_list(
        "monitor_id", "day", "stats"
    )
    for monitor_id, day, stats in rows:
        if (monitor_id, day) in pairs:
            hours[(monitor_id, day)].append(parsed(stats))
    now = timezone.now()
    computed, empty = [], set()
    for key in pairs:
        monitor_id, day = key
        if key not in hours:
            empty.add(key)
            continue
        row = DailyValue(monitor_id=monitor_id, day=day)
        _day_values(row, day_stats(hours[key]), now)
        computed.append(row)
    if empty:  # days whose hours were all removed (a recomputation from fewer readings)
        stored = DailyValue.objects.filter(monitor_id__in=monitors, day__in=days).values_list(
            "monitor_id", "day", "pk"
        )
        DailyValue.objects.filter(
            pk__in=[pk for monitor_id, day, pk in stored if (monitor_id, day) in empty]
        ).delete()
    upsert(
        DailyValue, computed, ["monitor", "day"],
        ["stats", "pm10", "pm25", "pm10_hours", "aqi", "level", "primary", "updated_at"],
    )  # fmt: skip


def _day_values(row: DailyValue, factors: Mapping[str, DayFactor], now: datetime) -> None:
    row.stats = {factor: factors[factor].as_list() for factor in sorted(factors)}
    row.pm10 = factors["pm10"].average("pm10") if "pm10" in factors else None
    row.pm25 = factors["pm25"].average("pm25") if "pm25" in factors else None
    row.pm10_hours = factors["pm10"].hours if "pm10" in factors else 0
    index = index_of(row.day, {"pm10": row.pm10, "pm25": row.pm25})
    row.aqi, row.level, row.primary = index
    row.updated_at = now


def index_of(day: date, concentrations: Mapping[str, float | None]) -> tuple[int | None, int | None, str]:
    """(AQI as stored, level, primary pollutant) of the concentrations, or Nones without any."""
    if all(value is None for value in concentrations.values()):
        return None, None, ""
    result = hj633.aqi(concentrations, day)
    stored = ABOVE_TABLE if result.aqi is None else result.aqi
    return stored, result.category.level, "、".join(result.primary)


def _refresh_latest(hours: Mapping[Key, HourStats]) -> None:
    """Move each monitor's latest valid hour forward to the newest valid hour among `hours`."""
    newest: dict[int, datetime] = {}
    for (monitor_id, hour), stats in hours.items():
        valid = any(factor in stats and stats[factor].valid for factor in ("pm10", "pm25"))
        if valid and (monitor_id not in newest or hour > newest[monitor_id]):
            newest[monitor_id] = hour
    if not newest:
        return
    stored = {row.monitor_id: row for row in LatestHour.objects.filter(monitor_id__in=newest)}
    values = {
        (row.monitor_id, hour_of(row.hour)): row
        for row in HourlyValue.objects.filter(monitor_id__in=newest, hour__in=set(newest.values()))
    }
    now = timezone.now()
    rows = []
    for monitor_id, hour in newest.items():
        before = stored.get(monitor_id)
        if before is not None and hour_of(before.hour) > hour:
            continue
        hourly = values.get((monitor_id, hour))
        if hourly is None:
            continue
        row = LatestHour(monitor_id=monitor_id, hour=hour, pm10=hourly.pm10, pm25=hourly.pm25, updated_at=now)
        row.aqi, row.level, row.primary = hourly_index(monitor_id, hour, hourly.pm10, hourly.pm25)
        rows.append(row)
    upsert(LatestHour, rows, ["monitor"], ["hour", "pm10", "pm25", "aqi", "level", "primary", "updated_at"])


def hourly_index(
    monitor_id: int, hour: datetime, pm10: float | None, pm25: float | None
) -> tuple[int | None, int | None, str]:
    """The index of an hour as an hourly report gives it: the 1-hour values under HJ 633-2026, the
    24-hour sliding averages (read from the previous hours) under HJ 633-2012."""
    day = beijing_day(hour)
    if hj633.standard_for(day) == hj633.STANDARD_2026:
        return index_of(day, {"pm10": pm10, "pm25": pm25})
    window = HourlyValue.objects.filter(
        monitor_id=monitor_id, hour__gt=hour - HOURS_PER_DAY * HOUR, hour__lte=hour
    ).values_list("hour", "pm10", "pm25")
    by_hour = {hour_of(moment): (p10, p25) for moment, p10, p25 in window}
    series = [by_hour.get(hour - step * HOUR, (None, None)) for step in range(HOURS_PER_DAY - 1, -1, -1)]
    sliding = {
        "pm10": sliding_average([p10 for p10, _p25 in series]),
        "pm25": sliding_average([p25 for _p10, p25 in series]),
    }
    return index_of(day, sliding)


# --- from readings (recomputation) -----------------------------------------------------------------


StoredReading = tuple[int, str, datetime, bool, Mapping[str, float | None], Mapping[str, str]]


def reading_hours(
    readings: Iterable[StoredReading], intervals: Mapping[int, int]
) -> tuple[dict[Key, HourStats], set[Key]]:
    """Hours from stored readings (monitor id, CN, data time, backfill, values by column, flags by
    code), and the hours with live data."""
    hours: dict[Key, HourStats] = {}
    live: set[Key] = set()
    for monitor_id, cn, data_time, backfill, values, flags in readings:
        local = data_time.astimezone(BEIJING)
        span = intervals.get(monitor_id, 1) if cn == CN.MINUTE_DATA else 1
        key = (monitor_id, hour_of(local))
        hours[key] = merge_hours(hours.get(key, {}), sample_stats(Sample(local.minute, span, values, flags)))
        if not backfill:
            live.add(key)
    return hours, live


_VALUE_COLUMNS = tuple(FACTORS)


def _stored_readings(monitors: Mapping[str, int], start: datetime, end: datetime) -> Iterator[StoredReading]:
    rows = Reading.objects.filter(
        mn__in=list(monitors), cn__in=sorted(ROLLUP_CNS), data_time__gte=start, data_time__lt=end
    ).values_list("mn", "cn", "data_time", "backfill", "flags", *_VALUE_COLUMNS)
    for mn, cn, data_time, backfill, flags, *values in rows.iterator(chunk_size=5000):
        yield (
            monitors[mn],
            cn,
            data_time,
            backfill,
            dict(zip(_VALUE_COLUMNS, values, strict=True)),
            flags or {},
        )


def recompute(
    start: datetime,
    end: datetime,
    *,
    monitor_ids: Iterable[int] | None = None,
    chunk: int = 100,
    now: datetime | None = None,
) -> int:
    """Rebuild the hours in [start, end) (whole hours) of the monitors (all when None) from the stored
    readings, then their days and latest hours. Returns how many hourly rows hold data afterwards.
    Idempotent. Inside the period an hour without readings is removed, so a period starting before
    retention's cutoff is refused (ValueError): its readings may be gone, and rollups are kept for ever."""
    start, end = hour_of(start), hour_of(end - timedelta(microseconds=1)) + HOUR
    cutoff = retention.kept_since(now)
    if start < cutoff:
        raise ValueError(
            _(
                "The readings before %(cutoff)s may have been dropped (HELUO_MONITORING_KEEP_DAYS): the hourly values before then are kept as they are. Recompute from %(cutoff)s on."
            )
            % {"cutoff": format_data_time(cutoff)}
        )
    monitors = Monitor.objects.order_by("pk")
    if monitor_ids is not None:
        monitors = monitors.filter(pk__in=list(monitor_ids))
    every = list(monitors.values_list("pk", "mn", "minute_interval"))
    written = 0
    for first in range(0, len(every), chunk):
        part = every[first : first + chunk]
        by_mn = {mn: pk for pk, mn, _interval in part}
        intervals = {pk: interval for pk, _mn, interval in part}
        for day in _days_between(start, end):
            day_start, day_end = day_bounds(day)
            written += _rebuild_hours(by_mn, intervals, max(start, day_start), min(end, day_end))
        with transaction.atomic():
            _lock()
            _rebuild_latest(list(intervals))
    return written


def _rebuild_hours(
    monitors: Mapping[str, int], intervals: Mapping[int, int], start: datetime, end: datetime
) -> int:
    """Rebuild [start, end), within one Beijing day, and that day. The lock (on SQLite the IMMEDIATE
    transaction's write lock) is taken before the readings are read: a batch's hook merges into these
    hours either before they are read or after they are written, never in between (it would be lost).
    One day at a time keeps the lock short."""
    with transaction.atomic():
        _lock()
        hours, live = reading_hours(_stored_readings(monitors, start, end), intervals)
        ids = list(intervals)
        HourlyValue.objects.filter(monitor_id__in=ids, hour__gte=start, hour__lt=end).delete()
        now = timezone.now()
        rows = []
        for (monitor_id, hour), stats in sorted(hours.items()):
            row = HourlyValue(monitor_id=monitor_id, hour=hour, day=beijing_day(hour))
            _row_values(row, stats, now)
            row.live = (monitor_id, hour) in live
            rows.append(row)
        HourlyValue.objects.bulk_create(rows, batch_size=2000)
        _refresh_days({(monitor_id, beijing_day(start)) for monitor_id in ids})
    return len(rows)


def _days_between(start: datetime, end: datetime) -> list[date]:
    first, last = beijing_day(start), beijing_day(end - timedelta(microseconds=1))
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _rebuild_latest(monitor_ids: Sequence[int]) -> None:
    """Each monitor's latest valid hour, read again from its hours (after a recomputation)."""
    LatestHour.objects.filter(monitor_id__in=monitor_ids).delete()
    newest: dict[Key, HourStats] = {}
    for monitor_id in monitor_ids:
        row = (
            HourlyValue.objects.filter(monitor_id=monitor_id)
            .filter(Q(pm10__isnull=False) | Q(pm25__isnull=False))
            .order_by("-hour")
            .first()
        )
        if row is not None:
            newest[(monitor_id, hour_of(row.hour))] = parsed(row.stats)
    _refresh_latest(newest)


def reconcile_recent_hours(*, now: datetime | None = None, hours: int = 6, settle_hours: int = 2) -> int:
    """Recompute every monitor's hours that ended between `hours` and `settle_hours` ago from the
    readings: repairs what a hook lost when its process died after a commit. Hours still filling are
    left to the hooks (a recomputation racing a batch's hook could count that batch twice)."""
    end = hour_of(now or timezone.now()) - settle_hours * HOUR
    return recompute(end - (hours - settle_hours) * HOUR, end, now=now)
