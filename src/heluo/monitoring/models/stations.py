"""National and provincial control stations (国控站点 / 省控站点) and their hourly values: what the
difference method subtracts from a site's hourly PM10. Imported from Excel or sent through the API."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, Division, LedgerModel, latitude_field, longitude_field


class StationKind(models.TextChoices):
    NATIONAL = "national", _("national control")
    PROVINCIAL = "provincial", _("provincial control")


class ControlStation(LedgerModel):
    """A control station of the air quality network, placed in its county (区县)."""

    scope_module = "monitoring"
    # The network is the whole city's reference: everyone in the module sees every station.
    scope_division_field = CITY_WIDE

    code = models.CharField(_("station code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(
        _("kind"), max_length=20, choices=StationKind.choices, default=StationKind.NATIONAL
    )
    division = models.ForeignKey(
        Division,
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        related_name="control_stations",
        help_text=_("The county or district whose sites it is compared with."),
    )
    longitude = longitude_field()
    latitude = latitude_field()
    active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control station")
        verbose_name_plural = _("control stations")
        ordering = ["division__code", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:controlstation_detail", args=[self.pk])


class ControlReading(LedgerModel):
    """One hour of a control station (the hour's start, Beijing time), in µg/m³."""

    scope_module = "monitoring"
    scope_division_field = CITY_WIDE

    station = models.ForeignKey(
        ControlStation, verbose_name=_("control station"), on_delete=models.PROTECT, related_name="readings"
    )
    hour = models.DateTimeField(_("hour"), help_text=_("The start of the hour, e.g. 2026-11-25 09:00."))
    pm10 = models.FloatField("PM10", null=True, blank=True, validators=[MinValueValidator(0)])
    pm25 = models.FloatField("PM2.5", null=True, blank=True, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control station hourly value")
        verbose_name_plural = _("control station hourly values")
        ordering = ["-hour", "station__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "hour"], name="monitoring_controlreading_station_hour"
            ),
            models.CheckConstraint(
                condition=Q(pm10__isnull=False) | Q(pm25__isnull=False),
                name="monitoring_controlreading_a_value",
            ),
        ]
        indexes = [models.Index(fields=["hour"], name="monitoring_controlreading_hour")]

    def __str__(self) -> str:
        return f"{self.station.name} {self.hour:%Y-%m-%d %H:00}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:controlreading_detail", args=[self.pk])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.pm10 is None and self.pm25 is None:
            raise ValidationError(_("Give PM10, PM2.5 or both."))
        if self.hour is not None and (self.hour.minute or self.hour.second or self.hour.microsecond):
            raise ValidationError({"hour": _("An hourly value starts on the hour (minutes and seconds 0).")})
