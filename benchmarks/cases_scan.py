"""The supervision scan over 1,000,000 open cases of which 1 % are due, on SQLite and on PostgreSQL: the
query plan of the scan's read (it must use the partial index on next_action_at), the time of one full
scan pass (reminders, overdue marking, escalations, their history, timeline and messages), and the
statistics page's latency over the same data.

Each database runs in its own process (Django is set up once per process) in a fresh installation:
a temporary SQLite file, and a new PostgreSQL database (HELUO_BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/heluo) dropped afterwards; PostgreSQL is skipped when unreachable.
Rows are written with bulk inserts (SQLite executemany, PostgreSQL COPY), not through the ORM.
BENCH_CASES (default 1,000,000) sets the size; each run is bounded by BENCH_TIMEOUT seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from typing import Any

from benchmarks.installation import drop_postgres, install

CASES = int(os.environ.get("BENCH_CASES", "1000000"))
DUE_SHARE = 0.01
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "2400"))
BATCH = 20_000


def run() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    for database in ("sqlite", "postgresql"):
        try:
            result = subprocess.run(
                [sys.executable, "-m", "benchmarks.cases_scan", database],
                capture_output=True, text=True, timeout=TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            print(f"cases_scan on {database}: stopped after {TIMEOUT} s", file=sys.stderr)
            continue
        if result.returncode == 3:
            print(f"cases_scan: {result.stderr.strip()}", file=sys.stderr)
            continue
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            continue
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"\n--- {database}: query plan of the scan's read ---\n{figures['plan']}\n", file=sys.stderr)
        rows += [
            (f"{database}: load {CASES:,} open cases (bulk)", figures["load_seconds"], "s"),
            (f"{database}: scan, {figures['due']:,} due of {CASES:,}", figures["scan_seconds"], "s"),
            (
                f"{database}: scan, cases acted on per second",
                figures["due"] / figures["scan_seconds"],
                "cases/s",
            ),
            (f"{database}: second scan (nothing due)", figures["idle_seconds"] * 1000, "ms"),
            (f"{database}: statistics page, per unit (median of 3)", figures["page_unit"] * 1000, "ms"),
            (
                f"{database}: statistics page, per district (median of 3)",
                figures["page_division"] * 1000,
                "ms",
            ),
            (f"{database}: scan read uses the partial index", float(figures["uses_index"]), "1 = yes"),
        ]
    return rows


def _people() -> tuple[Any, list[int], list[int]]:
    """Luoyang's divisions, 200 units across them (ten with accounts, so messages are sent) and a supervisor."""
    from heluo.core.models import Division, Role, Unit, UnitType
    from heluo.core.services import accounts, divisions

    operator = accounts.system_operator()
    divisions.load_divisions("410300", user=operator)
    streets = list(Division.objects.filter(level=4, valid_to__isnull=True).order_by("code"))
    government = UnitType.objects.get(code="government")
    units = Unit.objects.bulk_create(
        [
            Unit(name=f"基准责任单位{n:03d}", unit_type=government, division=streets[n % len(streets)])
            for n in range(200)
        ]
    )
    leader = Role.objects.get(code="unit_leader")
    for unit in units[:10]:
        accounts.create_account(operator, username=f"bench{unit.pk}", roles=[leader], unit=unit,
                                home_division=unit.division, password="x" * 12)  # fmt: skip
    supervisor = accounts.create_account(
        operator, username="benchduban", roles=[Role.objects.get(code="supervisor")],
        home_division=Division.objects.get(code="410300000000"), password="x" * 12,
    )[0].user  # fmt: skip
    supervisor.account.must_change_password = False
    supervisor.account.save()
    return supervisor, [u.pk for u in units], [u.division_id for u in units]


def _load(now: dt.datetime, unit_ids: list[int], division_ids: list[int]) -> int:
    """CASES open cases, assigned over the last 90 days; 1 % have their next step due before `now`."""
    from django.db import connection, transaction

    from heluo.cases.models import Case, CaseCategory

    rng = random.Random(20261125)
    category = CaseCategory.objects.get(code="dust").pk
    columns = ["created_at", "updated_at", "row_version", "is_demo", "number", "title", "description", "source_kind",
               "source_reference", "category_id", "division_id", "address", "priority", "responsible_unit_id",
               "time_limit_days", "requirements", "state", "assigned_at", "due_date", "due_at", "original_due_date",
               "original_due_at", "extended", "resume_state", "escalation", "next_action_at"]  # fmt: skip
    adapt = connection.ops.adapt_datetimefield_value if connection.vendor == "sqlite" else (lambda v: v)
    due_count = 0
    table = Case._meta.db_table

    def rows(start: int, stop: int) -> list[tuple[Any, ...]]:
        nonlocal due_count
        made = []
        for n in range(start, stop):
            unit = rng.randrange(len(unit_ids))
            assigned = now - dt.timedelta(minutes=rng.randrange(1, 90 * 24 * 60))
            due_now = rng.random() < DUE_SHARE
            if due_now:
                due_count += 1
                due = now + dt.timedelta(hours=rng.uniform(-96, 70))  # a reminder or an escalation is due
                step = dt.timedelta(days=-3) if due > now else dt.timedelta(0)
            else:
                due = now + dt.timedelta(days=rng.uniform(4, 60))
                step = dt.timedelta(days=-3)
            made.append((
                adapt(assigned), adapt(assigned), 1, False, f"BENCH-{n:07d}", "基准督办事项", "", "patrol", "",
                category, division_ids[unit], "", 1, unit_ids[unit], 5, "", "in_progress", adapt(assigned),
                due.date(), adapt(due), due.date(), adapt(due), False, "", 0, adapt(due + step),
            ))  # fmt: skip
        return made

    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, CASES, BATCH):
            batch = rows(start, min(start + BATCH, CASES))
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return due_count


def _plan(now: dt.datetime) -> str:
    from django.db import connection, transaction

    from heluo.cases.services.scan import due_cases

    query = due_cases(now).select_for_update(skip_locked=True).values("pk", "due_at", "escalation")
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with transaction.atomic(), connection.cursor() as cursor:
        # The scan's own read, FOR UPDATE SKIP LOCKED included (compiled inside a transaction).
        sql, params = query.query.sql_with_params()
        cursor.execute(explain + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def _page(client: Any, path: str) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return sorted(times)[1]


def measure(database: str) -> dict[str, Any]:
    url = install("cases", database)
    try:
        from django.test import Client
        from django.utils import timezone

        from heluo.cases.services.scan import scan

        supervisor, unit_ids, division_ids = _people()
        now = timezone.now()
        started = time.perf_counter()
        due = _load(now, unit_ids, division_ids)
        load_seconds = time.perf_counter() - started
        plan = _plan(now)
        started = time.perf_counter()
        report = scan(now)
        scan_seconds = time.perf_counter() - started
        assert report.cases == due, (report.cases, due)
        started = time.perf_counter()
        idle = scan(now)
        idle_seconds = time.perf_counter() - started
        assert idle.cases == 0
        client = Client()
        client.force_login(supervisor)
        return {
            "due": due, "load_seconds": load_seconds, "scan_seconds": scan_seconds, "idle_seconds": idle_seconds,
            "messages": report.messages, "plan": plan, "uses_index": "cases_case_next_action" in plan,
            "page_unit": _page(client, "/cases/statistics/"),
            "page_division": _page(client, "/cases/statistics/?by=division"),
        }  # fmt: skip
    finally:
        if url:
            from django.db import connections

            connections.close_all()
            drop_postgres(url)


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1])))
