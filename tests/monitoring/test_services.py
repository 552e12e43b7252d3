"""Monitoring's services on the test database: storing batches, the journal, export, partitions."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from heluo.monitoring import services
from heluo.monitoring.hj212 import BEIJING, build_frame, parse_frame
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted, Journal
from heluo.monitoring.models import MessageLog, MonitorStatus, Reading, ReadingConflict, UnknownDevice

from .factories import monitor

pytestmark = pytest.mark.django_db
RECEIVED = datetime(2026, 11, 25, 4, 0, 1, tzinfo=UTC)


def accepted(device, data_time: str = "20261125120000", pm10: str = "50", **header) -> Accepted:
    cp = [[("DataTime", data_time)], [("a34002-Rtd", pm10)]]
    header = {"flag": 5, "qn": f"{data_time}000", **header}
    frame = parse_frame(build_frame(st="39", cn="2011", mn=device.mn, pw=device.pw, cp=cp, **header))
    return Accepted(frame, device, "127.0.0.1:1", RECEIVED)


def test_a_batch_stores_new_frames_and_recognises_retransmissions_and_conflicts() -> None:
    device = services.device_of(monitor())
    first = [accepted(device), accepted(device, "20261125120001"), accepted(device)]
    assert [outcome for outcome, _ in services.write_batch(first, Journal())] == [
        Outcome.STORED, Outcome.STORED, Outcome.DUPLICATE,
    ]  # fmt: skip
    again = [
        accepted(device, qn="20261125130000000"),
        accepted(device, pm10="51"),
        accepted(device, pm10="51"),
    ]
    assert [outcome for outcome, _ in services.write_batch(again, Journal())] == [
        Outcome.DUPLICATE, Outcome.CONFLICT, Outcome.CONFLICT,
    ]  # fmt: skip
    assert Reading.objects.filter(mn=device.mn).count() == 2
    assert ReadingConflict.objects.filter(mn=device.mn).count() == 1  # the same conflict is kept once
    reading = Reading.objects.get(mn=device.mn, data_time=datetime(2026, 11, 25, 12, tzinfo=BEIJING))
    assert (reading.pm10, reading.received_at, reading.backfill) == (50.0, RECEIVED, False)


def test_a_frame_the_database_refuses_is_split_out_and_the_rest_stored() -> None:
    device = services.device_of(monitor())
    batch = [accepted(device, f"2026112512000{n}") for n in range(4)]
    batch.insert(2, accepted(device, "20261125120009", flag=7, pnum=2, pno=3))
    results = services.write_batch(batch, Journal())
    assert [outcome for outcome, _ in results] == [Outcome.STORED] * 2 + [Outcome.REFUSED] + [
        Outcome.STORED
    ] * 2
    assert "monitoring_reading_packet_number" in results[2][1] or "CHECK" in results[2][1].upper()
    assert Reading.objects.filter(mn=device.mn).count() == 4


def test_the_journal_writes_status_unknown_devices_and_log() -> None:
    row = monitor()
    device = services.device_of(row)
    journal = Journal()
    item = accepted(device)
    journal.received(item, Outcome.STORED)
    journal.unknown_device(item.frame, RECEIVED, "peer")
    journal.refused(
        at=RECEIVED, mn=device.mn, device=device, peer="peer", reason="wrong_pw", message="wrong password"
    )
    services.write_batch([], journal)
    status = MonitorStatus.objects.get(monitor=row)
    assert (status.frames, status.stored, status.refused, status.last_seen) == (1, 1, 1, RECEIVED)
    assert status.last_refusal == "wrong_pw: wrong password"
    later = Journal()
    later.received(accepted(device, "20261125120005"), Outcome.DUPLICATE)
    services.write_journal(later)
    status.refresh_from_db()
    assert (status.frames, status.duplicates, status.refused) == (2, 1, 1)
    assert UnknownDevice.objects.get(mn=device.mn).count == 1
    assert set(MessageLog.objects.filter(mn=device.mn).values_list("direction", flat=True)) == {
        "in",
        "refused",
    }


def test_the_export_joins_split_packets_and_writes_beijing_times() -> None:
    device = services.device_of(monitor())
    parts = [
        accepted(device, pm10=str(10 * pno), flag=7, pnum=2, pno=pno, qn=f"2026112512000000{pno}")
        for pno in (1, 2)
    ]
    services.write_batch([*parts, accepted(device, "20261125130000")], Journal())
    out = io.StringIO()
    assert (
        services.export_readings(
            out,
            mn=device.mn,
            since=services.parse_beijing("20261125"),
            until=services.parse_beijing("202611251230"),
        )
        == 1
    )
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert (row["data_time"], row["received_at"], row["parts"], row["pnum"], row["pm10"]) == (
        "20261125120000", "20261125120001", "2", "2", "10.0",
    )  # fmt: skip


@pytest.mark.parametrize("text", ["2026-11-25", "20261325", "2026112512000", ""])
def test_bad_times_on_the_command_line_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        services.parse_beijing(text)


def test_partitions_are_made_ahead_on_postgresql() -> None:
    created = services.ensure_partitions(max_age_days=400, months_ahead=14)
    if connection.vendor != "postgresql":
        assert created == 0
        return
    assert created > 0
    assert services.ensure_partitions(max_age_days=400, months_ahead=14) == 0
    in_a_year = timezone.now().astimezone(BEIJING) + timedelta(days=365)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [f"monitoring_reading_{in_a_year:%Y%m}"])
        assert cursor.fetchone()[0] is not None


def test_old_log_entries_are_pruned() -> None:
    now = timezone.now()
    MessageLog.objects.create(at=now - timedelta(days=10), mn="X", direction="in", text="old")
    MessageLog.objects.create(at=now, mn="X", direction="in", text="new")
    assert services.prune_message_log(keep_days=7) == 1
    assert list(MessageLog.objects.filter(mn="X").values_list("text", flat=True)) == ["new"]


def test_the_simulator_speaks_for_the_first_active_monitors() -> None:
    first, _inactive, second = monitor(), monitor(active=False), monitor(particulate_unit="mg_m3")
    stations = [s for s in services.simulation_stations(1000) if s.mn in {first.mn, second.mn, _inactive.mn}]
    assert [(s.mn, s.particulate_factor) for s in stations] == [(first.mn, 1.0), (second.mn, 1000.0)]
