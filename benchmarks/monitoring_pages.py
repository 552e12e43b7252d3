"""The monitoring platform's pages over 30 days of data, for 200 and for 2,000 monitors: the latency of
the live map (page and its refresh) and of a monitoring point's curves (30 days of hourly values), p50/p95, and the
ratio of the two sizes. Pages read rollups only, so the ratio should stay near 1 (goal: p95 < 150 ms,
ratio < 1.2).

Each size runs in its own process over a fresh installation (a temporary SQLite file, or a new
PostgreSQL database with BENCH_DATABASE=postgresql: HELUO_BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/heluo, dropped afterwards). The hourly and daily values are written
directly (bulk), not through the receiver: 720 hours and 30 days per monitor, with the additive
statistics of heluo.monitoring.validity. Requests go through Django's test client as the city's
department staff (all monitors in scope), 5 warm-up requests then BENCH_REQUESTS (default 40) each.
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
DAYS = 30
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "2400"))
PAGES = ("live map page", "live map refresh", "point curves (30 days hourly)")


def run() -> list[tuple[str, float, str]]:
    figures: dict[int, dict[str, Any]] = {}
    for size in SIZES:
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.monitoring_pages", DATABASE, str(size)],
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            return []
        figures[size] = json.loads(result.stdout.strip().splitlines()[-1])
    rows: list[tuple[str, float, str]] = []
    small, large = SIZES
    for size in SIZES:
        rows.append(
            (f"{DATABASE}: {size:,} monitors: load 30 days of rollups", figures[size]["load_seconds"], "s")
        )
    for page in PAGES:
        for size in SIZES:
            rows.append((f"{DATABASE}: {page}, {size:,} monitors, p50", figures[size][page]["p50"], "ms"))
            rows.append((f"{DATABASE}: {page}, {size:,} monitors, p95", figures[size][page]["p95"], "ms"))
        ratio = figures[large][page]["p95"] / figures[small][page]["p95"]
        rows.append((f"{DATABASE}: {page}, p95 {large:,} ÷ {small:,}", ratio, "×"))
    return rows


# --- the child process ---------------------------------------------------------------------------


def _monitors(count: int) -> list[int]:
    """Luoyang's divisions and accounts (core's demo), and `count` monitoring points with one monitor each."""
    from decimal import Decimal

    from heluo.core.demo import load_demo
    from heluo.core.models import Division
    from heluo.core.services.accounts import system_operator
    from heluo.monitoring.models import Monitor, MonitoringPoint

    load_demo(system_operator())
    rng = random.Random(count)
    streets = list(
        Division.objects.filter(level=4, valid_to__isnull=True, path__startswith="4103").order_by("code")
    )
    points = MonitoringPoint.objects.bulk_create(
        [
            MonitoringPoint(
                name=f"基准工地{n:05d}",
                division=streets[n % len(streets)],
                longitude=Decimal(f"{112.45 + rng.uniform(-0.3, 0.3):.6f}"),
                latitude=Decimal(f"{34.62 + rng.uniform(-0.2, 0.2):.6f}"),
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    monitors = Monitor.objects.bulk_create(
        [Monitor(mn=f"BENCH{n:08d}", pw="123456", point=point) for n, point in enumerate(points)],
        batch_size=1000,
    )
    return [monitor.pk for monitor in monitors]


def _load(monitor_ids: list[int], now: dt.datetime) -> float:
    """30 days of hourly and daily values and a latest hour per monitor, written in bulk."""
    from django.db import connection, transaction

    from heluo.monitoring.hj212 import BEIJING
    from heluo.monitoring.models import DailyValue, HourlyValue, LatestHour
    from heluo.monitoring.services.rollups import index_of
    from heluo.monitoring.validity import Stats, day_factor

    started = time.monotonic()
    end = now.astimezone(BEIJING).replace(minute=0, second=0, microsecond=0)
    hours = [end - dt.timedelta(hours=h) for h in range(DAYS * 24, 0, -1)]
    full = (1 << 60) - 1
    adapt = connection.ops.adapt_datetimefield_value if connection.vendor == "sqlite" else (lambda v: v)
    for monitor_id in monitor_ids:
        rng = random.Random(monitor_id)
        base = rng.uniform(40, 140)
        hourly, by_day = [], {}
        for hour in hours:
            local = hour.astimezone(BEIJING)
            pm10 = round(
                max(5.0, base * (1 + 0.4 * math.sin(local.hour / 24 * 2 * math.pi)) * rng.uniform(0.8, 1.2))
            )
            pm25 = round(pm10 * 0.55)
            stats = {
                "pm10": Stats(60, pm10 * 60.0, pm10 * 0.8, pm10 * 1.2, full, 0),
                "pm25": Stats(60, pm25 * 60.0, pm25 * 0.8, pm25 * 1.2, full, 0),
                "tsp": Stats(60, pm10 * 102.0, pm10 * 1.4, pm10 * 2.0, full, 0),
            }
            hourly.append((monitor_id, adapt(hour), local.date(), json.dumps({f: s.as_list() for f, s in stats.items()}),
                           float(pm10), float(pm25), False, adapt(now)))  # fmt: skip
            by_day.setdefault(local.date(), []).append(stats)
        daily = []
        for day, day_hours in by_day.items():
            factors = {f: day_factor(f, [h[f] for h in day_hours]) for f in ("pm10", "pm25", "tsp")}
            pm10, pm25 = factors["pm10"].average("pm10"), factors["pm25"].average("pm25")
            aqi, level, primary = index_of(day, {"pm10": pm10, "pm25": pm25})
            daily.append((monitor_id, day, json.dumps({f: v.as_list() for f, v in factors.items()}), pm10, pm25,
                          factors["pm10"].hours, aqi, level, primary, adapt(now)))  # fmt: skip
        last = hourly[-1]
        aqi, level, primary = index_of(hours[-1].date(), {"pm10": last[4], "pm25": last[5]})
        with transaction.atomic(), connection.cursor() as cursor:
            marker = "%s"
            cursor.executemany(
                f"INSERT INTO {HourlyValue._meta.db_table} (monitor_id, hour, day, stats, pm10, pm25, live, updated_at)"
                f" VALUES ({', '.join([marker] * 8)})",
                hourly,
            )
            cursor.executemany(
                f"INSERT INTO {DailyValue._meta.db_table} (monitor_id, day, stats, pm10, pm25, pm10_hours, aqi, level,"
                f' "primary", updated_at) VALUES ({", ".join([marker] * 10)})',
                daily,
            )
            LatestHour.objects.create(monitor_id=monitor_id, hour=hours[-1], pm10=last[4], pm25=last[5], aqi=aqi,
                                      level=level, primary=primary, updated_at=now)  # fmt: skip
    return time.monotonic() - started


def _timed(client: Any, url: str, **headers: str) -> dict[str, float]:
    for _ in range(5):
        assert client.get(url, **headers).status_code == 200, url
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url, **headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, math.ceil(0.95 * len(times)) - 1)]}


def child(database: str, count: int) -> None:
    url = install("monitoring", database)
    try:
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.utils import timezone

        monitor_ids = _monitors(count)
        load_seconds = _load(monitor_ids, timezone.now())
        client = Client()
        user = get_user_model().objects.get(username="zhujian")
        user.account.must_change_password = False
        user.account.save()
        client.force_login(user)
        from heluo.monitoring.models import Monitor

        point = Monitor.objects.get(pk=monitor_ids[len(monitor_ids) // 2]).point_id
        figures: dict[str, Any] = {"load_seconds": load_seconds}
        figures[PAGES[0]] = _timed(client, "/monitoring/live/")
        figures[PAGES[1]] = _timed(client, "/monitoring/live/data/", HTTP_HX_REQUEST="true")
        figures[PAGES[2]] = _timed(client, f"/monitoring/points/{point}/curves/?days=30&daily=30")
        print(json.dumps(figures))
    finally:
        if url:
            from django.db import connections

            connections.close_all()
            drop_postgres(url)


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
