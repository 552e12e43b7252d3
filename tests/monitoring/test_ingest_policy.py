"""The receiver's pure rules: who may send, which DataTime is accepted, what is backfill, batching."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from heluo.monitoring.hj212 import CrcForm, build_frame, parse_frame
from heluo.monitoring.ingest.batch import BatchClock, Outcome, classify
from heluo.monitoring.ingest.policy import (
    Device,
    IngestSettings,
    Lockout,
    Refusal,
    admit,
    crc_forms,
    is_backfill,
)

NOW = datetime(2026, 11, 25, 12, 0, 0)
SETTINGS = IngestSettings()
DEVICE = Device(monitor_id=1, mn="MN0001", pw="123456")


def frame(
    *,
    mn: str = "MN0001",
    pw: str = "123456",
    cn: str = "2011",
    data_time: str | None = "20261125115900",
    **build: object,
):
    cp = [[("DataTime", data_time)]] if data_time else []
    data = build_frame(st="39", cn=cn, mn=mn, pw=pw, qn="20261125115900000", flag=5, cp=cp, **build)
    return parse_frame(data, crc_variants=set(CrcForm))


def test_a_registered_device_with_its_password_is_admitted() -> None:
    assert admit(frame(), DEVICE, NOW, SETTINGS) is None


@pytest.mark.parametrize(
    ("device", "changes", "refusal"),
    [
        (None, {}, Refusal.UNKNOWN_MN),
        (Device(1, "MN0001", "123456", active=False), {}, Refusal.INACTIVE),
        (DEVICE, {"pw": "654321"}, Refusal.WRONG_PW),
        (DEVICE, {"crc_form": CrcForm.SWAPPED}, Refusal.CRC_FORM_NOT_ALLOWED),
        (DEVICE, {"data_time": None}, Refusal.NO_DATA_TIME),
        (DEVICE, {"data_time": "20000101000000"}, Refusal.OUTSIDE_WINDOW),
        (DEVICE, {"data_time": "20261125140000"}, Refusal.OUTSIDE_WINDOW),
    ],
)
def test_refusals_name_their_reason(device: Device | None, changes: dict, refusal: Refusal) -> None:
    refused = admit(frame(**changes), device, NOW, SETTINGS)
    assert refused is not None and refused[0] is refusal and refused[1]


def test_a_crc_variant_is_admitted_from_a_device_that_allows_it() -> None:
    device = Device(1, "MN0001", "123456", crc_variants=frozenset({CrcForm.SWAPPED}))
    parsed = parse_frame(
        build_frame(
            st="39",
            cn="2011",
            mn="MN0001",
            pw="123456",
            flag=5,
            cp=[[("DataTime", "20261125115900")]],
            crc_form=CrcForm.SWAPPED,
        ),
        crc_variants={CrcForm.SWAPPED},
    )
    assert admit(parsed, device, NOW, SETTINGS) is None
    assert crc_forms([device, DEVICE]) == {CrcForm.SWAPPED}


def test_frames_that_are_not_data_need_no_data_time() -> None:
    assert admit(frame(cn="9015", data_time=None), DEVICE, NOW, SETTINGS) is None
    assert admit(frame(cn="1013", data_time=None), DEVICE, NOW, SETTINGS) is None


def test_the_window_edges_are_inside() -> None:
    oldest = NOW - timedelta(days=SETTINGS.max_age_days)
    latest = NOW + timedelta(minutes=SETTINGS.max_ahead_minutes)
    for moment in (oldest, latest):
        assert admit(frame(data_time=moment.strftime("%Y%m%d%H%M%S")), DEVICE, NOW, SETTINGS) is None


@pytest.mark.parametrize(
    ("cn", "late", "backfill"),
    [
        ("2011", timedelta(minutes=10), False),
        ("2011", timedelta(minutes=31), True),
        ("2061", timedelta(minutes=65), False),  # an hour's data arrives after the hour
        ("2061", timedelta(hours=2), True),
        ("2031", timedelta(hours=24, minutes=10), False),  # yesterday's data, sent after midnight
        ("2031", timedelta(days=2), True),
    ],
)
def test_backfill_allows_for_the_interval_a_frame_describes(cn: str, late: timedelta, backfill: bool) -> None:
    assert is_backfill(cn, NOW - late, NOW, SETTINGS) is backfill


def test_settings_come_from_the_environment_and_options_win() -> None:
    settings = IngestSettings.from_env(
        {"HELUO_HJ212_BATCH_SIZE": "200", "HELUO_HJ212_FLUSH_SECONDS": "0.5"}, batch_size=None, queue_limit=99
    )
    assert (settings.batch_size, settings.flush_seconds, settings.queue_limit) == (200, 0.5, 99)
    assert settings.low_water == 49


@pytest.mark.parametrize("env", [{"HELUO_HJ212_BATCH_SIZE": "many"}, {"HELUO_HJ212_MAX_AGE_DAYS": "0"}])
def test_bad_settings_are_refused_clearly(env: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=r"HELUO_HJ212_BATCH_SIZE|max_age_days"):
        IngestSettings.from_env(env)


def test_classify_keeps_the_first_frame_of_a_key_and_compares_the_rest() -> None:
    outcomes = classify(
        [("a", "x"), ("b", "y"), ("a", "x"), ("a", "z"), ("c", "stored"), ("d", "other")],
        {"c": "stored", "d": "stored"},
    )
    assert outcomes == [
        Outcome.STORED, Outcome.STORED, Outcome.DUPLICATE, Outcome.CONFLICT, Outcome.DUPLICATE, Outcome.CONFLICT,
    ]  # fmt: skip


def test_the_batch_clock_writes_when_full_or_when_the_oldest_has_waited_enough() -> None:
    clock = BatchClock(size=100, max_latency=0.05)
    assert clock.wait_for(100, 0.0) == 0
    assert clock.wait_for(1, 0.01) == pytest.approx(0.04)
    assert clock.wait_for(1, 0.2) == 0


def test_lockout_counts_wrong_passwords_per_mn_and_address_and_per_address() -> None:
    lockout = Lockout(limit=3, cooloff_seconds=60, address_factor=2)
    for second in range(3):
        assert not lockout.locked("MN1", "10.0.0.1", second)
        lockout.failed("MN1", "10.0.0.1", second)
    assert lockout.locked("MN1", "10.0.0.1", 3)  # that MN from there
    assert not lockout.locked("MN1", "10.0.0.2", 3)  # the device elsewhere is not locked out
    assert not lockout.locked("MN2", "10.0.0.1", 3)  # 3 of the address's 6
    for second in range(3, 6):
        lockout.failed("MN2", "10.0.0.1", second)
    assert lockout.locked("MN3", "10.0.0.1", 6)  # the address tried 6 times: any MN from it
    # Each failure counts for the cool-off from when it happened.
    assert lockout.locked("MN1", "10.0.0.1", 59)
    assert not lockout.locked("MN1", "10.0.0.1", 62)
    assert not lockout.locked("MN3", "10.0.0.1", 66)


def test_lockout_memory_is_bounded() -> None:
    lockout = Lockout(limit=3, cooloff_seconds=60, max_keys=10)
    for number in range(100):
        lockout.failed(f"MN{number}", f"10.0.{number}.1", 0)
    assert len(lockout._failures) <= 10
