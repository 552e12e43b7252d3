"""Rows every module shares: attachments, notifications and their deliveries, sensitive-data access log."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name on disk: the original name is kept in the row, never trusted as a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"attachments/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A file attached to any scoped row; served only by the download view, which checks that row's scope."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_attachment_owner")]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("core:attachment_download", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


class Notification(models.Model):
    """A message in a user's inbox (站内信)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    event = models.CharField(_("event"), max_length=60, blank=True)
    # A list message (a digest) lists its items here, each with its own page: [{"text": …, "link": …}].
    entries = models.JSONField(_("entries"), default=list, blank=True)
    # A new message replaces the recipient's unread one with the same key (one entry per case, one
    # digest per kind); an empty key never replaces.
    key = models.CharField(_("key"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="core_notification_unread")]

    def __str__(self) -> str:
        return self.title


class ChannelKind(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook")
    # Group chat robots, in their own documented message formats (heluo.core.services.notifications).
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk group robot")


class NotificationChannel(models.Model):
    """A unit's outside channel: a webhook (its group chat's robot or another system) for its members' messages.

    E-mail needs no channel row: a recipient with an address gets mail.
    """

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ChannelKind.choices, default=ChannelKind.WEBHOOK
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="notification_channels"
    )
    url = models.URLField(_("address"), max_length=500)
    secret = models.CharField(_("secret"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("notification channel")
        verbose_name_plural = _("notification channels")

    def __str__(self) -> str:
        return self.name


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("pending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Delivery(models.Model):
    """One message to one outside channel: kept with its attempts so a failure is never lost silently."""

    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    channel = models.ForeignKey(NotificationChannel, null=True, blank=True, on_delete=models.SET_NULL)
    target = models.CharField(_("target"), max_length=500)
    subject = models.CharField(_("subject"), max_length=200)
    payload = models.JSONField(_("payload"))
    state = models.CharField(
        _("state"), max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.target}"


class AccessKind(models.TextChoices):
    VIEW = "view", _("viewed")
    VIEW_IN_FULL = "view_in_full", _("sensitive values shown in full")
    EXPORT = "export", _("exported")
    ACT = "act", _("acted (without field history)")


class AccessEvent(models.Model):
    """The one access log (访问日志): every export (who, when, what, how many rows), every showing of
    sensitive values in full, every view of a record whose views are logged (militia rosters, party
    members), and the acts on rows that keep no field history. Written by heluo.core.services.access
    only; never changed (等保's tamper-evident audit chains these rows)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AccessKind.choices, default=AccessKind.VIEW_IN_FULL
    )
    context = models.CharField(_("where"), max_length=300)
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.PROTECT)
    object_ids = models.JSONField(_("records"), default=list)
    count = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "at"], name="core_access_user_at")]

    def __str__(self) -> str:
        return f"{self.user} {self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.context}"


class RefusedAttempt(models.Model):
    """Refusals counted towards a lock-out (a device's wrong password, a value found used outside the
    user's scope): heluo.core.services.throttle counts them per key over a window, across processes."""

    key = models.CharField(_("key"), max_length=200)
    at = models.DateTimeField(_("at"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=1)

    class Meta:
        verbose_name = _("refused attempt")
        verbose_name_plural = _("refused attempts")
        indexes = [models.Index(fields=["key", "at"], name="core_refused_key_at")]

    def __str__(self) -> str:
        return f"{self.key} {self.at:%Y-%m-%d %H:%M} ×{self.count}"
