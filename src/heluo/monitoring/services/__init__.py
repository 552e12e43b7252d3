"""Monitoring's domain rules: storing frames, the devices the receiver knows, status, logs, export.

The receiver, the commands and the pages call these; the pure rules they apply live in
`heluo.monitoring.ingest` and the bulk SQL in `heluo.monitoring.storage`. The monitoring platform's
rules have their own modules here:
- `intake`: frames that come over HTTP or MQTT, through the same admission and storage as TCP;
- `outbox`: the frames the receiver stored, kept for the hooks worker (rollups and alarms);
- `rollups`: hourly and daily values, kept from the after-commit hook, recomputable from readings;
- `alarms`: alarm rules evaluated on rollups and readings, alarms and their supervision cases;
- `stations`: control stations' hourly values (the difference method's reference);
- `overview`: what the live map, lists and reports read;
- `retention`: dropping old readings (whole months), never rollups.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from heluo.monitoring import storage
from heluo.monitoring.hj212 import BEIJING, CrcForm, Version, format_data_time, redact_password
from heluo.monitoring.ingest.batch import Outcome, classify
from heluo.monitoring.ingest.journal import Accepted, Journal
from heluo.monitoring.ingest.policy import Device, is_data
from heluo.monitoring.ingest.rows import (
    MEASUREMENT_COLUMNS,
    content_digest,
    cp_text,
    reading_key,
    reading_row,
)
from heluo.monitoring.models import MessageLog, Monitor, ParticulateUnit, Reading, ReadingConflict
from heluo.monitoring.simulation import StationProfile
from heluo.monitoring.storage import is_retryable

from . import outbox

logger = logging.getLogger("heluo.monitoring")

Result = tuple[Outcome, str]  # what became of a frame, and why when it was refused


def device_of(monitor: Monitor) -> Device:
    return Device(
        monitor_id=monitor.pk,
        mn=monitor.mn,
        pw=monitor.pw,
        active=monitor.active,
        crc_variants=monitor.crc_variants,
        cipher=monitor.cipher,
        particulate_factor=1000.0 if monitor.particulate_unit == ParticulateUnit.MG_M3 else 1.0,
        minute_interval=monitor.minute_interval,
    )


# What a Device is built from (device_of): a reload reads these and builds only the devices that changed.
_DEVICE_FIELDS = (
    "id", "mn", "pw", "active", "accept_crc_swapped", "accept_crc_modbus_swapped", "accept_crc_modbus",
    "sm4_key", "sm4_padding", "particulate_unit", "minute_interval",
)  # fmt: skip
DeviceRows = dict[tuple[Any, ...], Device]


def load_devices(previous: DeviceRows | None = None) -> DeviceRows:
    """Every registered monitor as the receiver sees it (inactive ones too: their frames are refused
    as inactive, not as unknown), keyed by the values it was built from. A monitor whose values are among
    `previous` keeps its Device: the receiver reloads every few seconds, and building tens of thousands
    of devices each time would take a core (measured: 0.6 s for 5,000 monitors)."""
    previous = previous or {}
    devices: DeviceRows = {}
    for row in Monitor.objects.values_list(*_DEVICE_FIELDS).iterator(chunk_size=2000):
        known = previous.get(row)
        devices[row] = (
            known if known is not None else device_of(Monitor(**dict(zip(_DEVICE_FIELDS, row, strict=True))))
        )
    return devices


def write_batch(items: Sequence[Accepted], journal: Journal, *, defer_hooks: bool = False) -> list[Result]:
    """Store a batch of admitted frames and the receiver's journal, in one transaction when all goes well.

    When it returns, every frame whose outcome is not REFUSED is committed — stored, found stored already
    (a retransmission), kept as a conflict, or noted (heartbeats and other non-data frames) — and only
    those may be acknowledged. A batch the database refuses is split in halves, each retried in its own
    transaction, down to the single frames it refuses. Raises only errors for which `is_retryable` holds,
    having written nothing; the caller keeps the batch and tries again. Called by the receiver's one
    database thread.

    With `defer_hooks` the frames it stores are kept for the hooks worker in the same transaction
    (`outbox`); without, the caller runs the hooks.
    """
    try:
        with transaction.atomic():
            results = [(outcome, "") for outcome in _store(items, defer_hooks)]
            _write_journal(journal)
        return results
    except Exception as error:
        if is_retryable(error):
            raise
        logger.warning("a batch of %d frames failed (%s); splitting it", len(items), _describe(error))
    results = _store_split(items, defer_hooks)
    write_journal(journal)
    return results


def write_journal(journal: Journal) -> None:
    """Write status, unknown devices and log entries on their own (errors are logged, not raised:
    nothing in a journal was acknowledged to anyone)."""
    if not journal:
        return
    try:
        with transaction.atomic():
            _write_journal(journal)
    except Exception as error:
        if is_retryable(error):
            raise
        logger.error("could not write the receiver's journal: %s", _describe(error))


def _write_journal(journal: Journal) -> None:
    storage.insert_log(journal.log)
    storage.upsert_status(journal.status)
    storage.upsert_unknown(journal.unknown.values())
    if journal.dropped_log_entries:
        logger.warning(
            "%d message log entries were dropped (the log buffer was full)", journal.dropped_log_entries
        )


def _store_split(items: Sequence[Accepted], defer_hooks: bool) -> list[Result]:
    try:
        with transaction.atomic():
            return [(outcome, "") for outcome in _store(items, defer_hooks)]
    except Exception as error:
        if is_retryable(error):
            raise
        if len(items) == 1:
            logger.warning("frame from %s refused by the database: %s", items[0].frame.mn, _describe(error))
            return [(Outcome.REFUSED, _describe(error))]
    middle = len(items) // 2
    return _store_split(items[:middle], defer_hooks) + _store_split(items[middle:], defer_hooks)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".strip()[:300]


def _store(items: Sequence[Accepted], defer_hooks: bool) -> list[Outcome]:
    """Insert the new readings and conflicts of `items` (in the caller's transaction), and with
    `defer_hooks` the outbox's batch of the frames stored."""
    outcomes = [Outcome.NOTED] * len(items)
    data = []
    for index, item in enumerate(items):
        frame = item.frame
        if is_data(frame.cn) and frame.data_time is not None:
            data_time = frame.data_time.replace(tzinfo=BEIJING)
            data.append((index, reading_key(frame, data_time), data_time))
    stored = storage.existing_contents([key for _, key, _ in data])
    kinds = classify(
        [(key, cp_text(items[index].frame.raw)) for index, key, _ in data],
        {key: cp_text(raw) for key, raw in stored.items()},
    )
    rows, conflicts = [], []
    for (index, key, data_time), kind in zip(data, kinds, strict=True):
        outcomes[index] = kind
        item = items[index]
        if kind is Outcome.STORED:
            rows.append(
                reading_row(
                    item.frame,
                    data_time=data_time,
                    received_at=item.received_at,
                    backfill=item.backfill,
                    particulate_factor=item.device.particulate_factor,
                )
            )
        elif kind is Outcome.CONFLICT:
            conflicts.append(
                ReadingConflict(
                    monitor_id=item.device.monitor_id,
                    mn=key.mn,
                    cn=key.cn,
                    data_time=data_time,
                    pno=key.pno,
                    digest=content_digest(item.frame.raw),
                    qn=item.frame.qn or "",
                    received_at=item.received_at,
                    raw=redact_password(item.frame.raw),
                )
            )
    storage.insert_readings(rows)
    if conflicts:
        ReadingConflict.objects.bulk_create(conflicts, ignore_conflicts=True)
    if defer_hooks:
        outbox.enqueue(items, outcomes)
    return outcomes


def ensure_partitions(*, max_age_days: int, months_ahead: int = 3) -> int:
    """Create the monthly readings partitions (PostgreSQL) from the oldest month the receiver accepts to
    `months_ahead` months from now. Idempotent; returns how many it created (0 on SQLite)."""
    today = timezone.now().astimezone(BEIJING).date()
    first = today - timedelta(days=max_age_days)
    last_year, last_month = divmod(today.month - 1 + months_ahead, 12)
    return storage.ensure_partitions(
        date(first.year, first.month, 1), date(today.year + last_year, last_month + 1, 1)
    )


def prune_message_log(*, keep_days: int) -> int:
    """Delete message log entries older than `keep_days`; returns how many."""
    cutoff = timezone.now() - timedelta(days=keep_days)
    deleted, _ = MessageLog.objects.filter(at__lt=cutoff).delete()
    return deleted


def log_entries(mn: str, *, after_id: int = 0, limit: int = 200) -> list[MessageLog]:
    """The latest `limit` entries of an MN after `after_id`, oldest first (as a terminal shows them)."""
    rows = MessageLog.objects.filter(mn=mn, id__gt=after_id).order_by("-id")[:limit]
    return list(reversed(rows))


# --- export ------------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "mn", "cn", "data_time", "qn", "received_at", "pnum", "parts", "backfill",
    *MEASUREMENT_COLUMNS, "flags", "extra",
)  # fmt: skip


