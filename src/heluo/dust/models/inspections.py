"""Standards as versioned checklists (检查标准), inspections against them (检查), and patrol reports (巡查上报).

A checklist's version is a row: changing a checklist that an inspection used makes a new version
(heluo.dust.services.checklists), so an inspection always shows the items it was made against.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import (
    CITY_WIDE,
    Attachment,
    Division,
    LedgerModel,
    UserScope,
    coordinates_both_or_neither,
    latitude_field,
    longitude_field,
)

from .sites import Site


class ChecklistKind(models.TextChoices):
    BEFORE_START = "before_start", _("before work starts (6个到位)")
    DURING = "during", _("during construction (7个100%)")
    PROHIBITIONS = "prohibitions", _("prohibitions (两个禁止)")


class Severity(models.TextChoices):
    MINOR = "minor", _("minor")
    SERIOUS = "serious", _("serious")
    GRAVE = "grave", _("grave")


class ResponsibleParty(models.TextChoices):
    CONTRACTOR = "contractor", _("contractor (施工单位)")
    DEVELOPER = "developer", _("developer (建设单位)")


class ChecklistTemplate(LedgerModel):
    """One version of a checklist (a standard an inspection walks). Reference data of the whole city."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind of checklist"), max_length=20, choices=ChecklistKind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    in_force_from = models.DateField(_("in force from"), default=timezone.localdate)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active checklists are offered for new inspections.")
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["kind", "name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="dust_checklist_name_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name}（v{self.version}）"

    def get_absolute_url(self) -> str:
        return reverse("dust:checklisttemplate_detail", args=[self.pk])


class ChecklistItem(LedgerModel):
    """One requirement of a checklist version, with what failing it costs and who must put it right."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="items"
    )
    # The same requirement keeps its code across versions: a re-inspection on a newer version still
    # finds the case an older version's failure opened.
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("requirement"), max_length=200)
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.SERIOUS
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), default=3, help_text=_("The deadline of the case a failure opens.")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    party = models.CharField(
        _("responsible party"),
        max_length=20,
        choices=ResponsibleParty.choices,
        default=ResponsibleParty.CONTRACTOR,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=10)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="dust_checklist_item_code_unique"),
            models.CheckConstraint(
                condition=Q(time_limit_days__gte=1), name="dust_checklist_item_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("dust:checklistitem_detail", args=[self.pk])

    def clean(self) -> None:
        if self.time_limit_days is not None and self.time_limit_days < 1:
            raise ValidationError({"time_limit_days": _("A time limit has at least one working day.")})


class Outcome(models.TextChoices):
    PASSED = "pass", _("passed")
    FAILED = "fail", _("not passed")
    NOT_APPLICABLE = "na", _("not applicable")


class Inspection(LedgerModel):
    """A site inspected against one checklist version, item by item (heluo.dust.services.inspections)."""

    scope_module = "dust"
    scope_division_field = "site__division"

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="inspections"
    )
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name=_("checklist"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+",
        editable=False,
    )  # fmt: skip
    performed_at = models.DateTimeField(_("inspected at"), default=timezone.now)
    longitude = longitude_field()
    latitude = latitude_field()
    note = models.TextField(_("note"), blank=True)
    # Made by the browser: a resubmission of the same inspection (offline queue, retry) stores nothing.
    client_id = models.UUIDField(_("submission ID"), default=uuid.uuid4, unique=True, editable=False)
    passed = models.BooleanField(_("passed"), default=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-performed_at", "-pk"]
        indexes = [models.Index(fields=["site", "performed_at"], name="dust_inspection_site_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(longitude__isnull=True, latitude__isnull=True)
                | Q(longitude__isnull=False, latitude__isnull=False),
                name="dust_inspection_both_coordinates_or_none",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {timezone.localtime(self.performed_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("dust:inspection_detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whole seconds: what an Excel export carries, so an exported row imports back unchanged.
        if self.performed_at:
            self.performed_at = self.performed_at.replace(microsecond=0)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = coordinates_both_or_neither(self.longitude, self.latitude)
        if self.performed_at and self.performed_at > timezone.now() + dt.timedelta(minutes=10):
            errors["performed_at"] = _("The inspection time lies in the future.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A grid officer sees the inspections of the sites of their grids wherever they are.
        return Q(site__grid_id__in=scope.grid_ids) if scope.grid_ids else None


class InspectionResult(models.Model):
    """One item's outcome in an inspection, its photos, and the case a failure opened or continued."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="results"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=4, choices=Outcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The photos are the inspection's attachments (scoped through it), listed per item here.
    photos = models.ManyToManyField(Attachment, verbose_name=_("photos"), blank=True, related_name="+")
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")
        ordering = ["inspection", "item__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="dust_inspection_result_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return self.inspection.get_absolute_url()


class PatrolReport(LedgerModel):
    """A patrol report (巡查上报): a photo, a place and a sentence from anyone on the street; it opens a case."""

    scope_module = "dust"

    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="dust_patrol_reports"
    )
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patrol_reports",
    )
    text = models.CharField(_("what was seen"), max_length=300)
    address = models.CharField(_("address"), max_length=200, blank=True)
    longitude = longitude_field()
    latitude = latitude_field()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )  # fmt: skip
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("patrol report")
        verbose_name_plural = _("patrol reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(longitude__isnull=True, latitude__isnull=True)
                | Q(longitude__isnull=False, latitude__isnull=False),
                name="dust_patrol_both_coordinates_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:40]

    def get_absolute_url(self) -> str:
        return reverse("dust:patrolreport_detail", args=[self.pk])

    def clean(self) -> None:
        errors = coordinates_both_or_neither(self.longitude, self.latitude)
        if self.site_id and self.division_id:
            site_path, path = self.site.division.path, self.division.path
            if not (site_path.startswith(path) or path.startswith(site_path)):
                errors["site"] = _("This site lies outside the division.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(site__grid_id__in=scope.grid_ids) if scope.grid_ids else None
