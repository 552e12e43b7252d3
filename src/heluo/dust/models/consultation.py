"""Demolition consultation (拆迁工地会商研判): sensitive receptors, the day's weather forecasts, the rules
as data and each demolition site's decision of the day with the inputs it was made from."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import (
    CITY_WIDE,
    CoordinateSystem,
    Division,
    DivisionLevel,
    LedgerModel,
    ScopedManager,
    UserScope,
)

from .sites import Site


class ReceptorKind(models.TextChoices):
    SCHOOL = "school", _("school")
    KINDERGARTEN = "kindergarten", _("kindergarten")
    HOSPITAL = "hospital", _("hospital")
    ELDERLY_HOME = "elderly_home", _("home for the elderly")
    RESIDENTIAL = "residential", _("residential area")
    OTHER = "other", _("other")


class AlertLevel(models.TextChoices):
    """The heavy-pollution weather alert (重污染天气预警) in force, in rising order."""

    NONE = "none", _("no alert")
    BLUE = "blue", _("blue")
    YELLOW = "yellow", _("yellow")
    ORANGE = "orange", _("orange")
    RED = "red", _("red")


class Decision(models.TextChoices):
    ALLOWED = "allowed", _("work allowed")
    WET_ONLY = "wet_only", _("wet work only")
    STOPPED = "stopped", _("work stopped")


def _coordinate(name: str, low: int, high: int) -> models.DecimalField:
    return models.DecimalField(
        name, max_digits=9, decimal_places=6, validators=[MinValueValidator(low), MaxValueValidator(high)]
    )


class SensitiveReceptor(LedgerModel):
    """A place whose people dust harms most (敏感目标): a school, a hospital, a home for the elderly. A
    demolition site near one, and downwind, works under stricter rules."""

    scope_module = "dust"

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=ReceptorKind.choices)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="sensitive_receptors"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    longitude = _coordinate(_("longitude"), 73, 136)
    latitude = _coordinate(_("latitude"), 3, 54)
    coordinate_system = models.CharField(
        _("coordinate system"), max_length=10, choices=CoordinateSystem.choices, default=CoordinateSystem.GCJ02,
        help_text=_("Distances are measured only to sites whose coordinates are in the same system."),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sensitive receptor")
        verbose_name_plural = _("sensitive receptors")
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "division"], name="dust_receptor_name_division_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dust:sensitivereceptor_detail", args=[self.pk])


class WeatherForecast(LedgerModel):
    """The forecast for one day, for the whole city or for one district or county, as the weather office
    publishes it, with the heavy-pollution alert in force that day."""

    scope_module = "dust"
    # The forecast is the city's reference: everyone in dust control reads every one.
    scope_division_field = CITY_WIDE

    day = models.DateField(_("date"))
    division = models.ForeignKey(
        Division, verbose_name=_("city, district or county"), on_delete=models.PROTECT,
        related_name="weather_forecasts",
        help_text=_("The city for the whole city's forecast, or a district or county with its own."),
    )  # fmt: skip
    wind_speed = models.FloatField(
        _("wind speed (m/s)"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(60)]
    )
    wind_direction = models.PositiveSmallIntegerField(
        _("wind direction (°)"), null=True, blank=True, validators=[MaxValueValidator(359)],
        help_text=_("Where the wind blows from, in degrees clockwise from north: 0 north, 90 east, 180 south."),
    )  # fmt: skip
    precipitation = models.FloatField(
        _("precipitation (mm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    alert = models.CharField(
        _("heavy-pollution alert"), max_length=10, choices=AlertLevel.choices, default=AlertLevel.NONE
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("weather forecast")
        verbose_name_plural = _("weather forecasts")
        ordering = ["-day", "division__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "division"], name="dust_forecast_day_division",
                violation_error_message=_("There is already a forecast for this day and place."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.day} {self.division}"

    def get_absolute_url(self) -> str:
        return reverse("dust:weatherforecast_detail", args=[self.pk])

    def clean(self) -> None:
        if self.division_id is not None and self.division.level not in (
            DivisionLevel.CITY,
            DivisionLevel.COUNTY,
        ):
            raise ValidationError(
                {"division": _("A forecast is for the whole city or a district or county.")}
            )


class ConsultationRule(LedgerModel):
    """One rule of the daily consultation: when every condition given holds, `decision` applies. Rules
    are tried by their order; the first that holds decides (heluo.dust.rules.consultation)."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    order = models.PositiveSmallIntegerField(_("order"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    # "No alert" is no threshold: leave the field empty.
    alert_at_least = models.CharField(
        _("alert at least"), max_length=10, choices=AlertLevel.choices[1:], blank=True
    )
    aqi_at_least = models.PositiveSmallIntegerField(_("AQI at least"), null=True, blank=True)
    wind_at_least = models.FloatField(
        _("wind speed at least (m/s)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    precipitation_below = models.FloatField(
        _("precipitation below (mm)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    receptor_within = models.PositiveIntegerField(_("sensitive receptor within (m)"), null=True, blank=True)
    receptor_downwind = models.BooleanField(
        _("only a receptor downwind"), default=False,
        help_text=_("With a distance: only a receptor the wind blows towards (within 45°) counts."),
    )  # fmt: skip
    station_within = models.PositiveIntegerField(_("control station within (m)"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    basis = models.TextField(_("basis"), blank=True, help_text=_("The rule or notice this follows."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation rule")
        verbose_name_plural = _("consultation rules")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("dust:consultationrule_detail", args=[self.pk])

    def clean(self) -> None:
        if self.receptor_downwind and self.receptor_within is None:
            raise ValidationError(
                {"receptor_within": _("Give the distance the downwind receptor must lie within.")}
            )


class ConsultationDecision(models.Model):
    """A demolition site's decision for one day: proposed by the rules from the inputs recorded with it,
    then confirmed (or overridden, with the reason) by an officer."""

    scope_module = "dust"
    scope_division_field = "site__division"

    site = models.ForeignKey(
        Site,
        verbose_name=_("construction site"),
        on_delete=models.PROTECT,
        related_name="consultation_decisions",
    )
    day = models.DateField(_("date"))
    proposed = models.CharField(_("proposed decision"), max_length=10, choices=Decision.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    rule = models.ForeignKey(
        ConsultationRule, verbose_name=_("rule applied"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="decisions",
    )  # fmt: skip
    inputs = models.JSONField(_("inputs"), default=dict)
    proposed_at = models.DateTimeField(_("proposed at"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    override_reason = models.TextField(_("reason for overriding"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = ScopedManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation decision")
        verbose_name_plural = _("consultation decisions")
        ordering = ["-day", "site__name"]
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="dust_decision_site_day")]

    def __str__(self) -> str:
        return f"{self.site} {self.day} {self.get_decision_display()}"

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A grid officer sees the decisions of their grids' sites, as they see the sites.
        return Q(site__grid_id__in=scope.grid_ids) if scope.grid_ids else None

    @property
    def overridden(self) -> bool:
        return self.decision != self.proposed

    @property
    def alert_label(self) -> str:
        """The recorded forecast's alert colour as the page names it."""
        forecast = self.inputs.get("forecast") or {}
        return str(AlertLevel(forecast["alert"]).label) if forecast.get("alert") in AlertLevel.values else ""