def beijing_text(moment: datetime) -> str:
    """YYYYMMDDhhmmss in Beijing time, as the frames and the command line write times."""
    return format_data_time(moment.astimezone(BEIJING))


def parse_beijing(text: str) -> datetime:
    """YYYYMMDDhhmmss (or a prefix down to YYYYMMDD) in Beijing time, as an aware datetime."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (8, 10, 12, 14):
        raise ValueError(f"{text!r} is not a time written YYYYMMDD[hh[mm[ss]]]")
    moment = datetime.strptime(digits.ljust(14, "0"), "%Y%m%d%H%M%S")
    return moment.replace(tzinfo=BEIJING)


def readings(
    *, mn: str | None = None, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[Reading]:
    rows = Reading.objects.all()
    if mn:
        rows = rows.filter(mn=mn)
    if since is not None:
        rows = rows.filter(data_time__gte=since)
    if until is not None:
        rows = rows.filter(data_time__lt=until)
    return rows.order_by("mn", "cn", "data_time", "pno")


def joined_readings(rows: QuerySet[Reading]) -> Iterator[dict[str, Any]]:
    """The readings of `rows` (ordered by key) with the parts of each split packet joined into one."""
    group: list[Reading] = []
    for reading in rows.iterator(chunk_size=2000):
        if group and (reading.mn, reading.cn, reading.data_time) != (
            group[0].mn,
            group[0].cn,
            group[0].data_time,
        ):
            yield _joined(group)
            group = []
        group.append(reading)
    if group:
        yield _joined(group)


def _joined(parts: list[Reading]) -> dict[str, Any]:
    first = parts[0]
    joined: dict[str, Any] = {
        "mn": first.mn,
        "cn": first.cn,
        "data_time": first.data_time,
        "qn": first.qn,
        "received_at": max(part.received_at for part in parts),
        "pnum": first.pnum,
        "parts": len(parts),
        "backfill": any(part.backfill for part in parts),
        "flags": {},
        "extra": {},
    }
    for name in MEASUREMENT_COLUMNS:
        joined[name] = next((getattr(part, name) for part in parts if getattr(part, name) is not None), None)
    for part in parts:
        joined["flags"].update(part.flags or {})
        joined["extra"].update(part.extra or {})
    return joined


def export_readings(
    out: TextIO, *, mn: str | None = None, since: datetime | None = None, until: datetime | None = None
) -> int:
    """Write the stored readings as CSV (times YYYYMMDDhhmmss, Beijing); `since` inclusive, `until`
    exclusive. Split packets come out as one line. Returns the number of lines written."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for reading in joined_readings(readings(mn=mn, since=since, until=until)):
        writer.writerow(
            [
                reading["mn"], reading["cn"], beijing_text(reading["data_time"]), reading["qn"],
                beijing_text(reading["received_at"]), reading["pnum"], reading["parts"], int(reading["backfill"]),
                *("" if reading[name] is None else reading[name] for name in MEASUREMENT_COLUMNS),
                json.dumps(reading["flags"], ensure_ascii=False) if reading["flags"] else "",
                json.dumps(reading["extra"], ensure_ascii=False) if reading["extra"] else "",
            ]
        )  # fmt: skip
        count += 1
    return count


# --- simulation --------------------------------------------------------------------------------


def simulation_stations(count: int, *, demo_only: bool = False) -> list[StationProfile]:
    """The first `count` active monitors (by id), as the simulator speaks for them."""
    monitors = Monitor.objects.filter(active=True).order_by("pk")
    if demo_only:
        monitors = monitors.filter(is_demo=True)
    return [station_profile(monitor) for monitor in monitors[:count]]


def station_profile(monitor: Monitor) -> StationProfile:
    """How a simulated device of `monitor` speaks (its version, CRC form, cipher and unit)."""
    variants = sorted(monitor.crc_variants)
    return StationProfile(
        mn=monitor.mn,
        pw=monitor.pw,
        version=Version[monitor.protocol_version],
        crc_form=variants[0] if variants else CrcForm.STANDARD,
        cipher=monitor.cipher,
        particulate_factor=1000.0 if monitor.particulate_unit == ParticulateUnit.MG_M3 else 1.0,
    )
