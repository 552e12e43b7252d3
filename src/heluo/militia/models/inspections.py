"""Inspections (检查调研): a higher team's inspection of the territory (the provincial military district's
working group, 河南省军区工作组), the places it visited, and its findings, each of which opens one
supervision case for the responsible department; closing the case marks the finding rectified."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.cases.models import Case
from heluo.core.models import Division, LedgerModel

from .organisation import ArmedForcesDepartment
from .reorganisation import Reorganisation


class Inspection(LedgerModel):
    """An inspection of a territory's militia work by a higher team, from one day to another."""

    scope_module = "militia"
    scope_division_field = "division"

    inspected_by = models.CharField(_("inspected by"), max_length=120)
    led_by = models.CharField(_("led by"), max_length=60, blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The territory inspected: the city, or a county or district."),
    )  # fmt: skip
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"))
    reorganisation = models.ForeignKey(
        Reorganisation, verbose_name=_("militia reorganisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="inspections",
    )  # fmt: skip
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("militia inspection")
        verbose_name_plural = _("militia inspections")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.inspected_by} {self.started_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("militia:inspection_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("An inspection ends on or after the day it starts.")})


class InspectionVisit(LedgerModel):
    """A place an inspection visited: an armed-forces department, or a place named in words (市民兵训练基地),
    the day and what was looked at."""

    scope_module = "militia"
    scope_division_field = "inspection__division"

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("militia inspection"), on_delete=models.PROTECT, related_name="visits"
    )
    department = models.ForeignKey(
        ArmedForcesDepartment, verbose_name=_("armed-forces department"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    place = models.CharField(
        _("place"), max_length=120, blank=True, help_text=_("A place that is not a department, in words.")
    )
    visited_on = models.DateField(_("visited on"))
    looked_at = models.TextField(_("what was looked at"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection visit")
        verbose_name_plural = _("inspection visits")
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return self.place_name

    @property
    def place_name(self) -> str:
        return self.department.name if self.department_id and self.department else self.place

    def get_absolute_url(self) -> str:
        return reverse("militia:inspectionvisit_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if bool(self.department_id) == bool(self.place.strip()):
            raise ValidationError({"place": _("Name either the department visited or the place, not both.")})
        inspection = self.inspection if self.inspection_id else None
        if (
            inspection
            and self.visited_on
            and not inspection.started_on <= self.visited_on <= inspection.ended_on
        ):
            raise ValidationError({"visited_on": _("A visit falls within the inspection's days.")})


class Finding(LedgerModel):
    """A problem an inspection found, the department responsible for putting it right and the working
    days it has; it opens one supervision case, whose closing marks it rectified."""

    scope_module = "militia"
    scope_division_field = "inspection__division"

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("militia inspection"), on_delete=models.PROTECT, related_name="findings"
    )
    visit = models.ForeignKey(
        InspectionVisit, verbose_name=_("inspection visit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="findings",
    )  # fmt: skip
    text = models.TextField(_("finding"))
    department = models.ForeignKey(
        ArmedForcesDepartment, verbose_name=_("responsible department"), on_delete=models.PROTECT,
        related_name="findings",
    )  # fmt: skip
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (working days)"), default=20, validators=[MinValueValidator(1), MaxValueValidator(250)]
    )
    case = models.OneToOneField(
        Case, verbose_name=_("supervision case"), null=True, blank=True, editable=False,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.text[:40]

    def get_absolute_url(self) -> str:
        return reverse("militia:finding_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if (
            self.visit_id
            and self.inspection_id
            and self.visit
            and self.visit.inspection_id != self.inspection_id
        ):
            raise ValidationError({"visit": _("The visit belongs to another inspection.")})
