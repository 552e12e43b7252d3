"""The receiver's bulk SQL, written once per database: the hot path bypasses the ORM.

SQLite takes `executemany`; PostgreSQL takes COPY for the readings and the log (measured in
docs/monitoring.md). Every function runs inside the caller's transaction on Django's connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from django.db import InterfaceError, OperationalError, connection
from django.db.models import Model

from heluo.monitoring.ingest.journal import LogEntry, StatusDelta, UnknownSighting
from heluo.monitoring.ingest.rows import COLUMNS, ReadingKey

_JSON_COLUMNS = frozenset({"flags", "extra", "problems"})
_DATETIME_COLUMNS = frozenset({"data_time", "received_at"})
LOG_COLUMNS = ("at", "mn", "direction", "cn", "peer", "reason", "text")
# SQLite (3.32 and later) binds at most 32,766 parameters per statement.
_SQLITE_MAX_VARIABLES = 32_766
_SQLITE_KEYS_PER_QUERY = _SQLITE_MAX_VARIABLES // 4


def upsert(model: type[Model], rows: list[Any], unique: list[str], fields: list[str]) -> None:
    """Insert `rows`, or update `fields` of those whose `unique` key is stored (INSERT … ON CONFLICT):
    one statement per batch, where bulk_update would build a CASE per field and row."""
    model._default_manager.bulk_create(
        rows, update_conflicts=True, unique_fields=unique, update_fields=fields
    )


def _postgres() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def _cursor() -> Iterator[Any]:
    """A cursor of the driver itself: Django's wrapper costs more per row than the insert."""
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def is_retryable(error: BaseException) -> bool:
    """The database is unreachable or busy (not the frames' fault): wait and write the batch again."""
    driver: Any = connection.Database  # type: ignore[attr-defined]
    return isinstance(
        error, OperationalError | InterfaceError | driver.OperationalError | driver.InterfaceError
    )


def db_datetime(value: datetime | None) -> Any:
    """A datetime as this database stores it (SQLite: UTC text, as Django writes it)."""
    if value is None or _postgres():
        return value
    return connection.ops.adapt_datetimefield_value(value)


def existing_contents(keys: Sequence[ReadingKey]) -> dict[ReadingKey, str]:
    """The stored frame text of each key that is stored already (usually none), by key with an aware
    DataTime: equal to the caller's keys whatever time zone they carry."""
    if not keys:
        return {}
    found: dict[ReadingKey, str] = {}
    with _cursor() as cursor:
        if _postgres():
            cursor.execute(
                "SELECT r.mn, r.cn, r.data_time, r.pno, r.raw FROM monitoring_reading r"
                " JOIN unnest(%s::varchar[], %s::varchar[], %s::timestamptz[], %s::smallint[])"
                " AS k(mn, cn, data_time, pno)"
                " ON r.mn = k.mn AND r.cn = k.cn AND r.data_time = k.data_time AND r.pno = k.pno",
                [list(column) for column in zip(*keys, strict=True)],
            )
            rows = cursor.fetchall()
        else:
            rows = []
            for start in range(0, len(keys), _SQLITE_KEYS_PER_QUERY):
                chunk = [
                    (key.mn, key.cn, db_datetime(key.data_time), key.pno)
                    for key in keys[start : start + _SQLITE_KEYS_PER_QUERY]
                ]
                values = ",".join(["(?,?,?,?)"] * len(chunk))
                # CROSS JOIN keeps the keys outside: one primary-key search each, never a table scan
                # (a row-value IN over VALUES scans the whole table in SQLite 3.40).
                cursor.execute(
                    f"WITH k(mn, cn, data_time, pno) AS (VALUES {values})"
                    " SELECT r.mn, r.cn, r.data_time, r.pno, r.raw FROM k CROSS JOIN monitoring_reading r"
                    " ON r.mn = k.mn AND r.cn = k.cn AND r.data_time = k.data_time AND r.pno = k.pno",
                    [part for key in chunk for part in key],
                )
                rows.extend(cursor.fetchall())
    for mn, cn, data_time, pno, raw in rows:
        # SQLite's converter gives naive UTC (as Django stores it); PostgreSQL gives aware times.
        moment = data_time if data_time.tzinfo is not None else data_time.replace(tzinfo=UTC)
        found[ReadingKey(mn, cn, moment, pno)] = raw
    return found


