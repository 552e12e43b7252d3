"""What the monitoring pages read: the latest hour of each monitor (live map and list), a point's hourly
and daily values (curves), data capture and offline devices. Rollups only, never readings: a page costs
the same with a month or a year of data behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Avg, Count, FloatField, Max, Q, QuerySet, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from heluo.monitoring import aqi as hj633
from heluo.monitoring.conf import offline_after
from heluo.monitoring.models import ABOVE_TABLE, DailyValue, HourlyValue, Monitor
from heluo.monitoring.validity import HOURS_PER_DAY

from .rollups import HOUR, hour_of, parsed, parsed_day

# A latest hour older than this is not "live": the monitor shows grey on the map.
STALE_AFTER = timedelta(hours=3)
CURVE_FACTORS = ("pm10", "pm25", "tsp", "noise", "wind_speed", "temperature", "humidity")


def aqi_text(stored: int | None) -> str:
    if stored is None:
        return "—"
    return f"> {hj633.TOP_IAQI}" if stored >= ABOVE_TABLE else str(stored)


def category(level: int | None) -> hj633.Category | None:
    return hj633.CATEGORIES[level - 1] if level else None


# --- live ------------------------------------------------------------------------------------------

LIVE_FIELDS = (
    "pk", "mn", "name", "point_id", "point__name", "longitude", "latitude", "latest__hour",
    "latest__aqi", "latest__level", "latest__pm10", "latest__pm25", "latest__primary", "status__last_seen",
)  # fmt: skip


def live_monitors(user: Any) -> QuerySet[Monitor]:
    return Monitor.objects.for_user(user).filter(active=True)


def live_points(user: Any, now: datetime | None = None) -> dict[str, Any]:
    """Every active monitor the user sees, as compact rows for the map: [longitude, latitude, level,
    AQI text, point, MN, hour, PM10, PM2.5, point id, online] (level 0: no live hour), and the count per
    level. One query, no model objects: the map of 2,000 monitors must cost little more than of 200."""
    return points_of(live_monitors(user), now)


def points_of(monitors: QuerySet[Monitor], now: datetime | None = None) -> dict[str, Any]:
    """`live_points` for a given queryset of monitors (the cockpit's, narrowed to a division)."""
    now = now or timezone.now()
    live_since, online_since = now - STALE_AFTER, now - offline_after()
    local = timezone.get_current_timezone()  # once: looking it up per row was a fifth of the page
    points: list[list[Any]] = []
    counts = [0] * 7
    # Coordinates as floats in SQL: converting 2,000 pairs of Decimals in Python cost more than the query.
    rows = (
        monitors.annotate(
            longitude=Cast("point__longitude", FloatField()), latitude=Cast("point__latitude", FloatField())
        )
        .order_by("pk")
        .values_list(*LIVE_FIELDS)
    )
    for _pk, mn, _name, point_id, point, lon, lat, hour, stored, level, pm10, pm25, _primary, seen in rows:
        live = hour is not None and hour >= live_since - HOUR
        shown_level = level if live and level else 0
        counts[shown_level] += 1
        if lon is None or lat is None:
            continue
        points.append([
            lon, lat, shown_level, aqi_text(stored) if live else "—", point, mn,
            hour.astimezone(local).strftime("%m-%d %H:00") if hour else "", pm10, pm25, point_id,
            seen is not None and seen >= online_since,
        ])  # fmt: skip
    return {"points": points, "counts": counts, "at": timezone.localtime(now).strftime("%Y-%m-%d %H:%M:%S")}


@dataclass(frozen=True)
class LiveRow:
    monitor: Monitor
    hour: datetime | None
    aqi: str
    category: hj633.Category | None
    pm10: float | None
    pm25: float | None
    primary: str
    online: bool
    live: bool


def live_rows(monitors: Sequence[Monitor], now: datetime | None = None) -> list[LiveRow]:
    """The list page's rows for monitors fetched with `latest` and `status`."""
    now = now or timezone.now()
    rows = []
    for monitor in monitors:
        latest = getattr(monitor, "latest", None)
        status = getattr(monitor, "status", None)
        seen = status.last_seen if status is not None else None
        live = latest is not None and latest.hour >= now - STALE_AFTER - HOUR
        rows.append(
            LiveRow(
                monitor,
                latest.hour if latest else None,
                aqi_text(latest.aqi) if latest else "—",
                category(latest.level) if latest and live else None,
                latest.pm10 if latest else None,
                latest.pm25 if latest else None,
                latest.primary if latest else "",
                seen is not None and seen >= now - offline_after(),
                live,
            )
        )
    return rows


def filter_level(
    monitors: QuerySet[Monitor], level: int | None, now: datetime | None = None
) -> QuerySet[Monitor]:
    if not level:
        return monitors
    since = (now or timezone.now()) - STALE_AFTER - HOUR
    return monitors.filter(latest__level=level, latest__hour__gte=since)


# --- curves ----------------------------------------------------------------------------------------


def hourly_series(
    monitor_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, list[dict[str, Any]]]:
    """Each monitor's hours in [start, end): the hour, each factor's reported value (None where not
    valid), the minutes covered for PM10, and the hourly AQI (HJ 633 of the data's date)."""
    series: dict[int, list[dict[str, Any]]] = {pk: [] for pk in monitor_ids}
    rows = HourlyValue.objects.filter(monitor_id__in=monitor_ids, hour__gte=start, hour__lt=end).order_by(
        "hour"
    )
    for monitor_id, hour, stats_json, pm10, pm25 in rows.values_list(
        "monitor_id", "hour", "stats", "pm10", "pm25"
    ):
        stats = parsed(stats_json)
        point: dict[str, Any] = {"hour": timezone.localtime(hour).strftime("%Y-%m-%d %H:00")}
        for factor in CURVE_FACTORS:
            point[factor] = stats[factor].average(factor) if factor in stats else None
        point["minutes"] = stats["pm10"].minutes_covered if "pm10" in stats else 0
        day = timezone.localtime(hour).date()
        point["aqi"] = _aqi(day, pm10, pm25) if hj633.standard_for(day) == hj633.STANDARD_2026 else None
        series[monitor_id].append(point)
    return series


def _aqi(day: date, pm10: float | None, pm25: float | None) -> int | None:
    if pm10 is None and pm25 is None:
        return None
    try:
        result = hj633.aqi({"pm10": pm10, "pm25": pm25}, day)
    except ValueError:
        # A value no index is defined for (a negative hour stored before values were range-checked):
        # the page shows no index for it rather than failing.
        return None
    return result.aqi if result.aqi is not None else ABOVE_TABLE


def daily_series(monitor_ids: Sequence[int], first: date, last: date) -> dict[int, list[dict[str, Any]]]:
    series: dict[int, list[dict[str, Any]]] = {pk: [] for pk in monitor_ids}
    rows = DailyValue.objects.filter(monitor_id__in=monitor_ids, day__gte=first, day__lte=last).order_by(
        "day"
    )
    for row in rows:
        stats = parsed_day(row.stats)
        point: dict[str, Any] = {"day": row.day.isoformat(), "aqi": row.aqi, "level": row.level,
                                 "aqi_text": aqi_text(row.aqi), "primary": row.primary}  # fmt: skip
        for factor in CURVE_FACTORS:
            point[factor] = stats[factor].average(factor) if factor in stats else None
            point[f"{factor}_hours"] = stats[factor].hours if factor in stats else 0
        series[row.monitor_id].append(point)
    return series


def daily_aqi(monitors: QuerySet[Monitor], first: date, last: date) -> list[dict[str, Any]]:
    """For each day of [first, last]: the mean and the highest daily AQI of `monitors` (None on a day
    without a valid value) and how many monitors had one — the daily rollups in one grouped query."""
    rows = (
        DailyValue.objects.filter(monitor__in=monitors, day__gte=first, day__lte=last, aqi__isnull=False)
        .values("day")
        .annotate(mean=Avg("aqi"), highest=Max("aqi"), monitors=Count("monitor_id"))
        .order_by()
    )
    by_day = {row["day"]: row for row in rows}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [
        {"day": day.isoformat(), "mean": round(by_day[day]["mean"]) if day in by_day else None,
         "highest": by_day[day]["highest"] if day in by_day else None,
         "monitors": by_day[day]["monitors"] if day in by_day else 0}
        for day in days
    ]  # fmt: skip


# --- reports ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaptureRow:
    monitor: Monitor
    hours: int  # valid PM10 hourly values in the period
    expected: int
    valid_days: int

    @property
    def rate(self) -> float:
        return self.hours / self.expected if self.expected else 0.0


def capture(user: Any, first: date, last: date) -> QuerySet[Monitor]:
    """Monitors with their valid PM10 hours and valid days in [first, last] (annotated `valid_hours`,
    `valid_days`), lowest capture first."""
    return capture_of(live_monitors(user), first, last).select_related("point").order_by("valid_hours", "mn")


def capture_of(monitors: QuerySet[Monitor], first: date, last: date) -> QuerySet[Monitor]:
    """`monitors` annotated with their valid PM10 hours (`valid_hours`) and valid days (`valid_days`) in
    [first, last]: the capture page and the monitoring figures of core's registry count the same way."""
    days = Q(daily_values__day__gte=first, daily_values__day__lte=last)
    return monitors.annotate(
        valid_hours=Sum("daily_values__pm10_hours", filter=days),
        valid_days=Count("daily_values", filter=days & Q(daily_values__pm10__isnull=False)),
    )


def expected_hours(first: date, last: date) -> int:
    return ((last - first).days + 1) * HOURS_PER_DAY


def offline(user: Any, now: datetime | None = None) -> QuerySet[Monitor]:
    """Active monitors not heard from for the offline time (or never), longest silent first."""
    since = (now or timezone.now()) - offline_after()
    return (
        live_monitors(user)
        .filter(Q(status__last_seen__lt=since) | Q(status__isnull=True) | Q(status__last_seen__isnull=True))
        .select_related("point", "status", "point__division")
        .order_by("status__last_seen", "mn")
    )


def hour_window(days: int, now: datetime | None = None) -> tuple[datetime, datetime]:
    end = hour_of(now or timezone.now()) + HOUR
    return end - timedelta(days=days), end
