"""Alarm rules (报警规则, data a city edits), the alarms they raise (one per monitoring point and rule
while its case is open) and what the reading methods remember between batches."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel, ScopedManager, UserScope
from heluo.monitoring.alarm_rules import Method, Rule
from heluo.monitoring.watchers import watched_q

from .devices import Monitor
from .points import MonitoringPoint


class AlarmMethod(models.TextChoices):
    ABSOLUTE = Method.ABSOLUTE.value, _("hourly average above a limit")
    DIFFERENCE = Method.DIFFERENCE.value, _("hourly average above the control stations' by a margin")
    CONSECUTIVE = Method.CONSECUTIVE.value, _("consecutive readings above a limit")
    OFFLINE = Method.OFFLINE.value, _("device offline")
    FLAG = Method.FLAG.value, _("fault or maintenance flag held too long")


class AlarmFactor(models.TextChoices):
    PM10 = "pm10", "PM10"
    PM25 = "pm25", "PM2.5"
    TSP = "tsp", "TSP"
    NOISE = "noise", _("noise")


# What each method needs besides the factor.
REQUIRED = {
    Method.ABSOLUTE: ("limit",),
    Method.DIFFERENCE: ("margin",),
    Method.CONSECUTIVE: ("limit", "count"),
    Method.OFFLINE: ("minutes",),
    Method.FLAG: ("minutes", "flags"),
}


class AlarmRule(LedgerModel):
    """A rule that raises alarms; each alarm opens a supervision case for those who answer for the
    monitoring point."""

    scope_module = "monitoring"
    # The rules are the whole city's: everyone in the module reads them; the permission says who edits.
    scope_division_field = CITY_WIDE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    method = models.CharField(_("method"), max_length=20, choices=AlarmMethod.choices)
    factor = models.CharField(
        _("factor"), max_length=10, choices=AlarmFactor.choices, default=AlarmFactor.PM10
    )
    limit = models.FloatField(_("limit"), null=True, blank=True, help_text=_("µg/m³ (noise: dB)."))
    margin = models.FloatField(
        _("margin over the control stations"), null=True, blank=True, help_text=_("µg/m³.")
    )
    cap = models.FloatField(
        _("cap of the control average"),
        null=True,
        blank=True,
        help_text=_("The control stations' average subtracted is at most this (µg/m³)."),
    )
    per_day = models.PositiveSmallIntegerField(
        _("exceedances tolerated a day"), default=0, help_text=_("Difference method: the next one raises.")
    )
    count = models.PositiveSmallIntegerField(
        _("readings in a row"), default=1, validators=[MinValueValidator(1)]
    )
    minutes = models.PositiveIntegerField(
        _("minutes"), default=0, help_text=_("Offline or flagged this long.")
    )
    flags = models.CharField(
        _("data flags"),
        max_length=20,
        blank=True,
        help_text=_("Flag method: e.g. “D,M” (fault, maintenance)."),
    )
    clear_minutes = models.PositiveIntegerField(
        _("clears after (minutes)"),
        default=120,
        help_text=_("The alarm resolves itself once the condition has been clean this long."),
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), default=3, validators=[MinValueValidator(1)]
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=[(1, _("normal")), (2, _("urgent")), (3, _("very urgent"))], default=1
    )
    requirements = models.TextField(_("requirements"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alarm rule")
        verbose_name_plural = _("alarm rules")
        ordering = ["method", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:alarmrule_detail", args=[self.pk])

    @property
    def flag_set(self) -> frozenset[str]:
        return frozenset(
            part.strip().upper() for part in self.flags.replace("，", ",").split(",") if part.strip()
        )

    def clean(self) -> None:
        if not self.method:
            return
        missing = {}
        for name in REQUIRED[Method(self.method)]:
            present = bool(self.flag_set) if name == "flags" else getattr(self, name) not in (None, 0)
            if not present:
                missing[name] = _("The method “%(method)s” needs this.") % {
                    "method": self.get_method_display()
                }
        if missing:
            raise ValidationError(missing)

    def as_rule(self) -> Rule:
        return Rule(
            method=Method(self.method), factor=self.factor, limit=self.limit, margin=self.margin, cap=self.cap,
            per_day=self.per_day, count=self.count, minutes=self.minutes, flags=self.flag_set,
            clear_minutes=self.clear_minutes,
        )  # fmt: skip


class AlarmState(models.TextChoices):
    ACTIVE = "active", _("alarm on")
    CLEARED = "cleared", _("cleared by itself")


class Alarm(models.Model):
    """An alarm of one rule on one monitoring point and the case it opened. While that case is open (`open`), a
    repeat updates this row and the case; afterwards a new breach starts a new alarm and case."""

    scope_module = "monitoring"
    scope_division_field = "point__division"

    rule = models.ForeignKey(
        AlarmRule, verbose_name=_("alarm rule"), on_delete=models.PROTECT, related_name="alarms"
    )
    point = models.ForeignKey(
        MonitoringPoint, verbose_name=_("monitoring point"), on_delete=models.PROTECT, related_name="alarms"
    )
    monitor = models.ForeignKey(
        Monitor, verbose_name=_("monitor"), on_delete=models.PROTECT, related_name="alarms"
    )
    state = models.CharField(_("state"), max_length=10, choices=AlarmState.choices, default=AlarmState.ACTIVE)
    open = models.BooleanField(_("open"), default=True)
    raised_at = models.DateTimeField(_("raised at"), help_text=_("The data time of the first breach."))
    last_breach_at = models.DateTimeField(_("last breach"))
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    occurrences = models.PositiveIntegerField(_("breaches"), default=1)
    value = models.FloatField(_("latest value"), null=True, blank=True)
    peak = models.FloatField(_("highest value"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("supervised case"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("alarm")
        verbose_name_plural = _("alarms")
        ordering = ["-last_breach_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["point", "rule"],
                condition=Q(open=True),
                name="monitoring_alarm_one_open_per_point_rule",
            )
        ]
        indexes = [models.Index(fields=["state", "rule"], name="monitoring_alarm_state_rule")]

    def __str__(self) -> str:
        return f"{self.point} · {self.rule}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:alarm_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # Who answers for the point's watched row (a site's grid officers) sees its alarms.
        return watched_q(scope, "point__")


class AlarmStreak(models.Model):
    """What a reading method (consecutive, flag) remembers of a monitor between batches."""

    monitor = models.ForeignKey(Monitor, on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(AlarmRule, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)
    since = models.DateTimeField(null=True, blank=True)
    last = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["monitor", "rule"], name="monitoring_streak_monitor_rule")
        ]

    def __str__(self) -> str:
        return f"{self.monitor_id} {self.rule_id}"
