"""What the receiver owes the database besides readings: status per MN, unknown devices, the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from heluo.monitoring.hj212 import build_frame, parse_frame, redact_password
from heluo.monitoring.ingest import journal as journal_module
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.journal import Accepted, Journal, printable
from heluo.monitoring.ingest.policy import Device

AT = datetime(2026, 11, 25, 4, tzinfo=UTC)
DEVICE = Device(monitor_id=7, mn="MN1", pw="123456")


def accepted(cn: str = "2011", at: datetime = AT, backfill: bool = False) -> Accepted:
    cp = [[("DataTime", "20261125120000")]] if cn.startswith("2") else []
    frame = parse_frame(
        build_frame(st="39", cn=cn, mn="MN1", pw="123456", qn="20261125120000001", flag=5, cp=cp)
    )
    return Accepted(frame, DEVICE, "10.0.0.2:5000", at, backfill)


def test_outcomes_are_counted_on_the_monitor_with_the_latest_sighting() -> None:
    journal = Journal()
    journal.received(accepted(backfill=True), Outcome.STORED)
    journal.received(accepted(at=AT + timedelta(seconds=5)), Outcome.DUPLICATE)
    journal.received(accepted(), Outcome.CONFLICT)
    journal.received(accepted("9015"), Outcome.NOTED)
    delta = journal.status[7]
    assert (
        delta.frames,
        delta.stored,
        delta.backfilled,
        delta.duplicates,
        delta.conflicts,
        delta.heartbeats,
    ) == (4, 1, 1, 1, 1, 1)
    assert delta.last_seen == AT + timedelta(seconds=5)
    assert delta.last_data_time == datetime(2026, 11, 25, 4, tzinfo=UTC)
    assert [entry.reason for entry in journal.log] == ["stored", "duplicate", "conflict", "noted"]


def test_a_frame_the_database_refused_is_logged_as_refused_and_counted() -> None:
    journal = Journal()
    journal.received(accepted(), Outcome.REFUSED, "IntegrityError: CHECK constraint failed")
    (entry,) = journal.log
    assert (entry.direction, entry.reason) == ("refused", "storage_error")
    assert "CHECK constraint failed" in entry.text and "MN=MN1" in entry.text
    assert journal.status[7].refused == 1 and journal.status[7].frames == 0


def test_unknown_devices_are_counted_with_their_last_frame() -> None:
    journal = Journal()
    frame = accepted().frame
    journal.unknown_device(frame, AT, "peer-a")
    journal.unknown_device(frame, AT + timedelta(seconds=1), "peer-b")
    sighting = journal.unknown["MN1"]
    assert (sighting.count, sighting.first_seen, sighting.last_peer, sighting.last_frame) == (
        2,
        AT,
        "peer-b",
        redact_password(frame.raw),
    )
    assert "PW=******" in sighting.last_frame


def test_sent_replies_are_logged_with_their_command() -> None:
    journal = Journal()
    journal.sent(
        at=AT, mn="MN1", peer="p", reply=b"##0077QN=1;ST=91;CN=9014;PW=1;MN=MN1;Flag=4;CP=&&&&ABCD\r\n"
    )
    assert (journal.log[0].direction, journal.log[0].cn) == ("out", "9014")


def test_log_text_is_printable_and_storable() -> None:
    assert printable("a\x00b\nc") == "a\\x00b\\x0ac"
    assert len(printable("x" * 10_000)) == 4000


def test_the_log_buffer_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(journal_module, "MAX_LOG_ENTRIES", 3)
    journal = Journal()
    for _ in range(5):
        journal.sent(at=AT, mn="MN1", peer="p", reply=b"CN=9014")
    assert len(journal.log) == 3 and journal.dropped_log_entries == 2


def test_take_empties_the_journal() -> None:
    journal = Journal()
    journal.received(accepted(), Outcome.STORED)
    taken = journal.take()
    assert taken and not journal
