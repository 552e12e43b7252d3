"""How long readings are kept: `HELUO_MONITORING_KEEP_DAYS` (default 400) — then dropped a whole month at
a time (a monthly partition on PostgreSQL, the month's rows on SQLite). Rollups are kept for ever.

A month is dropped only once all of it is older than the period, and never a month the receiver still
accepts frames for (`HELUO_HJ212_MAX_AGE_DAYS`): the period must be longer than that by a month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from heluo.monitoring.conf import ingest_settings
from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.models import Reading


def keep_days() -> int:
    """HELUO_MONITORING_KEEP_DAYS, checked against the receiver's window (ValueError when too short)."""
    days = int(settings.MONITORING_KEEP_DAYS)
    window = ingest_settings().max_age_days
    if days < window + 31:
        raise ValueError(
            f"HELUO_MONITORING_KEEP_DAYS={days} must exceed the receiver's window ({window} days) by a month"
        )
    return days


@dataclass(frozen=True)
class Dropped:
    months: list[str]  # YYYYMM
    rows: int  # rows deleted on SQLite (PostgreSQL drops partitions whole and does not count them)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def droppable_before(now: datetime, days: int) -> date:
    """The first day of the oldest month that must be kept: every month before it is older than `days`."""
    cutoff = (now.astimezone(BEIJING) - timedelta(days=days)).date()
    return _month_start(cutoff)


def kept_since(now: datetime | None = None, days: int | None = None) -> datetime:
    """The start (Beijing) of the oldest month whose readings retention keeps: readings before it may
    have been dropped."""
    first_kept = droppable_before(now or timezone.now(), days if days is not None else keep_days())
    return datetime(first_kept.year, first_kept.month, 1, tzinfo=BEIJING)


def _postgres_partitions() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'monitoring_reading' ORDER BY 1"
        )
        return [name for (name,) in cursor.fetchall()]


def _month_of(partition: str) -> str:
    return partition.rsplit("_", 1)[-1]


def drop_old_readings(
    *, now: datetime | None = None, days: int | None = None, dry_run: bool = False
) -> Dropped:
    """Drop the readings of every month wholly older than the keeping period. Idempotent."""
    boundary = kept_since(now, days)
    if connection.vendor == "postgresql":
        kept_from = f"{boundary:%Y%m}"
        names = [n for n in _postgres_partitions() if _month_of(n).isdigit() and _month_of(n) < kept_from]
        if not dry_run:
            with transaction.atomic(), connection.cursor() as cursor:
                for name in names:
                    cursor.execute(f'DROP TABLE "{name}"')
        return Dropped([_month_of(name) for name in names], 0)
    old = Reading.objects.filter(data_time__lt=boundary)
    months = sorted({f"{month:%Y%m}" for month in old.dates("data_time", "month")})
    if dry_run:
        return Dropped(months, old.count())
    # One DELETE, no per-row signals: readings have no dependants.
    return Dropped(months, old._raw_delete(old.db))
