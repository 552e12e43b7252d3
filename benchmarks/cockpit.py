"""The leaders' cockpit over a year of data, for 200 and for 2,000 construction sites: the latency of the
city leader's cockpit page (every panel's data in it) and of its JSON refresh, p50/p95, and the ratio of
the two sizes (goal: p95 < 300 ms, ratio < 1.5), on SQLite and on PostgreSQL (skipped when unreachable).

Each database runs in its own process over a fresh installation (a temporary SQLite file, or a new
PostgreSQL database on HELUO_BENCH_POSTGRES_URL; see benchmarks/installation.py) with core's demo
(Luoyang's divisions and accounts) and an assessment scheme for the year. Then, per site and written in
bulk: the site and its monitor, a year of daily rollups and the latest hour, an alarm a month, a
supervision case a month (closed on time, closed late, or open and overdue) and an inspection a month.
The pages are measured at 200 sites, then 1,800 more are written and they are measured again, so both
sizes share one installation. Requests go through Django's test client as the city leader (lingdao), 5
warm-up requests then BENCH_REQUESTS (default 30) each: the page as served (its panels' data kept a few
minutes, docs/dashboards.md), and the page and its JSON refresh with nothing kept, every panel counted.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from typing import Any

from benchmarks.installation import drop_postgres, install

SIZES = (200, 2000)
DAYS = 365
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "2400"))
# The page as served (its panels kept for HELUO_COCKPIT_CACHE_SECONDS: what every request but the first of
# a few minutes gets), and the page and its refresh counted afresh (the cache emptied before each request).
PAGES = ("cockpit page, served", "cockpit page, counted afresh", "cockpit data, counted afresh")


def run() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    for database in ("sqlite", "postgresql"):
        rows += _database(database)
    return rows


def _database(database: str) -> list[tuple[str, float, str]]:
    try:
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.cockpit", database],
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        print(f"cockpit on {database}: stopped after {TIMEOUT} s", file=sys.stderr)
        return []
    if result.returncode == 3:
        print(f"cockpit: {result.stderr.strip()}", file=sys.stderr)
        return []
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        return []
    figures = {int(size): item for size, item in json.loads(result.stdout.strip().splitlines()[-1]).items()}
    rows: list[tuple[str, float, str]] = []
    small, large = SIZES
    for size in SIZES:
        rows.append((f"{database}: {size:,} sites: load a year (bulk)", figures[size]["load_seconds"], "s"))
    for page in PAGES:
        for size in SIZES:
            rows.append((f"{database}: {page}, {size:,} sites, p50", figures[size][page]["p50"], "ms"))
            rows.append((f"{database}: {page}, {size:,} sites, p95", figures[size][page]["p95"], "ms"))
        ratio = figures[large][page]["p95"] / figures[small][page]["p95"]
        rows.append((f"{database}: {page}, p95 {large:,} ÷ {small:,}", ratio, "×"))
    return rows


# --- the child process ---------------------------------------------------------------------------


def _sites(first: int, count: int, now: dt.datetime) -> list[tuple[int, int, int, int]]:
    """Sites `first` … `first + count - 1` on Luoyang's streets, each with a monitoring point watching it
    and a monitor: (site, point, monitor, division) ids."""
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType

    from heluo.core.models import Division, Unit
    from heluo.dust.models import Site
    from heluo.monitoring.models import Monitor, MonitoringPoint

    rng = random.Random(first)
    streets = list(
        Division.objects.filter(level=4, valid_to__isnull=True, path__startswith="4103").order_by("code")
    )
    contractor = Unit.objects.order_by("pk").first()
    sites = Site.objects.bulk_create(
        [Site(name=f"基准工地{n:05d}", kind="building", division=streets[n % len(streets)], contractor=contractor,
              state="under_construction", start_date=(now - dt.timedelta(days=400)).date())
         for n in range(first, first + count)],
        batch_size=1000,
    )  # fmt: skip
    watched_type = ContentType.objects.get_for_model(Site)
    points = MonitoringPoint.objects.bulk_create(
        [MonitoringPoint(name=site.name, division=site.division, watched_type=watched_type, watched_id=site.pk,
                         longitude=Decimal(f"{112.45 + rng.uniform(-0.3, 0.3):.6f}"),
                         latitude=Decimal(f"{34.62 + rng.uniform(-0.2, 0.2):.6f}")) for site in sites],
        batch_size=1000,
    )  # fmt: skip
    monitors = Monitor.objects.bulk_create(
        [Monitor(mn=f"BENCH{first + n:08d}", pw="123456", point=point) for n, point in enumerate(points)],
        batch_size=1000,
    )
    return [(s.pk, p.pk, m.pk, s.division_id) for s, p, m in zip(sites, points, monitors, strict=True)]


def _rollups(rows: list[tuple[int, int, int, int]], now: dt.datetime) -> None:
    """A year of daily values and the latest hour per monitor (the cockpit reads no hourly value)."""
    from django.db import connection, transaction

    from heluo.monitoring.models import DailyValue, LatestHour
    from heluo.monitoring.services.rollups import index_of

    adapt = connection.ops.adapt_datetimefield_value if connection.vendor == "sqlite" else (lambda v: v)
    today = now.date()
    days = [today - dt.timedelta(days=d) for d in range(DAYS)]
    latest = []
    with transaction.atomic(), connection.cursor() as cursor:
        for _site, _point, monitor, _division in rows:
            rng = random.Random(monitor)
            base = rng.uniform(40, 140)
            daily = []
            for day in days:
                pm10 = round(base * rng.uniform(0.6, 1.5), 1)
                pm25 = round(pm10 * 0.55, 1)
                aqi, level, primary = index_of(day, {"pm10": pm10, "pm25": pm25})
                daily.append((monitor, day, "{}", pm10, pm25, 24, aqi, level, primary, adapt(now)))
            cursor.executemany(
                f"INSERT INTO {DailyValue._meta.db_table} (monitor_id, day, stats, pm10, pm25, pm10_hours, aqi,"
                f' level, "primary", updated_at) VALUES ({", ".join(["%s"] * 10)})',
                daily,
            )
            hour = now.replace(minute=0, second=0, microsecond=0)
            aqi, level, primary = index_of(today, {"pm10": base, "pm25": base * 0.55})
            latest.append(LatestHour(monitor_id=monitor, hour=hour, pm10=base, pm25=base * 0.55, aqi=aqi,
                                     level=level, primary=primary, updated_at=now))  # fmt: skip
        LatestHour.objects.bulk_create(latest, batch_size=1000)


def _year(rows: list[tuple[int, int, int, int]], now: dt.datetime) -> None:
    """An alarm, a case and an inspection a month per site over the last year."""
    from django.contrib.auth import get_user_model

    from heluo.cases.models import Case, CaseCategory, State
    from heluo.core.models import Unit
    from heluo.dust.models import ChecklistTemplate, Inspection
    from heluo.monitoring.models import Alarm, AlarmRule

    rule = AlarmRule.objects.filter(active=True).order_by("pk").first()
    template = ChecklistTemplate.objects.order_by("pk").first() or ChecklistTemplate.objects.create(
        name="基准检查表", kind="during"
    )
    inspector = get_user_model().objects.get(username="wangge")
    category = CaseCategory.objects.get(code="dust")
    unit = Unit.objects.order_by("pk").first()
    alarms, cases, inspections = [], [], []
    for site, point, monitor, division in rows:
        rng = random.Random(site)
        for month in range(12):
            at = now - dt.timedelta(days=30 * month + rng.uniform(1, 28))
            alarms.append(Alarm(rule=rule, point_id=point, monitor_id=monitor, state="cleared", open=False,
                                raised_at=at, last_breach_at=at, cleared_at=at + dt.timedelta(hours=3)))  # fmt: skip
            due = at + dt.timedelta(days=7)
            outcome = rng.random()
            closed = due - dt.timedelta(days=1) if outcome < 0.7 else due + dt.timedelta(days=2)
            open_case = outcome > 0.9 and due < now
            cases.append(Case(
                number=f"BENCH-{site:06d}-{month:02d}", title="基准督办事项", category=category, division_id=division,
                responsible_unit=unit, state=State.IN_PROGRESS if open_case else State.CLOSED, assigned_at=at,
                due_date=due.date(), due_at=due, original_due_date=due.date(), original_due_at=due,
                replied_at=None if open_case else closed, closed_at=None if open_case else closed,
            ))  # fmt: skip
            inspections.append(Inspection(site_id=site, template=template, inspector=inspector, performed_at=at,
                                          passed=rng.random() < 0.8))  # fmt: skip
    Alarm.objects.bulk_create(alarms, batch_size=2000)
    Case.objects.bulk_create(cases, batch_size=2000)
    Inspection.objects.bulk_create(inspections, batch_size=2000)


def _timed(client: Any, url: str, *, afresh: bool) -> dict[str, float]:
    from django.core.cache import cache

    for _ in range(5):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(REQUESTS):
        if afresh:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, math.ceil(0.95 * len(times)) - 1)]}


def _grow(first: int, count: int) -> float:
    """Write `count` more sites with their year; the seconds it took."""
    from django.db import connection
    from django.utils import timezone

    started = time.monotonic()
    now = timezone.now()
    rows = _sites(first, count, now)
    _rollups(rows, now)
    _year(rows, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.monotonic() - started


def child(database: str) -> None:
    url = install("cockpit", database)
    try:
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.utils import timezone

        from heluo.core.demo import load_demo
        from heluo.core.services.accounts import system_operator
        from heluo.dust.models import AssessmentScheme

        load_demo(system_operator())
        today = timezone.localdate()
        AssessmentScheme.objects.create(name="基准考核", subject="district", period_start=today.replace(month=1, day=1),
                                        period_end=today.replace(month=12, day=31))  # fmt: skip
        user = get_user_model().objects.get(username="lingdao")
        user.account.must_change_password = False
        user.account.save()
        client = Client()
        client.force_login(user)
        figures: dict[int, dict[str, Any]] = {}
        written = 0
        for size in SIZES:
            load_seconds = _grow(written, size - written)
            written = size
            figures[size] = {"load_seconds": load_seconds}
            figures[size][PAGES[0]] = _timed(client, "/dashboards/cockpit/", afresh=False)
            figures[size][PAGES[1]] = _timed(client, "/dashboards/cockpit/", afresh=True)
            figures[size][PAGES[2]] = _timed(client, "/dashboards/cockpit/data/", afresh=True)
        print(json.dumps(figures))
    finally:
        if url:
            from django.db import connections

            connections.close_all()
            drop_postgres(url)


if __name__ == "__main__":
    child(sys.argv[1])
