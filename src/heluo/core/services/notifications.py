"""Notifications: an inbox row per recipient, and outside deliveries (e-mail, webhooks) sent on commit.

Nothing is announced for a change that was rolled back: deliveries are queued by transaction.on_commit.
A failed delivery is retried by the task worker and stays visible with its error, never lost silently.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypedDict

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from heluo.core.models import (
    Account,
    ChannelKind,
    Delivery,
    DeliveryState,
    Notification,
    NotificationChannel,
)
from heluo.core.scope import may, visible

MAX_ATTEMPTS = 5


class Entry(TypedDict):
    """One line of a list message, with the page it stands for."""

    text: str
    link: str


def unread_entries(user: Any, key: str) -> list[Entry]:
    """The entries of the user's unread message of `key` (the digest a new one will replace)."""
    note = Notification.objects.filter(recipient=user, key=key, read_at__isnull=True).first()
    return list(note.entries) if note is not None else []


WEBHOOK_TIMEOUT_SECONDS = 10

# How a queued delivery reaches the task worker: core's task module passes its task in when core starts
# (heluo.core.apps). Until then deliveries wait, pending, for the worker's sweep of pending deliveries.
_queues: list[Callable[[int], Any]] = []


def deliver_through(enqueue: Callable[[int], Any]) -> None:
    """Send every delivery id queued from now on to `enqueue` (called once, at start-up)."""
    _queues[:] = [enqueue]


def notify(
    recipients: Iterable[Any], *, title: str, body: str = "", link: str = "", event: str = "",
    entries: Sequence[Entry] = (), key: str = "", about: models.Model | None = None,
) -> list[Notification]:  # fmt: skip
    """Put a message in each recipient's inbox and queue its e-mails and webhook posts for after commit.
    With a `key`, the message replaces each recipient's unread message of that key (in the caller's
    transaction): the inbox keeps one entry per case, one digest per kind. A message `about` a row reaches
    only the recipients who may see that row (a militia row: the militia roles of its division)."""
    users = [user for user in {user.pk: user for user in recipients if user is not None}.values()
             if about is None or (may(user, "view", type(about)) and visible(user, about))]  # fmt: skip
    if key:
        Notification.objects.filter(recipient__in=list(users), key=key, read_at__isnull=True).delete()
    notes = Notification.objects.bulk_create(
        [
            Notification(recipient=user, title=title[:200], body=body, link=link, event=event,
                         entries=list(entries), key=key)
            for user in users
        ]
    )  # fmt: skip
    payload = {"title": title, "body": body, "link": link, "event": event}
    deliveries = [
        Delivery(kind=ChannelKind.EMAIL, target=user.email, subject=title[:200], payload=payload)
        for user in users
        if user.email
    ]
    unit_ids = Account.objects.filter(user__in=list(users), unit__isnull=False).values_list(
        "unit_id", flat=True
    )
    for channel in NotificationChannel.objects.filter(unit_id__in=list(unit_ids), is_active=True):
        deliveries.append(
            Delivery(
                kind=channel.kind, channel=channel, target=channel.url, subject=title[:200], payload=payload
            )
        )
    if deliveries:
        created = Delivery.objects.bulk_create(deliveries)
        ids = [d.pk for d in created]
        transaction.on_commit(lambda: _enqueue(ids))
    return notes


def _enqueue(delivery_ids: list[int]) -> None:
    for enqueue in _queues:
        for pk in delivery_ids:
            enqueue(pk)


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _post_webhook(delivery: Delivery) -> None:
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    request = urllib.request.Request(delivery.target, data=body, method="POST")
    request.add_header("Content-Type", "application/json; charset=utf-8")
    if delivery.channel and delivery.channel.secret:
        request.add_header("X-Heluo-Signature", sign(delivery.channel.secret, body))
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
        if response.status >= 300:
            raise OSError(f"HTTP {response.status}")


# --- group robots (WeCom 企业微信, DingTalk 钉钉) ---------------------------------------------------
# An intranet reaches them through a proxy or a private deployment, if at all: the robot address a
# unit copies from its group keeps its path and key, and HELUO_WECOM_BASE_URL / HELUO_DINGTALK_BASE_URL
# replace the official host. HELUO_SITE_URL makes a message's link absolute.
ROBOT_TEXT_BYTES = 4000  # WeCom's markdown content is at most 4096 bytes


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "").strip()


