"""Monitoring devices (监测设备 / 数采仪) and what they send: readings, conflicts, status, the message log.

Readings are the hot table: a wide row per stored frame (the standard dust factors as columns, the rest
as JSON, the frame's text for audit), keyed by (MN, CN, DataTime, PNO) and, on PostgreSQL, partitioned
by month (migration 0002). docs/monitoring.md holds the measurement behind the layout.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel, ScopedManager, UserScope
from heluo.monitoring.conf import offline_after as default_offline_after
from heluo.monitoring.hj212 import CrcForm, Padding, Sm4Cipher, Version
from heluo.monitoring.watchers import watched_q

from .points import MonitoringPoint

# Characters that separate HJ 212 fields can never be part of an MN or a PW.
validate_mn = RegexValidator(
    r"^[0-9A-Za-z_.\-]{4,32}$", _("An MN has 4 to 32 letters, digits, '_', '-' or '.'.")
)
validate_pw = RegexValidator(
    r"^[^;,=&\s]{1,32}$", _("A password has 1 to 32 characters without ; , = & or spaces.")
)
validate_sm4_key = RegexValidator(r"^[0-9A-Fa-f]{32}$", _("An SM4 key is 32 hex digits (16 bytes)."))


class ProtocolVersion(models.TextChoices):
    HJT212_2005 = Version.HJT212_2005.name, "HJ/T 212-2005"
    HJ212_2017 = Version.HJ212_2017.name, "HJ 212-2017"
    HJ212_2025 = Version.HJ212_2025.name, "HJ 212-2025"


class ParticulateUnit(models.TextChoices):
    UG_M3 = "ug_m3", "µg/m³"
    MG_M3 = "mg_m3", "mg/m³"


class Sm4Padding(models.TextChoices):
    NONE = Padding.NONE.value, _("none")
    PKCS7 = Padding.PKCS7.value, "PKCS#7"
    ZERO = Padding.ZERO.value, _("zero bytes")


class Monitor(LedgerModel):
    """An on-line monitor (在线监测设备) at a monitoring point: its data logger's MN and PW and how it speaks."""

    scope_module = "monitoring"
    scope_division_field = "point__division"
    sensitive_fields = ("pw", "sm4_key")
    full_view_permission = "monitoring.view_device_secrets"

    mn = models.CharField(
        _("MN"),
        max_length=32,
        unique=True,
        validators=[validate_mn],
        help_text=_("The data logger's code, as the device sends it."),
    )
    pw = models.CharField(_("access password"), max_length=32, validators=[validate_pw])
    point = models.ForeignKey(
        MonitoringPoint, verbose_name=_("monitoring point"), on_delete=models.PROTECT, related_name="monitors"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    vendor = models.CharField(_("vendor and model"), max_length=100, blank=True)
    protocol_version = models.CharField(
        _("protocol version"),
        max_length=20,
        choices=ProtocolVersion.choices,
        default=ProtocolVersion.HJ212_2017,
    )
    particulate_unit = models.CharField(
        _("unit of particulate values"),
        max_length=10,
        choices=ParticulateUnit.choices,
        default=ParticulateUnit.UG_M3,
        help_text=_("The standard says ng/m³; devices send µg/m³ or mg/m³. Stored values are µg/m³."),
    )
    # Off by default: each accepts a CRC the standard does not, seen on real devices.
    accept_crc_swapped = models.BooleanField(_("accept CRC with bytes swapped"), default=False)
    accept_crc_modbus_swapped = models.BooleanField(_("accept Modbus CRC with bytes swapped"), default=False)
    accept_crc_modbus = models.BooleanField(_("accept Modbus CRC"), default=False)
    sm4_key = models.CharField(
        _("SM4 key"),
        max_length=32,
        blank=True,
        validators=[validate_sm4_key],
        help_text=_("Only for HJ 212-2025 devices that encrypt their data."),
    )
    sm4_padding = models.CharField(
        _("SM4 padding"), max_length=10, choices=Sm4Padding.choices, default=Sm4Padding.NONE
    )
    minute_interval = models.PositiveSmallIntegerField(
        _("minute data interval"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Minutes one minute-data upload (CN 2051) covers: the device's minute interval."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Frames of an inactive monitor are refused.")
    )
    notes = models.TextField(_("notes"), blank=True)
    # SHA-256 of the device's HTTP token (shown once when issued); empty: MN and PW only.
    token_digest = models.CharField(_("HTTP token digest"), max_length=64, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitor")
        verbose_name_plural = _("monitors")
        ordering = ["mn"]
        permissions = [("view_device_secrets", _("Can see devices' access passwords and keys in full"))]

    def __str__(self) -> str:
        return f"{self.mn}（{self.name}）" if self.name else self.mn

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # Who answers for the point's watched row (a site's grid officers) sees its monitors.
        return watched_q(scope, "point__")

    def get_absolute_url(self) -> str:
        return reverse("monitoring:monitor_detail", args=[self.pk])

    def clean(self) -> None:
        if self.sm4_key and self.protocol_version != ProtocolVersion.HJ212_2025:
            raise ValidationError({"sm4_key": _("Only HJ 212-2025 devices encrypt with SM4.")})

    @property
    def crc_variants(self) -> frozenset[CrcForm]:
        chosen = (
            (self.accept_crc_swapped, CrcForm.SWAPPED),
            (self.accept_crc_modbus_swapped, CrcForm.MODBUS_SWAPPED),
            (self.accept_crc_modbus, CrcForm.MODBUS),
        )
        return frozenset(form for allowed, form in chosen if allowed)

    @property
    def cipher(self) -> Sm4Cipher | None:
        if not self.sm4_key:
            return None
        return Sm4Cipher(bytes.fromhex(self.sm4_key), padding=Padding(self.sm4_padding))


class MonitorStatus(models.Model):
    """Online state and counters of one monitor, kept by the receiver per MN (not per connection:
    a vendor's cloud forwards many MNs over one socket). Not a ledger row: it changes every frame."""

    monitor = models.OneToOneField(
        Monitor, primary_key=True, on_delete=models.CASCADE, related_name="status", verbose_name=_("monitor")
    )
    last_seen = models.DateTimeField(_("last seen"), null=True, blank=True)
    last_data_time = models.DateTimeField(_("latest data time"), null=True, blank=True)
    last_peer = models.CharField(_("last address"), max_length=64, blank=True)
    frames = models.PositiveBigIntegerField(_("frames accepted"), default=0)
    stored = models.PositiveBigIntegerField(_("readings stored"), default=0)
    duplicates = models.PositiveBigIntegerField(_("retransmissions"), default=0)
    conflicts = models.PositiveBigIntegerField(_("conflicts"), default=0)
    backfilled = models.PositiveBigIntegerField(_("backfilled"), default=0)
    heartbeats = models.PositiveBigIntegerField(_("heartbeats"), default=0)
    refused = models.PositiveBigIntegerField(_("refused"), default=0)
    last_refusal = models.CharField(_("last refusal"), max_length=200, blank=True)
    last_refusal_at = models.DateTimeField(_("last refused at"), null=True, blank=True)

    class Meta:
        verbose_name = _("monitor status")
        verbose_name_plural = _("monitor statuses")

    def __str__(self) -> str:
        return str(self.monitor_id)

    def is_online(self, now: datetime | None = None, offline_after: timedelta | None = None) -> bool:
        if self.last_seen is None:
            return False
        limit = offline_after or default_offline_after()
        return (now or timezone.now()) - self.last_seen <= limit


class Reading(models.Model):
    """One stored frame of a monitor (a data upload, CN 2xxx, with its DataTime).

    Keyed by (MN, CN, DataTime, PNO): a retransmission is stored once, the parts of a split packet each
    have their row (PNO 1…PNUM; 0 for a whole frame) and are joined when read. Particulates are in
    µg/m³ whatever the device sends. `raw` is the frame as received, kept for audit.
    """

    pk = models.CompositePrimaryKey("mn", "cn", "data_time", "pno")
    mn = models.CharField(_("MN"), max_length=32)
    cn = models.CharField(_("command code"), max_length=4)
    data_time = models.DateTimeField(_("data time"))
    pno = models.PositiveSmallIntegerField(_("packet number"), default=0)
    pnum = models.PositiveSmallIntegerField(_("packets"), default=0)
    st = models.CharField(_("system code"), max_length=8)
    qn = models.CharField(_("request number"), max_length=20, blank=True)
    flag = models.PositiveSmallIntegerField(_("flag"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    backfill = models.BooleanField(_("backfill"), default=False)
    pm10 = models.FloatField("PM10", null=True, blank=True)
    pm25 = models.FloatField("PM2.5", null=True, blank=True)
    tsp = models.FloatField("TSP", null=True, blank=True)
    noise = models.FloatField(_("noise"), null=True, blank=True)
    wind_speed = models.FloatField(_("wind speed"), null=True, blank=True)
    wind_direction = models.FloatField(_("wind direction"), null=True, blank=True)
    temperature = models.FloatField(_("temperature"), null=True, blank=True)
    humidity = models.FloatField(_("humidity"), null=True, blank=True)
    pressure = models.FloatField(_("pressure"), null=True, blank=True)
    # Data flags other than N, by 2017 code; the other values as "code-suffix": "text".
    flags = models.JSONField(_("data flags"), null=True, blank=True)
    extra = models.JSONField(_("other values"), null=True, blank=True)
    problems = models.JSONField(_("problems"), null=True, blank=True)
    raw = models.TextField(_("frame"))

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            # A whole frame is PNO 0 of 0; a part is PNO 1…PNUM. A frame breaking this is refused.
            models.CheckConstraint(
                condition=Q(pnum=0, pno=0) | Q(pno__gte=1, pno__lte=F("pnum")),
                name="monitoring_reading_packet_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mn} {self.cn} {self.data_time}"


class ReadingConflict(models.Model):
    """A frame whose key is stored already with other values: kept for an operator, never dropped.

    The same conflicting content sent again is kept once (its digest is part of the key).
    """

    scope_module = "monitoring"
    scope_division_field = "monitor__point__division"

    monitor = models.ForeignKey(
        Monitor, verbose_name=_("monitor"), null=True, on_delete=models.SET_NULL, related_name="conflicts"
    )
    mn = models.CharField(_("MN"), max_length=32)
    cn = models.CharField(_("command code"), max_length=4)
    data_time = models.DateTimeField(_("data time"))
    pno = models.PositiveSmallIntegerField(_("packet number"), default=0)
    digest = models.CharField(_("content digest"), max_length=64)
    qn = models.CharField(_("request number"), max_length=20, blank=True)
    received_at = models.DateTimeField(_("received at"))
    raw = models.TextField(_("frame"))
    resolved = models.BooleanField(_("resolved"), default=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("reading conflict")
        verbose_name_plural = _("reading conflicts")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mn", "cn", "data_time", "pno", "digest"], name="monitoring_conflict_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mn} {self.cn} {self.data_time}"


class UnknownDevice(models.Model):
    """An MN that sent frames without being registered: listed for an operator to register.

    It has no place yet, so whoever may view the list sees all of it (MNs and frames, no location).
    """

    scope_module = "monitoring"

    mn = models.CharField(_("MN"), max_length=32, unique=True)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    count = models.PositiveBigIntegerField(_("frames"), default=0)
    last_frame = models.TextField(_("last frame"), blank=True)
    last_peer = models.CharField(_("last address"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("unknown device")
        verbose_name_plural = _("unknown devices")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return self.mn


class Direction(models.TextChoices):
    IN = "in", _("received")
    OUT = "out", _("sent")
    REFUSED = "refused", _("refused")


class MessageLog(models.Model):
    """Every frame in, every reply out and every refusal with its reason, per MN; pruned after some days.

    A refusal before the MN could be read (bad CRC, garbage) is filed under the MN the connection last
    spoke for, or none.
    """

    at = models.DateTimeField(_("time"), db_index=True)
    mn = models.CharField(_("MN"), max_length=32, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    cn = models.CharField(_("command code"), max_length=4, blank=True)
    peer = models.CharField(_("address"), max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("message log entry")
        verbose_name_plural = _("message log")
        ordering = ["-id"]
        indexes = [models.Index(fields=["mn", "id"], name="monitoring_log_mn_id")]

    def __str__(self) -> str:
        return f"{self.at} {self.mn} {self.direction}"