def _sqlite_value(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in _JSON_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    if column in _DATETIME_COLUMNS:
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _copy_value(column: str, value: Any) -> Any:
    if value is not None and column in _JSON_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    return value


def insert_readings(rows: Sequence[tuple[Any, ...]]) -> None:
    """Rows in `rows.COLUMNS` order; the caller has made sure their keys are not stored yet."""
    _insert("monitoring_reading", COLUMNS, rows)


def insert_log(entries: Sequence[LogEntry]) -> None:
    _insert(
        "monitoring_messagelog",
        LOG_COLUMNS,
        [tuple(getattr(entry, c) for c in LOG_COLUMNS) for entry in entries],
    )


def _insert(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    with _cursor() as cursor:
        if _postgres():
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_copy_value(c, v) for c, v in zip(columns, row, strict=True)])
        else:
            # Many rows per statement: sqlite3 releases the GIL around every statement it steps, and
            # each release costs the database thread a wait behind the busy event loop (measured in
            # docs/benchmarks.md); one statement per ~1,400 rows instead of one per row.
            per_statement = _SQLITE_MAX_VARIABLES // len(columns)
            one = f"({', '.join('?' * len(columns))})"
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                cursor.execute(
                    f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(chunk))}",
                    [_sqlite_value(c, v) for row in chunk for c, v in zip(columns, row, strict=True)],
                )


def upsert_status(deltas: dict[int, StatusDelta]) -> None:
    """Add the counters to each monitor's status row (creating it), keeping the latest times."""
    if not deltas:
        return
    later = (
        "GREATEST({t}.{c}, EXCLUDED.{c})"
        if _postgres()
        else "MAX(COALESCE({t}.{c}, EXCLUDED.{c}), COALESCE(EXCLUDED.{c}, {t}.{c}))"
    )
    table = "monitoring_monitorstatus"
    counters = ("frames", "stored", "duplicates", "conflicts", "backfilled", "heartbeats", "refused")
    sets = [f"{c} = {table}.{c} + EXCLUDED.{c}" for c in counters]
    sets += [f"{c} = {later.format(t=table, c=c)}" for c in ("last_seen", "last_data_time")]
    sets += [
        f"last_peer = CASE WHEN EXCLUDED.last_peer <> '' THEN EXCLUDED.last_peer ELSE {table}.last_peer END",
        f"last_refusal = CASE WHEN EXCLUDED.last_refusal_at IS NOT NULL THEN EXCLUDED.last_refusal ELSE {table}.last_refusal END",
        f"last_refusal_at = {later.format(t=table, c='last_refusal_at')}",
    ]
    columns = (
        "monitor_id",
        *counters,
        "last_seen",
        "last_data_time",
        "last_peer",
        "last_refusal",
        "last_refusal_at",
    )
    marker = "%s" if _postgres() else "?"
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
        f" ON CONFLICT (monitor_id) DO UPDATE SET {', '.join(sets)}"
    )
    rows = [
        (
            monitor_id, *(getattr(delta, c) for c in counters),
            db_datetime(delta.last_seen), db_datetime(delta.last_data_time), delta.last_peer,
            delta.last_refusal, db_datetime(delta.last_refusal_at),
        )
        for monitor_id, delta in sorted(deltas.items())
    ]  # fmt: skip
    with _cursor() as cursor:
        cursor.executemany(sql, rows)


def upsert_unknown(sightings: Iterable[UnknownSighting]) -> None:
    rows = [
        (s.mn, db_datetime(s.first_seen), db_datetime(s.last_seen), s.count, s.last_frame, s.last_peer)
        for s in sorted(sightings, key=lambda s: s.mn)
    ]
    if not rows:
        return
    table = "monitoring_unknowndevice"
    marker = "%s" if _postgres() else "?"
    sql = (
        f"INSERT INTO {table} (mn, first_seen, last_seen, count, last_frame, last_peer)"
        f" VALUES ({', '.join([marker] * 6)}) ON CONFLICT (mn) DO UPDATE SET"
        f" last_seen = EXCLUDED.last_seen, count = {table}.count + EXCLUDED.count,"
        " last_frame = EXCLUDED.last_frame, last_peer = EXCLUDED.last_peer"
    )
    with _cursor() as cursor:
        cursor.executemany(sql, rows)


def ensure_partitions(first_month: date, last_month: date) -> int:
    """Create the readings partitions of these months that do not exist (PostgreSQL); returns how many."""
    if not _postgres():
        return 0
    with _cursor() as cursor:
        cursor.execute("SELECT monitoring_ensure_reading_partitions(%s, %s)", [first_month, last_month])
        return int(cursor.fetchone()[0])
