"""WeCom and DingTalk group robots (core's notification channels), against a local HTTP server standing
in for them behind the configured base URL: message formats, the DingTalk signature, failures kept
and retried."""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from heluo.core.models import ChannelKind, Delivery, DeliveryState, NotificationChannel, Unit
from heluo.core.services import notifications

SECRET = "SEC0123456789abcdef"


class Robot(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, Any]]] = []
    answer: dict[str, Any] = {"errcode": 0, "errmsg": "ok"}
    status = 200

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Robot.received.append((self.path, body))
        answer = dict(Robot.answer)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if "sign" in query:  # DingTalk checks the signature as its documentation says
            timestamp = query["timestamp"][0]
            digest = hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
            if base64.b64encode(digest).decode() != query["sign"][0]:
                answer = {"errcode": 310000, "errmsg": "sign not match"}
        self.send_response(Robot.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def robot(settings: Any, db: Any) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    Robot.received, Robot.answer, Robot.status = [], {"errcode": 0, "errmsg": "ok"}, 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/proxy"
    settings.HELUO_WECOM_BASE_URL = base
    settings.HELUO_DINGTALK_BASE_URL = base
    settings.HELUO_SITE_URL = "http://heluo.example.gov.cn"
    yield base
    server.shutdown()


def channel(kind: str, url: str, secret: str = "") -> NotificationChannel:
    unit = Unit.objects.get(name="定鼎门社区居民委员会")
    return NotificationChannel.objects.create(name=kind, kind=kind, unit=unit, url=url, secret=secret)


def delivery(made: NotificationChannel) -> Delivery:
    return Delivery.objects.create(
        kind=made.kind, channel=made, target=made.url, subject="督办提醒",
        payload={"title": "督办提醒：DB-2026-000001", "body": "3天后到期", "link": "/cases/cases/1/"},
    )  # fmt: skip


def test_a_wecom_robot_gets_markdown_through_the_configured_base_url(robot: str) -> None:
    made = channel(ChannelKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123")
    assert notifications.deliver(delivery(made).pk) == DeliveryState.SENT
    path, body = Robot.received[0]
    assert path == "/proxy/cgi-bin/webhook/send?key=abc-123"
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["content"].startswith("**督办提醒：DB-2026-000001**")
    assert "http://heluo.example.gov.cn/cases/cases/1/" in body["markdown"]["content"]


def test_a_dingtalk_robot_gets_signed_markdown(robot: str) -> None:
    made = channel(ChannelKind.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=tok", SECRET)
    assert notifications.deliver(delivery(made).pk) == DeliveryState.SENT
    path, body = Robot.received[0]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    assert path.startswith("/proxy/robot/send?access_token=tok&timestamp=")
    assert set(query) == {"access_token", "timestamp", "sign"}
    assert body == {"msgtype": "markdown", "markdown": {"title": "督办提醒：DB-2026-000001",
                                                         "text": body["markdown"]["text"]}}  # fmt: skip
    assert "3天后到期" in body["markdown"]["text"]


def test_the_dingtalk_signature_follows_the_documentation() -> None:
    # timestamp + "\n" + secret, HMAC-SHA256 keyed by the secret, Base64, then URL-encoded.
    signed = notifications.dingtalk_signed(
        "https://oapi.dingtalk.com/robot/send?access_token=t", "s", 1700000000000
    )
    expected = base64.b64encode(hmac.new(b"s", b"1700000000000\ns", hashlib.sha256).digest()).decode()
    assert signed == (
        "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign="
        + urllib.parse.quote_plus(expected)
    )


def test_a_wrong_secret_is_a_failure_kept_with_its_error_and_retried(robot: str) -> None:
    made = channel(ChannelKind.DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=tok", "wrong")
    sent = delivery(made)
    assert notifications.deliver(sent.pk) == DeliveryState.PENDING
    sent.refresh_from_db()
    assert sent.attempts == 1 and "310000" in sent.last_error
    for _attempt in range(notifications.MAX_ATTEMPTS - 1):
        notifications.deliver(sent.pk)
    sent.refresh_from_db()
    assert sent.state == DeliveryState.FAILED and sent.attempts == notifications.MAX_ATTEMPTS


def test_a_robot_that_is_down_is_tried_again_until_it_answers(robot: str) -> None:
    made = channel(ChannelKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
    sent = delivery(made)
    Robot.status = 502
    assert notifications.deliver(sent.pk) == DeliveryState.PENDING
    Robot.status = 200
    assert notifications.deliver(sent.pk) == DeliveryState.SENT
    sent.refresh_from_db()
    assert sent.attempts == 2 and sent.sent_at is not None


def test_a_case_assigned_to_a_unit_reaches_its_group_robot(robot: str, make_case: Any,
                                                           django_capture_on_commit_callbacks: Any) -> None:  # fmt: skip
    made = channel(ChannelKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=unit")
    with django_capture_on_commit_callbacks(execute=True):
        make_case("assigned", handler=None)  # no handler: the unit's people are told, and its robot
    assert Delivery.objects.filter(channel=made, state=DeliveryState.SENT).exists()
    assert any("key=unit" in path for path, _body in Robot.received)


def test_a_long_message_is_cut_to_the_robots_limit() -> None:
    text = notifications.robot_markdown({"title": "长", "body": "字" * 5000})
    assert len(text.encode()) <= notifications.ROBOT_TEXT_BYTES
