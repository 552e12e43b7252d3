"""Notifications: inbox rows at once, outside deliveries only after commit, retried and never lost."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from heluo.core.models import Account, Delivery, DeliveryState, Notification, NotificationChannel
from heluo.core.services import notifications
from heluo.core.tasks import resend_pending_deliveries


class Recorder(http.server.BaseHTTPRequestHandler):
    received: list[tuple[dict[str, Any], dict[str, str]]] = []
    fail_next = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Recorder.fail_next:
            Recorder.fail_next -= 1
            self.send_response(500)
        else:
            Recorder.received.append((json.loads(body), dict(self.headers)))
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.received, Recorder.fail_next = [], 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def test_inbox_and_mail_are_sent_on_commit(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    users["beiyao"].email = "beiyao@example.org"
    users["beiyao"].save()
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([users["beiyao"]], title="督办提醒", body="请按时办结", link="/core/")
        assert not mail.outbox  # nothing leaves before the commit
    assert Notification.objects.get(recipient=users["beiyao"]).title == "督办提醒"
    assert [m.to for m in mail.outbox] == [["beiyao@example.org"]]
    assert Delivery.objects.get(target="beiyao@example.org").state == DeliveryState.SENT


def test_nothing_is_sent_for_a_change_that_was_rolled_back(
    users: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    users["beiyao"].email = "beiyao@example.org"
    users["beiyao"].save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify([users["beiyao"]], title="回滚")
    assert callbacks and not mail.outbox


def test_webhook_of_the_recipients_unit_is_signed_and_retried(
    users: dict[str, Any], webhook: str, django_capture_on_commit_callbacks: Any
) -> None:
    unit = Account.objects.get(user=users["beiyao"]).unit
    NotificationChannel.objects.create(name="党工委群机器人", unit=unit, url=webhook, secret="s3cret")
    Recorder.fail_next = 1
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([users["beiyao"]], title="会议通知", body="周五开会")
    delivery = Delivery.objects.get(target=webhook)
    # The first attempt failed (HTTP 500): the delivery waits for its retry, with the error kept.
    assert delivery.state == DeliveryState.PENDING and "500" in delivery.last_error
    resend_pending_deliveries.call_local()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT and delivery.attempts == 2
    payload, headers = Recorder.received[0]
    assert payload["title"] == "会议通知"
    body = json.dumps(payload, ensure_ascii=False).encode()
    assert headers["X-Heluo-Signature"] == notifications.sign("s3cret", body)


def test_a_dead_webhook_fails_after_the_last_attempt_and_keeps_its_error(users: dict[str, Any]) -> None:
    channel = NotificationChannel.objects.create(
        name="坏地址", unit=Account.objects.get(user=users["beiyao"]).unit, url="http://127.0.0.1:9/nowhere"
    )
    delivery = Delivery.objects.create(
        kind="webhook", channel=channel, target=channel.url, subject="x", payload={}
    )
    for _ in range(notifications.MAX_ATTEMPTS):
        state = notifications.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert state == DeliveryState.FAILED == delivery.state
    assert delivery.attempts == notifications.MAX_ATTEMPTS and delivery.last_error


def test_inbox_page_counts_unread_and_marks_read(users: dict[str, Any], client_as: Any) -> None:
    notifications.notify([users["luolong"]], title="新的督办事项")
    client = client_as("luolong")
    assert 'data-testid="unread-count">1<' in client.get("/").content.decode()
    client.post("/core/inbox/read/")
    assert "unread-count" not in client.get("/").content.decode()
