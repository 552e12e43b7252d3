"""Hourly and daily values of each monitor (小时值, 日均值), built from its readings and kept for ever
(readings are dropped after a while): what every page, report and alarm reads.

Each row keeps the additive statistics of every factor (`stats`, see heluo.monitoring.validity) and,
as columns, the values most asked for. `LatestHour` is each monitor's newest valid hour, for the live
map and list.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .devices import Monitor

# An AQI above the table of HJ 633 ("> 500") is stored as this.
ABOVE_TABLE = 501


class HourlyValue(models.Model):
    """A monitor's hour: per factor [count, total, low, high, minutes mask, excluded] in `stats`."""

    # A monitor with data is deactivated, not deleted: its values are the record.
    monitor = models.ForeignKey(
        Monitor, verbose_name=_("monitor"), on_delete=models.PROTECT, related_name="hourly_values"
    )
    hour = models.DateTimeField(_("hour"))
    day = models.DateField(_("day"))
    stats = models.JSONField(_("statistics"), default=dict)
    pm10 = models.FloatField("PM10", null=True, blank=True)
    pm25 = models.FloatField("PM2.5", null=True, blank=True)
    # Some of its data came live (not backfilled): only such hours may raise alarms.
    live = models.BooleanField(_("live data"), default=False)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("hourly value")
        verbose_name_plural = _("hourly values")
        constraints = [
            models.UniqueConstraint(fields=["monitor", "hour"], name="monitoring_hourly_monitor_hour")
        ]

    def __str__(self) -> str:
        return f"{self.monitor_id} {self.hour:%Y-%m-%d %H:00}"


class DailyValue(models.Model):
    """A monitor's Beijing day: per factor [hours, mean, low, high, readings, excluded, minutes]."""

    monitor = models.ForeignKey(
        Monitor, verbose_name=_("monitor"), on_delete=models.PROTECT, related_name="daily_values"
    )
    day = models.DateField(_("day"))
    stats = models.JSONField(_("statistics"), default=dict)
    pm10 = models.FloatField("PM10", null=True, blank=True)
    pm25 = models.FloatField("PM2.5", null=True, blank=True)
    pm10_hours = models.PositiveSmallIntegerField(_("valid PM10 hours"), default=0)
    aqi = models.PositiveSmallIntegerField("AQI", null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("AQI level"), null=True, blank=True)
    primary = models.CharField(_("primary pollutant"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("daily value")
        verbose_name_plural = _("daily values")
        constraints = [
            models.UniqueConstraint(fields=["monitor", "day"], name="monitoring_daily_monitor_day")
        ]
        indexes = [models.Index(fields=["day"], name="monitoring_daily_day")]

    def __str__(self) -> str:
        return f"{self.monitor_id} {self.day}"


class LatestHour(models.Model):
    """A monitor's newest valid hour with its AQI: one row per monitor, moved forward only."""

    monitor = models.OneToOneField(
        Monitor, primary_key=True, on_delete=models.CASCADE, related_name="latest", verbose_name=_("monitor")
    )
    hour = models.DateTimeField(_("hour"))
    pm10 = models.FloatField("PM10", null=True, blank=True)
    pm25 = models.FloatField("PM2.5", null=True, blank=True)
    aqi = models.PositiveSmallIntegerField("AQI", null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("AQI level"), null=True, blank=True)
    primary = models.CharField(_("primary pollutant"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("latest hour")
        verbose_name_plural = _("latest hours")

    def __str__(self) -> str:
        return f"{self.monitor_id} {self.hour:%Y-%m-%d %H:00}"


class CommittedBatch(models.Model):
    """Frames a receiver stored, waiting for the rollups and alarms (the after-commit hooks).

    Written in the transaction that stores the frames and deleted in the transaction that applies the
    hooks (`services.outbox`), so neither side's crash loses a batch or applies one twice. `frames` is a
    JSON list, one entry per stored frame (see `services.outbox`).
    """

    id = models.BigAutoField(primary_key=True)
    committed_at = models.DateTimeField(_("committed at"))
    count = models.PositiveIntegerField(_("frames"))
    frames = models.TextField(_("frames"))

    class Meta:
        verbose_name = _("committed batch")
        verbose_name_plural = _("committed batches")

    def __str__(self) -> str:
        return f"{self.pk} ({self.count})"
