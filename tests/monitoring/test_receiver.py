"""The receiver against real sockets and a real database: what issue #4 says must be true.

A refusal is shown without waiting for a reply that does not come: the refused frame is followed by a
good one on the same connection, and replies keep the order of the frames, so the good frame's reply
arriving alone proves the refused one got none.
"""

from __future__ import annotations

import contextlib
import csv
import signal
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from heluo.monitoring.hj212 import (
    CrcForm,
    Padding,
    Sm4Cipher,
    beijing_now,
    build_frame,
    crc_text,
    format_data_time,
    parse_frame,
    parse_timestamp,
)  # fmt: skip

from .served import SM4_KEY, Installation, Receiver, data_frame, free_port, installation, wait_for


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    with installation(tmp_path_factory, "receiver") as installed:
        yield installed


@pytest.fixture(scope="module")
def receiver(site: Installation) -> Receiver:
    port = free_port()
    process = site.start_receiver(
        port, max_latency_ms="100", flush_seconds="0.2", registry_seconds="1", connection_queue_limit="50"
    )
    return Receiver(site, port, process)


def acks(replies: list) -> list[tuple[str, str | None]]:
    return [(reply.cn, reply.qn) for reply in replies]


# --- acknowledgement and storage --------------------------------------------------------------------


def test_a_frame_is_acknowledged_only_once_it_is_committed(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    moment = beijing_now().replace(microsecond=0)
    with db.write_lock():
        device.send(data_frame(mn, moment))
        # While no batch can commit, nothing is acknowledged (any reply here would be a broken promise).
        device._read(1.5)
        assert device.replies == []
    reply = device.wait_replies(1)[0]
    assert (reply.cn, reply.mn, reply.qn) == ("9014", mn, f"{format_data_time(moment)}000")
    assert db.readings(mn) == 1


def test_every_acknowledged_frame_is_in_the_database_when_the_ack_arrives(receiver: Receiver) -> None:
    mns, db = receiver.monitors(3), receiver.site.db
    devices = [receiver.device() for _ in mns]
    start = beijing_now().replace(microsecond=0) - timedelta(minutes=5)
    for second in range(10):
        for mn, device in zip(mns, devices, strict=True):
            device.send(data_frame(mn, start + timedelta(seconds=second)))
    for mn, device in zip(mns, devices, strict=True):
        for count in range(1, 11):
            device.wait_replies(count)
            assert db.readings(mn) >= count
        assert db.readings(mn) == 10


def test_a_retransmitted_frame_is_acknowledged_again_and_stored_once(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    frame = data_frame(mn, beijing_now().replace(microsecond=0))
    device.send(frame)
    device.wait_replies(1)
    device.send(frame)
    device.send(frame)
    assert [reply.cn for reply in device.wait_replies(3)] == ["9014"] * 3
    assert db.readings(mn) == 1
    wait_for(
        lambda: (
            db.value(
                "SELECT s.duplicates FROM monitoring_monitorstatus s JOIN monitoring_monitor m ON m.id = s.monitor_id WHERE m.mn = ?",
                mn,
            )
            == 2
        ),
        "the status to count two retransmissions",
    )


def test_split_packets_are_each_acknowledged_and_all_stored(receiver: Receiver) -> None:
    mn, site = receiver.monitor(), receiver.site
    device = receiver.device()
    moment = beijing_now().replace(microsecond=0)
    for pno in (1, 2, 3):
        device.send(data_frame(mn, moment, pm10=f"{pno}0.0", flag=7, pnum=3, pno=pno))
    replies = device.wait_replies(3)
    assert [reply.qn[-3:] for reply in replies] == ["001", "002", "003"]
    assert site.db.rows("SELECT pno, pnum FROM monitoring_reading WHERE mn = ? ORDER BY pno", mn) == [
        (1, 3),
        (2, 3),
        (3, 3),
    ]
    # Read back, the parts are one reading.
    exported = site.heluo("hj212", "export", "--mn", mn, "-")
    lines = list(csv.DictReader(exported.stdout.splitlines()))
    assert len(lines) == 1 and lines[0]["parts"] == "3" and lines[0]["pm10"] == "10.0"


def test_a_frame_with_a_stored_key_and_other_values_is_kept_as_a_conflict(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    moment = beijing_now().replace(microsecond=0)
    device.send(data_frame(mn, moment, pm10="50.0"))
    device.wait_replies(1)
    device.send(data_frame(mn, moment, pm10="99.0", qn=f"{format_data_time(moment)}500"))
    device.send(
        data_frame(mn, moment, pm10="99.0", qn=f"{format_data_time(moment)}501")
    )  # the same conflict again
    assert [reply.cn for reply in device.wait_replies(3)] == ["9014"] * 3
    assert db.rows("SELECT pm10 FROM monitoring_reading WHERE mn = ?", mn) == [(50.0,)]
    conflicts = db.rows("SELECT raw, resolved FROM monitoring_readingconflict WHERE mn = ?", mn)
    assert len(conflicts) == 1 and "a34002-Rtd=99.0" in conflicts[0][0] and not conflicts[0][1]


def test_a_batch_with_one_bad_frame_acknowledges_every_other_frame(receiver: Receiver) -> None:
    good, bad, db = receiver.monitors(6), receiver.monitor(), receiver.site.db
    cloud = receiver.device()  # a vendor's cloud: one connection, many MNs, one write — one batch
    moment = beijing_now().replace(microsecond=0)
    frames = [data_frame(mn, moment) for mn in good[:3]]
    # PNO 3 of 2: it parses (with a problem noted) but the table's constraint refuses it.
    frames.append(data_frame(bad, moment, flag=7, pnum=2, pno=3))
    frames += [data_frame(mn, moment) for mn in good[3:]]
    cloud.send(b"".join(frames))
    replies = cloud.wait_replies(6)
    assert [reply.mn for reply in replies] == good
    assert all(db.readings(mn) == 1 for mn in good)
    assert db.readings(bad) == 0
    wait_for(
        lambda: db.value(
            "SELECT reason FROM monitoring_messagelog WHERE mn = ? AND direction = 'refused'", bad
        ),
        "the refusal to be logged",
    )
    assert (
        db.value("SELECT reason FROM monitoring_messagelog WHERE mn = ? AND direction = 'refused'", bad)
        == "storage_error"
    )


def test_a_data_time_outside_the_window_is_refused(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    device.send(data_frame(mn, now.replace(year=2000, month=1, day=1)))  # a dead clock
    device.send(data_frame(mn, now + timedelta(days=1)))  # a clock running ahead
    device.send(data_frame(mn, now))
    reply = device.wait_replies(1)[0]
    assert reply.qn == f"{format_data_time(now)}000"
    device._read(0.3)
    assert len(device.replies) == 1
    assert db.readings(mn) == 1
    wait_for(
        lambda: (
            db.value(
                "SELECT COUNT(*) FROM monitoring_messagelog WHERE mn = ? AND reason = 'outside_window'", mn
            )
            == 2
        ),
        "both refusals to be logged",
    )


def test_a_late_frame_is_stored_as_backfill(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    device.send(data_frame(mn, now - timedelta(hours=3)))
    device.send(data_frame(mn, now))
    device.wait_replies(2)
    assert sorted(db.rows("SELECT backfill FROM monitoring_reading WHERE mn = ?", mn)) == [(False,), (True,)]


BACKLOG = 5_000  # more than twice the queue limit (2,000), a hundred times a connection's (50)


def test_a_backlog_is_paced_in_order_and_live_frames_of_other_devices_do_not_wait_behind_it(
    receiver: Receiver,
) -> None:
    """补传: a device back after an outage sends its backlog at once. It is read as the writer takes its
    frames (backpressure, not refusal) and acknowledged in its own order; meanwhile live frames of other
    devices are queued behind at most a few hundred of its frames, not behind the whole backlog."""
    late_mn, *live_mns = receiver.monitors(4)
    db = receiver.site.db
    start = beijing_now().replace(microsecond=0) - timedelta(hours=3)
    backlog = [data_frame(late_mn, start + timedelta(seconds=k)) for k in range(BACKLOG)]
    late = receiver.device()
    unsent = memoryview(b"".join(backlog))

    def push() -> int:
        """Send what the receiver takes now (it stops reading the connection while its frames wait),
        and read what it acknowledged meanwhile; returns how many bytes are left."""
        nonlocal unsent
        late.sock.settimeout(0.01)
        with contextlib.suppress(BlockingIOError, TimeoutError):
            unsent = unsent[late.sock.send(unsent) :]
        late._read(0.01)
        return len(unsent)

    push()
    wait_for(lambda: push() >= 0 and db.readings(late_mn) > 0, "the first frames of the backlog")
    live = [receiver.device() for _ in live_mns]
    now = beijing_now().replace(microsecond=0)
    before = db.readings(late_mn)
    for device, mn in zip(live, live_mns, strict=True):
        device.send(data_frame(mn, now))
    for device in live:
        device.wait_replies(1)
    # At most its share of the queue (50 here) and what the writer took while this test looked;
    # without pacing, a whole queue (2,000) of it was ahead.
    ahead = db.readings(late_mn) - before
    assert ahead < 400, f"the live frames waited behind {ahead} frames of the backlog"
    wait_for(lambda: not push(), "the whole backlog to be sent", 60)
    acked = late.wait_replies(BACKLOG, seconds=60)
    sent = [parse_frame(frame).qn for frame in backlog]
    assert [reply.qn for reply in acked] == sent  # in order, none refused
    assert db.value("SELECT COUNT(*) FROM monitoring_reading WHERE mn = ? AND backfill", late_mn) == BACKLOG
    assert all(db.readings(mn) == 1 for mn in live_mns)


# --- the byte stream -----------------------------------------------------------------------------


def test_sticky_and_split_tcp_writes(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    start = beijing_now().replace(microsecond=0) - timedelta(minutes=10)
    frames = [data_frame(mn, start + timedelta(seconds=n)) for n in range(6)]
    device.send(b"".join(frames[:4]))  # four frames stuck together
    for index in range(0, len(frames[4]), 7):  # one frame in pieces
        device.send(frames[4][index : index + 7])
        time.sleep(0.002)
    half = len(frames[5]) // 2
    device.send(frames[5][:half])
    time.sleep(0.05)
    device.send(frames[5][half:])
    assert len(device.wait_replies(6)) == 6
    assert db.readings(mn) == 6


def test_garbage_between_frames_is_skipped(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    start = beijing_now().replace(microsecond=0) - timedelta(minutes=20)
    device.send(
        b"\x00\xffnoise##xx#"
        + data_frame(mn, start)
        + b"more noise\r\n##12"
        + data_frame(mn, start + timedelta(seconds=1))
    )
    assert len(device.wait_replies(2)) == 2
    assert db.readings(mn) == 2


def test_a_frame_with_a_bad_crc_is_refused_and_not_acknowledged(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    good = data_frame(mn, now)
    broken = data_frame(mn, now - timedelta(seconds=1))
    broken = broken[:-6] + (b"0000" if broken[-6:-2] != b"0000" else b"1111") + b"\r\n"
    device.send(broken + good)
    assert [reply.qn for reply in device.wait_replies(1)] == [f"{format_data_time(now)}000"]
    device._read(0.3)
    assert len(device.replies) == 1
    assert db.readings(mn) == 1
    wait_for(
        lambda: db.value(
            "SELECT COUNT(*) FROM monitoring_messagelog WHERE mn = ? AND reason = 'bad_crc'", mn
        ),
        "the refusal in the log",
    )


def _distinct_when_swapped(mn: str) -> datetime:
    """A moment whose frame's CRC reads differently swapped (1 in 256 CRCs read the same both ways)."""
    moment = beijing_now().replace(microsecond=0)
    while True:
        segment = data_frame(mn, moment)[6:-6]
        if crc_text(segment) != crc_text(segment, CrcForm.SWAPPED):
            return moment
        moment -= timedelta(seconds=1)


def test_a_crc_variant_is_accepted_only_from_a_device_allowed_to_send_it(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    now = _distinct_when_swapped(mn)
    swapped = receiver.device(crc_variants={CrcForm.SWAPPED})
    swapped.send(data_frame("SWAP0001", _distinct_when_swapped("SWAP0001"), crc_form=CrcForm.SWAPPED))
    assert swapped.wait_replies(1)[0].crc_form is CrcForm.SWAPPED  # answered in its own form
    plain = receiver.device()
    plain.send(data_frame(mn, now, crc_form=CrcForm.SWAPPED) + data_frame(mn, now + timedelta(seconds=1)))
    assert [reply.qn for reply in plain.wait_replies(1)] == [
        f"{format_data_time(now + timedelta(seconds=1))}000"
    ]
    assert db.readings(mn) == 1


def test_an_over_long_stream_is_cut_off_while_other_connections_go_on(receiver: Receiver) -> None:
    mn = receiver.monitor()
    talker = receiver.device()
    other = receiver.device()
    talker.send(b"#" + b"x" * 70_000)  # more than 64 KiB without a frame
    talker.wait_closed()
    other.send(data_frame(mn, beijing_now().replace(microsecond=0)))
    assert other.wait_replies(1)[0].cn == "9014"


# --- who may send -------------------------------------------------------------------------------


def test_an_unknown_mn_is_refused_and_listed_then_accepted_once_registered(receiver: Receiver) -> None:
    mn, site = receiver.monitor(), receiver.site
    db = site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    device.send(data_frame("NEWDEVICE01", now) + data_frame(mn, now))
    assert [reply.mn for reply in device.wait_replies(1)] == [mn]
    listed = wait_for(
        lambda: db.rows("SELECT count, last_frame FROM monitoring_unknowndevice WHERE mn = 'NEWDEVICE01'"),
        "the device to be listed",
    )
    assert listed[0][0] == 1 and "MN=NEWDEVICE01" in listed[0][1]
    assert db.readings("NEWDEVICE01") == 0
    registered = site.heluo(
        "shell", "--no-imports", "-c",
        "from heluo.monitoring.models import Monitor, MonitoringPoint;"
        "Monitor.objects.create(mn='NEWDEVICE01', pw='123456', point=MonitoringPoint.objects.get())",
    )  # fmt: skip
    assert registered.returncode == 0, registered.stderr

    def accepted() -> bool:
        device.send(data_frame("NEWDEVICE01", now))
        device._read(0.5)
        return any(reply.mn == "NEWDEVICE01" for reply in device.replies)

    wait_for(accepted, "the receiver to learn the new device")
    assert db.readings("NEWDEVICE01") == 1


def test_a_wrong_password_is_refused(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    device.send(data_frame(mn, now, pw="000000") + data_frame(mn, now + timedelta(seconds=1)))
    assert [reply.qn for reply in device.wait_replies(1)] == [
        f"{format_data_time(now + timedelta(seconds=1))}000"
    ]
    assert db.readings(mn) == 1
    wait_for(
        lambda: db.value(
            "SELECT COUNT(*) FROM monitoring_messagelog WHERE mn = ? AND reason = 'wrong_pw'", mn
        ),
        "the refusal in the log",
    )
    wait_for(
        lambda: (
            db.value(
                "SELECT s.refused FROM monitoring_monitorstatus s JOIN monitoring_monitor m ON m.id = s.monitor_id WHERE m.mn = ?",
                mn,
            )
            == 1
        ),
        "the refusal counted on the monitor",
    )


def test_password_guessing_locks_the_mn_out_from_that_address(receiver: Receiver) -> None:
    """Five wrong passwords (HELUO_DEVICE_FAILURE_LIMIT) for one MN from one address: its frames are
    refused for the cool-off, the right password too; another MN from there still gets through."""
    (mn, other), db = receiver.monitors(2), receiver.site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    guesses = b"".join(data_frame(mn, now + timedelta(seconds=s), pw=f"00000{s}") for s in range(5))
    device.send(guesses + data_frame(mn, now + timedelta(seconds=5)) + data_frame(other, now))
    assert [reply.mn for reply in device.wait_replies(1)] == [other]
    assert db.readings(mn) == 0 and db.readings(other) == 1
    wait_for(
        lambda: db.value(
            "SELECT COUNT(*) FROM monitoring_messagelog WHERE mn = ? AND reason = 'locked_out'", mn
        ),
        "the lock-out in the log",
    )


def test_an_inactive_monitor_is_refused(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    now = beijing_now().replace(microsecond=0)
    device.send(data_frame("OFF00001", now) + data_frame(mn, now))
    assert [reply.mn for reply in device.wait_replies(1)] == [mn]
    assert db.readings("OFF00001") == 0


# --- other commands and versions ------------------------------------------------------------------


def test_a_time_calibration_request_is_answered_with_the_time(receiver: Receiver) -> None:
    mn = receiver.monitor()
    device = receiver.device()
    request = build_frame(st="39", cn="1013", mn=mn, pw="123456", qn="20261125120000123", flag=5, cp=[])
    device.send(request)
    notification, set_time = device.wait_replies(2)
    assert (notification.cn, notification.qn) == ("9013", "20261125120000123")
    assert set_time.cn == "1012" and set_time.needs_reply
    sent_time = parse_timestamp(set_time.cp_value("SystemTime") or "")
    assert sent_time is not None and abs(sent_time - beijing_now()) < timedelta(minutes=1)


def test_a_heartbeat_marks_the_monitor_online(receiver: Receiver) -> None:
    mn, db = receiver.monitor(), receiver.site.db
    device = receiver.device()
    device.send(build_frame(st="39", cn="9015", mn=mn, pw="123456", qn="20261125120000001", flag=9, cp=[]))
    assert device.wait_replies(1)[0].cn == "9013"
    wait_for(
        lambda: (
            db.value(
                "SELECT s.heartbeats FROM monitoring_monitorstatus s JOIN monitoring_monitor m ON m.id = s.monitor_id WHERE m.mn = ?",
                mn,
            )
            == 1
        ),
        "the heartbeat on the monitor's status",
    )
    assert db.readings(mn) == 0


def test_an_sm4_encrypted_frame_from_a_device_with_a_key(receiver: Receiver) -> None:
    db = receiver.site.db
    device = receiver.device()
    moment = beijing_now().replace(microsecond=0)
    cipher = Sm4Cipher(bytes.fromhex(SM4_KEY), padding=Padding.PKCS7)
    frame = data_frame("ENC00001", moment, pm10="77.5", flag=9, cipher=cipher)
    assert b"a34002" not in frame  # the values travel encrypted
    device.send(frame)
    assert device.wait_replies(1)[0].cn == "9014"
    assert db.rows("SELECT pm10 FROM monitoring_reading WHERE mn = 'ENC00001'") == [(77.5,)]


def test_a_device_sending_mg_per_cubic_metre_is_stored_in_micrograms(receiver: Receiver) -> None:
    db = receiver.site.db
    device = receiver.device()
    device.send(data_frame("MGM00001", beijing_now().replace(microsecond=0), pm10="0.085"))
    device.wait_replies(1)
    assert db.rows("SELECT pm10 FROM monitoring_reading WHERE mn = 'MGM00001'") == [(85.0,)]


# --- shutdown and crashes ------------------------------------------------------------------------


def test_sigterm_writes_and_acknowledges_what_was_queued_then_exits(site: Installation) -> None:
    port = free_port()
    process = site.start_receiver(port, log_name="shutdown.log")
    mns = [f"TEST{number:05d}" for number in range(70, 75)]  # the end of the pool, which other tests leave
    device = Receiver(site, port, process).device()
    now = beijing_now().replace(microsecond=0) - timedelta(hours=1)
    with site.db.write_lock():
        device.send(b"".join(data_frame(mn, now) for mn in mns))
        device._read(0.5)
        process.send_signal(signal.SIGTERM)
        device._read(0.5)
        assert device.replies == []  # still not committed
    assert [reply.mn for reply in device.wait_replies(5)] == mns
    assert process.wait(timeout=60) == 0
    device.wait_closed()
    assert all(site.db.readings(mn) == 1 for mn in mns)


def test_killed_mid_stream_nothing_acknowledged_is_lost_and_nothing_is_stored_twice(
    site: Installation, tmp_path: Path
) -> None:
    """The receiver and the hooks worker are killed (SIGKILL) while frames stream in, and restarted:
    every acknowledged frame is stored once, and every stored frame is in the rollups once."""
    port = free_port()
    process = site.start_receiver(port, log_name="durability.log")
    worker = site.start_worker(log_name="durability-worker-1.log")
    ack_log = tmp_path / "acks.csv"
    # Sending until told to stop: however slowly the processes restart, the devices still have frames to send.
    simulator = site.simulate(port, ack_log, duration=300)
    wait_for(
        lambda: ack_log.exists() and len(ack_log.read_text().splitlines()) >= 60,
        "acknowledgements before the crash",
    )
    site.stop(process, signal.SIGKILL)
    site.stop(worker, signal.SIGKILL)
    acked_before = len(ack_log.read_text().splitlines())
    site.start_receiver(port, log_name="durability.log")
    worker = site.start_worker(log_name="durability-worker-2.log")
    wait_for(
        lambda: len(ack_log.read_text().splitlines()) >= acked_before + 60,
        "acknowledgements after the restart",
    )
    site.stop(worker, signal.SIGKILL)  # once more, with the receiver going on
    worker = site.start_worker(log_name="durability-worker-3.log")
    simulator.send_signal(signal.SIGTERM)  # it stops sending and waits for what is due
    output, _ = simulator.communicate(timeout=120)
    assert simulator.returncode == 0, output
    acked = site.stored_once(ack_log)
    assert len(acked) > acked_before, output  # the simulator went on after the restart
    site.assert_rolled_up_once()
