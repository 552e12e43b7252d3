"""Frames over HTTP: a device authenticates with its MN and PW or its own token (never a user's login),
sends frame text or the JSON form, and the answer says which frames were committed."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.models import HourlyValue, MessageLog, Monitor, Reading
from heluo.monitoring.services.devices import issue_token

from .factories import monitor
from .frames import frame

pytestmark = pytest.mark.django_db
URL = "/api/monitoring/frames/"


def basic(device: Monitor, pw: str | None = None) -> str:
    return "Basic " + base64.b64encode(f"{device.mn}:{pw or device.pw}".encode()).decode()


def now_minute(offset: int = 0) -> dt.datetime:
    return timezone.now().astimezone(BEIJING).replace(second=0, microsecond=0) - dt.timedelta(minutes=offset)


def post_text(device: Monitor, body: bytes, auth: str | None = None) -> dict:  # type: ignore[type-arg]
    response = Client().post(URL, body, content_type="text/plain", HTTP_AUTHORIZATION=auth or basic(device))
    assert response.status_code == 200, response.content
    return response.json()


def test_frame_text_is_stored_and_the_answer_says_which_frames_were_committed() -> None:
    device = monitor()
    frames = [frame(device, now_minute(m), pm10=70.0 + m) for m in (3, 2, 1)]
    body = post_text(device, b"".join(frames) + b"garbage that is no frame\r\n")
    assert (body["committed"], body["refused"]) == (3, 1)
    assert [r["outcome"] for r in body["results"]] == ["stored", "stored", "stored", "refused"]
    assert body["results"][3]["reason"] == "bad_header"
    assert Reading.objects.filter(mn=device.mn).count() == 3
    assert HourlyValue.objects.filter(monitor=device).exists()  # the hooks ran after the commit


def test_a_duplicate_is_stored_once_and_acknowledged_again() -> None:
    device = monitor()
    one = frame(device, now_minute(5))
    assert post_text(device, one)["results"][0]["outcome"] == "stored"
    assert post_text(device, one)["results"][0]["outcome"] == "duplicate"
    assert Reading.objects.filter(mn=device.mn).count() == 1
    assert HourlyValue.objects.get(monitor=device).stats["pm10"][0] == 1  # counted once


def test_bad_payloads_are_refused_with_a_reason_and_logged() -> None:
    device, other = monitor(), monitor()
    bad_crc = frame(device, now_minute(1))[:-6] + b"0000\r\n"
    foreign = frame(other, now_minute(1))
    too_old = frame(device, now_minute(60 * 24 * 200))
    body = post_text(device, bad_crc + foreign + too_old)
    assert [(r["committed"], r["reason"]) for r in body["results"]] == [
        (False, "bad_crc"), (False, "mn_mismatch"), (False, "outside_window"),
    ]  # fmt: skip
    assert Reading.objects.filter(mn__in=[device.mn, other.mn]).count() == 0
    reasons = set(
        MessageLog.objects.filter(mn=device.mn, direction="refused").values_list("reason", flat=True)
    )
    assert {"bad_crc", "outside_window"} <= reasons


def test_the_json_form() -> None:
    device = monitor()
    data_time = now_minute(2).strftime("%Y%m%d%H%M%S")
    body = {"frames": [{"cn": "2011", "data_time": data_time, "values": {"a34002-Rtd": 88.5, "a34002-Flag": "N"}},
                       frame(device, now_minute(1)).decode()]}  # fmt: skip
    response = Client().post(
        URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=basic(device)
    )
    assert response.status_code == 200
    assert response.json()["committed"] == 2
    assert Reading.objects.filter(mn=device.mn, cn="2011").get().pm10 == 88.5


@pytest.mark.parametrize(
    "body",
    [{"frames": []}, {"frames": [{"cn": "20", "data_time": "x", "values": {}}]}, {"nothing": 1},
     {"frames": [{"cn": "2011", "data_time": "20261125120000", "values": {"a34002;Rtd": 1}}]}],
)  # fmt: skip
def test_a_body_without_usable_frames_is_a_400_and_changes_nothing(body: dict) -> None:  # type: ignore[type-arg]
    device = monitor()
    response = Client().post(
        URL, json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=basic(device)
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not Reading.objects.filter(mn=device.mn).exists()


def test_a_wrong_password_is_refused_and_logged_under_the_mn() -> None:
    device = monitor()
    response = Client().post(URL, frame(device, now_minute(1)), content_type="text/plain",
                             HTTP_AUTHORIZATION=basic(device, "wrong"))  # fmt: skip
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert MessageLog.objects.filter(mn=device.mn, reason="wrong_pw").exists()
    assert not Reading.objects.filter(mn=device.mn).exists()


def test_a_per_device_token_and_never_a_user_login(client_as) -> None:  # type: ignore[no-untyped-def]
    device = monitor()
    token = issue_token(device, None)
    device.refresh_from_db()
    assert device.token_digest and token not in device.token_digest
    response = Client().post(
        URL, frame(device, now_minute(1)), content_type="text/plain", HTTP_AUTHORIZATION=f"Device {token}"
    )
    assert response.json()["committed"] == 1
    assert (
        Client().post(URL, b"x", content_type="text/plain", HTTP_AUTHORIZATION="Device nope").status_code
        == 401
    )
    assert Client().post(URL, b"x", content_type="text/plain").status_code == 401
    # A person's session (even an administrator's) is not a device.
    assert (
        client_as("admin").post(URL, frame(device, now_minute(2)), content_type="text/plain").status_code
        == 401
    )


def test_an_inactive_monitor_is_refused() -> None:
    device = monitor(active=False)
    response = Client().post(
        URL, frame(device, now_minute(1)), content_type="text/plain", HTTP_AUTHORIZATION=basic(device)
    )
    assert response.status_code == 401


def test_wrong_passwords_lock_the_mn_on_that_address_like_log_ins(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEVICE_FAILURE_LIMIT = 3
    device = monitor()
    body = frame(device, now_minute(1))
    for _attempt in range(3):
        wrong = Client().post(URL, body, content_type="text/plain", HTTP_AUTHORIZATION=basic(device, "guess"),
                              REMOTE_ADDR="198.51.100.7")  # fmt: skip
        assert wrong.status_code == 401
    # Locked: even the right password is refused from that address for the cool-off time.
    locked = Client().post(URL, body, content_type="text/plain", HTTP_AUTHORIZATION=basic(device),
                           REMOTE_ADDR="198.51.100.7")  # fmt: skip
    assert locked.status_code == 429 and locked.json()["code"] == "throttled"
    assert not Reading.objects.filter(mn=device.mn).exists()
    # The device itself, at its own address, goes on.
    own = Client().post(URL, body, content_type="text/plain", HTTP_AUTHORIZATION=basic(device),
                        REMOTE_ADDR="203.0.113.20")  # fmt: skip
    assert own.status_code == 200 and own.json()["committed"] == 1


def test_one_address_guessing_across_many_mns_is_locked(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEVICE_FAILURE_LIMIT = 2
    devices = [monitor() for _n in range(10)]
    for device in devices:
        Client().post(URL, b"x", content_type="text/plain", HTTP_AUTHORIZATION=basic(device, "guess"),
                      REMOTE_ADDR="198.51.100.8")  # fmt: skip
    fresh = monitor()
    answer = Client().post(URL, frame(fresh, now_minute(1)), content_type="text/plain",
                           HTTP_AUTHORIZATION=basic(fresh), REMOTE_ADDR="198.51.100.8")  # fmt: skip
    assert answer.status_code == 429
