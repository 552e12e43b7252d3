"""The outbox between the receiver's storing and the hooks worker: every stored frame reaches the rollups
once, a failed run changes nothing, and acknowledgement never waits for the hooks."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import pytest
from django.db import OperationalError

from heluo.monitoring import hooks, services
from heluo.monitoring.hj212 import CrcForm, Padding, Sm4Cipher, build_frame, parse_frame
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted, Journal
from heluo.monitoring.models import CommittedBatch, HourlyValue, Monitor
from heluo.monitoring.services import outbox

from .factories import monitor

pytestmark = pytest.mark.django_db
RECEIVED = datetime(2026, 11, 25, 4, 0, 1, tzinfo=UTC)
KEY = "0123456789abcdeffedcba9876543210"


def accepted(row: Monitor, minute: int, pm10: str = "50", **build) -> Accepted:
    data_time = f"2026112512{minute:02d}00"
    cp = [[("DataTime", data_time)], [("a34002-Rtd", pm10)]]
    device = services.device_of(row)
    build = {"flag": 5, "qn": f"{data_time}000", **build}
    raw = build_frame(st="39", cn="2011", mn=row.mn, pw=row.pw, cp=cp, **build)
    ciphers = {row.mn: device.cipher} if device.cipher is not None else None
    frame = parse_frame(raw, crc_variants=device.crc_variants, ciphers=ciphers)
    return Accepted(frame, device, "127.0.0.1:1", RECEIVED)


def pm10_samples(row: Monitor) -> int:
    return sum(value.stats["pm10"][0] for value in HourlyValue.objects.filter(monitor=row))


def test_the_receivers_batch_keeps_its_stored_frames_for_the_worker_and_nothing_else() -> None:
    row = monitor()
    batch = [accepted(row, 1), accepted(row, 2), accepted(row, 1)]  # the third is a retransmission
    outcomes = [outcome for outcome, _ in services.write_batch(batch, Journal(), defer_hooks=True)]
    assert outcomes == [Outcome.STORED, Outcome.STORED, Outcome.DUPLICATE]
    assert not HourlyValue.objects.filter(monitor=row).exists()  # nothing ran the hooks yet
    assert outbox.pending() == (1, 2)
    assert outbox.drain() == 2
    assert outbox.pending() == (0, 0)
    assert pm10_samples(row) == 2
    assert outbox.drain() == 0
    assert pm10_samples(row) == 2  # applied once


def test_without_deferring_the_caller_runs_the_hooks_and_the_outbox_stays_empty() -> None:
    services.write_batch([accepted(monitor(), 1)], Journal())
    assert not CommittedBatch.objects.exists()


def test_a_batch_the_database_splits_keeps_the_frames_of_each_committed_part() -> None:
    row = monitor()
    batch = [accepted(row, minute) for minute in range(1, 5)]
    batch.insert(2, accepted(row, 9, flag=7, pnum=2, pno=3))  # refused by the database
    outcomes = [outcome for outcome, _ in services.write_batch(batch, Journal(), defer_hooks=True)]
    assert outcomes.count(Outcome.STORED) == 4
    assert outbox.pending()[1] == 4
    outbox.drain()
    assert pm10_samples(row) == 4


def test_an_encrypted_frame_is_kept_readable_without_its_key() -> None:
    row = monitor(protocol_version="HJ212_2025", sm4_key=KEY, sm4_padding="pkcs7")
    item = accepted(row, 3, pm10="61", flag=9, cipher=Sm4Cipher(bytes.fromhex(KEY), padding=Padding.PKCS7))
    assert item.frame.encrypted
    services.write_batch([item], Journal(), defer_hooks=True)
    (entry,) = json.loads(CommittedBatch.objects.get().frames)
    assert "a34002-Rtd=61" in entry[0]
    Monitor.objects.filter(pk=row.pk).update(sm4_key="")  # the key changed before the worker ran
    assert outbox.drain() == 1
    value = HourlyValue.objects.get(monitor=row)
    assert (value.stats["pm10"][0], value.stats["pm10"][1]) == (1, 61.0)


def test_a_frame_with_a_crc_variant_is_read_again() -> None:
    row = monitor(accept_crc_swapped=True)
    services.write_batch([accepted(row, 4, crc_form=CrcForm.SWAPPED)], Journal(), defer_hooks=True)
    assert outbox.drain() == 1
    assert pm10_samples(row) == 1


def test_an_entry_carries_what_the_hooks_read() -> None:
    row = monitor(particulate_unit="mg_m3", minute_interval=5)
    item = accepted(row, 5, pm10="0.05")
    committed = outbox.committed_of(json.loads(json.dumps(outbox.entry(item))))
    assert committed.frame == item.frame
    assert (committed.monitor_id, committed.outcome, committed.backfill) == (row.pk, Outcome.STORED, False)
    assert (committed.received_at, committed.particulate_factor, committed.minute_interval) == (
        RECEIVED, 1000.0, 5,
    )  # fmt: skip
    assert committed.frame.data_time == datetime(2026, 11, 25, 12, 5)  # naive Beijing, as received


@pytest.fixture
def failing_hook() -> Iterator[list[BaseException]]:
    """A hook after the platform's that raises the errors the test puts in the list."""
    errors: list[BaseException] = []

    def hook(committed: Sequence[hooks.Committed]) -> None:
        if errors:
            raise errors.pop()

    hooks.register(hook)
    yield errors
    hooks._HOOKS.remove(hook)


def test_a_database_failure_during_the_hooks_rolls_the_run_back_and_the_batch_waits(
    failing_hook: list[BaseException],
) -> None:
    row = monitor()
    services.write_batch([accepted(row, 6)], Journal(), defer_hooks=True)
    failing_hook.append(OperationalError("server closed the connection unexpectedly"))
    with pytest.raises(OperationalError):
        outbox.apply_pending()
    assert not HourlyValue.objects.filter(monitor=row).exists()  # the rollups' writes were rolled back
    assert outbox.pending() == (1, 1)
    assert outbox.drain() == 1
    assert pm10_samples(row) == 1


def test_a_hooks_own_error_is_logged_and_does_not_hold_up_later_frames(
    failing_hook: list[BaseException], caplog: pytest.LogCaptureFixture
) -> None:
    row = monitor()
    services.write_batch([accepted(row, 7)], Journal(), defer_hooks=True)
    failing_hook.append(ValueError("a bug in a hook"))
    assert outbox.drain() == 1
    assert "a bug in a hook" in caplog.text
    assert pm10_samples(row) == 1  # the platform's hook ran and kept its writes
    assert outbox.pending() == (0, 0)


def test_a_run_takes_the_oldest_batches_up_to_its_size() -> None:
    row = monitor()
    for minute in range(1, 4):
        services.write_batch([accepted(row, minute)], Journal(), defer_hooks=True)
    assert outbox.apply_pending(max_frames=2) == 2
    assert outbox.pending() == (1, 1)
    assert "DataTime=20261125120300" in CommittedBatch.objects.get().frames
