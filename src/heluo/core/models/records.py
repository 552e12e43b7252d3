"""Rows every module shares: attachments, notifications and their deliveries, sensitive-data access log."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnlyError(Exception):
    """An attempt to change or delete a row of an append-only table from the application."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows are added, never changed or deleted in bulk (the audit trail)."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(_("Audit records are never changed."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(_("Audit records are never deleted."))


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
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("login failed")
    LOGOUT = "logout", _("logged out")
    GRANT = "grant", _("roles or permissions changed")


class AccessOutcome(models.TextChoices):
    SUCCESS = "success", _("succeeded")
    FAILURE = "failure", _("failed")


class AccessEvent(models.Model):
    """The one access log and audit trail (访问日志, 安全审计): logins, failed logins and logouts, role
    changes, every export (who, when, what, how many rows), every showing of sensitive values in full,
    every view of a record whose views are logged (militia rosters, party members), and the users' acts on
    data. Written by heluo.core.services.access only, append-only: each row is sealed into one chain
    (heluo.core.services.audit_trail), so a changed, removed or inserted row is found by `heluo audit
    verify`."""

    scope_module = "core"

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, null=True, blank=True
    )
    # The name given, kept also when no account has it (a failed login) or the account is renamed.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AccessKind.choices, default=AccessKind.VIEW_IN_FULL
    )
    outcome = models.CharField(
        pgettext_lazy("audit", "outcome"),
        max_length=10,
        choices=AccessOutcome.choices,
        default=AccessOutcome.SUCCESS,
    )
    address = models.CharField(_("address"), max_length=45, blank=True)
    context = models.CharField(_("where"), max_length=300)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.PROTECT, null=True, blank=True
    )
    object_ids = models.JSONField(_("records"), default=list)
    count = models.PositiveIntegerField(_("rows"), default=0)
    previous_seal = models.CharField(_("previous seal"), max_length=64, editable=False)
    seal = models.CharField(_("seal"), max_length=64, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access log")
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["user", "at"], name="core_access_user_at"),
            models.Index(fields=["at"], name="core_access_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.context}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(_("Audit records are never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(_("Audit records are never deleted."))


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