def rebase(url: str, base: str) -> str:
    """`url` with its scheme and host (and a path prefix) taken from `base`; unchanged when base is empty."""
    if not base:
        return url
    target, new = urllib.parse.urlsplit(url), urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(
        (new.scheme, new.netloc, new.path.rstrip("/") + target.path, target.query, "")
    )


def robot_markdown(payload: dict[str, Any]) -> str:
    """A message as the robots' markdown: the title in bold, the body, the link."""
    lines = [f"**{payload.get('title', '')}**"]
    if payload.get("body"):
        lines.append(str(payload["body"]))
    link = str(payload.get("link") or "")
    if link:
        site = _setting("HELUO_SITE_URL")
        lines.append(
            f"[{site.rstrip('/') + link}]({site.rstrip('/') + link})"
            if site and link.startswith("/")
            else link
        )
    text = "\n\n".join(lines)
    encoded = text.encode()
    return encoded[:ROBOT_TEXT_BYTES].decode(errors="ignore") if len(encoded) > ROBOT_TEXT_BYTES else text


def _post_robot(url: str, message: dict[str, Any]) -> None:
    """POST a robot message; both robots answer HTTP 200 with {"errcode": 0} when they accept it."""
    request = urllib.request.Request(
        url, data=json.dumps(message, ensure_ascii=False).encode(), method="POST"
    )
    request.add_header("Content-Type", "application/json; charset=utf-8")
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT_SECONDS) as response:
        answer = json.loads(response.read() or b"{}")
    if answer.get("errcode", 0) != 0:
        raise OSError(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


def _post_wecom(delivery: Delivery) -> None:
    """WeCom group robot: POST /cgi-bin/webhook/send?key=… {"msgtype": "markdown", "markdown": {"content": …}}."""
    url = rebase(delivery.target, _setting("HELUO_WECOM_BASE_URL"))
    _post_robot(url, {"msgtype": "markdown", "markdown": {"content": robot_markdown(delivery.payload)}})


def dingtalk_signed(url: str, secret: str, timestamp_ms: int) -> str:
    """The DingTalk robot address with its signature (加签): timestamp + "\n" + secret, HMAC-SHA256 keyed
    with the secret, Base64, URL-encoded; sent as &timestamp=…&sign=…"""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={sign}"


def _post_dingtalk(delivery: Delivery) -> None:
    """DingTalk group robot: POST /robot/send?access_token=… {"msgtype": "markdown", "markdown": {"title", "text"}}."""
    url = rebase(delivery.target, _setting("HELUO_DINGTALK_BASE_URL"))
    if delivery.channel and delivery.channel.secret:
        url = dingtalk_signed(url, delivery.channel.secret, int(time.time() * 1000))
    title = str(delivery.payload.get("title", ""))[:100]
    _post_robot(
        url, {"msgtype": "markdown", "markdown": {"title": title, "text": robot_markdown(delivery.payload)}}
    )


def deliver(delivery_id: int) -> str:
    """Try to send one delivery once; returns its state (still PENDING means: try again later)."""
    delivery = Delivery.objects.select_related("channel").get(pk=delivery_id)
    if delivery.state != DeliveryState.PENDING:
        return delivery.state
    delivery.attempts += 1
    try:
        if delivery.kind == ChannelKind.EMAIL:
            message = delivery.payload.get("body", "")
            if delivery.payload.get("link"):
                message += "\n\n" + delivery.payload["link"]
            send_mail(delivery.subject, message, settings.DEFAULT_FROM_EMAIL, [delivery.target])
        elif delivery.kind == ChannelKind.WECOM:
            _post_wecom(delivery)
        elif delivery.kind == ChannelKind.DINGTALK:
            _post_dingtalk(delivery)
        else:
            _post_webhook(delivery)
    except Exception as exc:  # any failure of the outside world is recorded and retried
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = DeliveryState.FAILED
        delivery.save(update_fields=["attempts", "last_error", "state"])
        return delivery.state
    delivery.state = DeliveryState.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["attempts", "state", "sent_at"])
    return delivery.state


def mark_read(user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all unread ones when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
