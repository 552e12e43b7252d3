"""`heluo hj212 decode|export|log|simulate|partitions|rollups`, run as a user runs them."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.models import HourlyValue, MessageLog
from heluo.monitoring.services import retention
from tests.monitoring.hj212.examples import EXAMPLE_FRAMES, REPLY_TO_FIFTH

from .factories import monitor
from .frames import hour_of_frames, send


def decode(tmp_path, lines: list[str], *options: str) -> tuple[list[dict], CommandError | None]:
    capture = tmp_path / "capture.txt"
    capture.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    try:
        call_command("hj212", "decode", str(capture), *options, stdout=out)
        error = None
    except CommandError as refused:
        error = refused
    return [json.loads(line) for line in out.getvalue().splitlines()], error


def test_the_public_example_frames_decode_one_json_object_per_line(tmp_path) -> None:
    results, error = decode(tmp_path, list(EXAMPLE_FRAMES), "--reply")
    assert error is None
    assert len(results) == len(EXAMPLE_FRAMES) and all(result["ok"] for result in results)
    assert [result["cn"] for result in results] == ["1062", "2011", "2061", "2051", "2011", "2011"]
    assert results[4]["replies"] == [REPLY_TO_FIFTH]
    pm10 = next(value for value in results[3]["values"] if value["code"] == "a34002")
    assert (pm10["name"], pm10["suffix"], pm10["value"], pm10["flag"]) == (
        "可吸入颗粒物（PM10）",
        "Avg",
        "31",
        "N",
    )


def test_a_refused_line_is_an_ok_false_object_and_the_command_says_so(tmp_path) -> None:
    broken = EXAMPLE_FRAMES[0][:-4] + "0000"
    results, error = decode(tmp_path, [broken, "not a frame", EXAMPLE_FRAMES[1]])
    assert [result["ok"] for result in results] == [False, False, True]
    assert results[0]["reason"]["code"] == "bad_crc" and results[0]["reason"]["label_zh"] == "CRC校验错误"
    assert error is not None and error.returncode == 1 and "2" in str(error)


def test_hex_captures_decode(tmp_path) -> None:
    frame = EXAMPLE_FRAMES[4].encode() + b"\r\n"
    results, error = decode(tmp_path, [" ".join(f"{byte:02X}" for byte in frame), "zz"], "--hex")
    assert results[0]["ok"] and results[0]["mn"] == "AQI2411132600332"
    assert results[1]["reason"]["code"] == "bad_hex" and error is not None


@pytest.mark.django_db
def test_export_refuses_a_badly_written_time(tmp_path) -> None:
    with pytest.raises(CommandError, match="YYYYMMDD"):
        call_command("hj212", "export", str(tmp_path / "out.csv"), "--since", "2026-11-25")


@pytest.mark.django_db
def test_export_writes_a_csv_with_a_header_even_when_empty(tmp_path) -> None:
    out = io.StringIO()
    call_command("hj212", "export", str(tmp_path / "out.csv"), "--mn", "NOBODY", stdout=out)
    assert (tmp_path / "out.csv").read_text().startswith("mn,cn,data_time,qn,received_at")
    assert "0" in out.getvalue()


@pytest.mark.django_db
def test_log_prints_an_mns_latest_entries_oldest_first() -> None:
    now = timezone.now()
    for n in range(3):
        MessageLog.objects.create(
            at=now + timedelta(seconds=n),
            mn="LOGMN",
            direction="in",
            cn="2011",
            reason="stored",
            text=f"frame {n}",
        )
    out = io.StringIO()
    call_command("hj212", "log", "--mn", "LOGMN", "--limit", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].endswith("frame 1") and lines[1].endswith("frame 2")


@pytest.mark.django_db
def test_simulate_refuses_when_there_is_no_one_to_simulate() -> None:
    with pytest.raises(CommandError):
        call_command("hj212", "simulate", "--stations", "0", "--rate", "1")
    with pytest.raises(CommandError):
        call_command("hj212", "simulate", "--stations", "5", "--rate", "1", "--demo", "--duration", "1")


@pytest.mark.django_db
def test_partitions_command_reports_what_it_made() -> None:
    monitor()
    out = io.StringIO()
    call_command("hj212", "partitions", stdout=out)
    assert out.getvalue().strip()


@pytest.mark.django_db
def test_rollups_refuses_a_period_whose_readings_retention_may_have_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    device = monitor()
    old = datetime(2026, 8, 15, 10, tzinfo=BEIJING)
    send(device, hour_of_frames(device, old, range(60)), old + timedelta(minutes=59))
    now = datetime(2027, 10, 20, tzinfo=BEIJING)  # 400 days kept: readings before September 2026 may be gone
    retention.drop_old_readings(now=now, days=400)
    monkeypatch.setattr(timezone, "now", lambda: now)
    with pytest.raises(CommandError, match="20260901000000"):
        call_command("hj212", "rollups", "--since", "20260815", "--until", "20260816")
    assert HourlyValue.objects.filter(monitor=device, hour=old).exists()  # rollups are kept for ever
