""" "5个1" major projects (重大项目): one major project, one district leader who holds it (区级领导分包), one
plan table (推进计划表), one responsible unit (保障责任单位), followed to the end (一抓到底): a milestone past
its planned date and not done opens a supervision case by itself (heluo.enterprise.major.services)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, LedgerModel, Person, Unit

from .rules import MilestoneState, milestone_state

__all__ = ["MajorProject", "Milestone", "ProjectState"]


class ProjectState(models.TextChoices):
    PREPARING = "preparing", _("preparing")
    UNDER_CONSTRUCTION = "under_construction", _("under construction")
    IN_OPERATION = "in_operation", _("completed and in operation")
    SUSPENDED = "suspended", _("suspended")


class MajorProject(LedgerModel):
    """A major project of the "5个1" mechanism, held by one district leader, with one responsible unit."""

    scope_module = "enterprise"

    name = models.CharField(_("name"), max_length=150)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="major_projects"
    )
    investment = models.DecimalField(
        _("total investment (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))], help_text=_("Empty while not known."),
    )  # fmt: skip
    floor_area = models.DecimalField(
        _("floor area (m²)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )  # fmt: skip
    jobs = models.PositiveIntegerField(_("jobs expected"), null=True, blank=True)
    content = models.TextField(_("content"), blank=True)
    leader = models.ForeignKey(
        Person, verbose_name=_("district leader in charge"), on_delete=models.PROTECT,
        related_name="major_projects_held",
    )  # fmt: skip
    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), on_delete=models.PROTECT, related_name="major_projects"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ProjectState.choices, default=ProjectState.UNDER_CONSTRUCTION
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("planned end date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("major project")
        verbose_name_plural = _("major projects")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:majorproject_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot come before the start.")})


class Milestone(LedgerModel):
    """A line of a project's plan table (推进计划表): what must be done by when, by whom, and when it was.

    Not done by its planned date, it opens one supervision case (heluo.enterprise.major.services); the
    case's closing records the day it was done."""

    scope_module = "enterprise"
    scope_division_field = "project__division"

    project = models.ForeignKey(
        MajorProject, verbose_name=_("major project"), on_delete=models.PROTECT, related_name="milestones"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("milestone"), max_length=150)
    done_means = models.TextField(_("what done means"), blank=True)
    planned_date = models.DateField(_("planned date"))
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="milestones_owned",
    )  # fmt: skip
    owner_person = models.ForeignKey(
        Person, verbose_name=_("owner person"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="milestones_owned",
    )  # fmt: skip
    actual_date = models.DateField(_("done on"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("supervised case"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="milestone",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "order", "planned_date", "pk"]
        indexes = [models.Index(fields=["actual_date", "planned_date"], name="enterprise_milestone_due")]

    def __str__(self) -> str:
        return f"{self.project} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:milestone_detail", args=[self.pk])

    def clean(self) -> None:
        if not self.owner_unit_id and not self.owner_person_id:
            raise ValidationError({"owner_unit": _("Name the unit or the person who owns the milestone.")})
        if self.actual_date and self.actual_date > timezone.localdate():
            raise ValidationError({"actual_date": _("A milestone cannot be done in the future.")})

    @property
    def state(self) -> MilestoneState:
        return milestone_state(self.planned_date, self.actual_date, timezone.localdate())
