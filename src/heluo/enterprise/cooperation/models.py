"""The local–enterprise cooperation ledger (地企合作工作台账): projects, and one progress row per project and
year it is in the ledger. A project carried over keeps one identity; each year's row holds the investment
completed by that year's end and the state at that moment, so a later year's row never moves an earlier
year's figures."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, LedgerModel, Unit

from . import rules

__all__ = ["CooperationProgress", "CooperationProject", "ProgressState"]


class ProgressState(models.TextChoices):
    UNDER_CONSTRUCTION = rules.UNDER_CONSTRUCTION, _("under construction")
    COMPLETED = rules.COMPLETED, _("completed")
    CONTINUING = rules.CONTINUING, _("continuing")
    TERMINATED = rules.TERMINATED, _("terminated")


def amount_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=16, decimal_places=2, validators=[MinValueValidator(0)], **kwargs
    )


class CooperationProject(LedgerModel):
    """A project of the cooperation ledger. Its natural key is its name with its local party: a file row
    without a record ID whose name and local party an existing project has is refused as a duplicate
    naming that project (update by the record ID the export carries)."""

    scope_module = "enterprise"

    name = models.CharField(_("name"), max_length=150)
    local_party = models.ForeignKey(
        Unit,
        verbose_name=_("local party"),
        on_delete=models.PROTECT,
        related_name="local_cooperation_projects",
        help_text=_("The district government, a street office or a state group."),
    )
    partners = models.ManyToManyField(
        Unit, verbose_name=_("enterprise partners"), related_name="cooperation_projects"
    )
    content = models.TextField(_("content"), blank=True)
    total_investment = amount_field(_("total investment (yuan)"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("planned completion"), null=True, blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="cooperation_projects"
    )
    entry_year = models.PositiveSmallIntegerField(_("year entered in the ledger"))
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = ["-entry_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "local_party"], name="enterprise_cooperation_project_name_party_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(total_investment__gte=0), name="enterprise_cooperation_total_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:cooperationproject_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The planned completion is before the start.")
        if self.entry_year is not None and not rules.MIN_YEAR <= self.entry_year <= rules.MAX_YEAR:
            errors["entry_year"] = _("Give a year between %(low)d and %(high)d.") % {
                "low": rules.MIN_YEAR,
                "high": rules.MAX_YEAR,
            }
        elif self.pk and self.entry_year is not None:
            # A project cannot leave years it already has progress rows for.
            earliest = self.progress.aggregate(models.Min("year"))["year__min"]
            if earliest is not None and earliest < self.entry_year:
                errors["entry_year"] = _("The project already has a progress row for %(year)d.") % {
                    "year": earliest
                }
        if errors:
            raise ValidationError(errors)


class CooperationProgress(LedgerModel):
    """A project's row for one year of the ledger: the investment completed by that year's end (by today
    for the current year) and the state at that moment."""

    scope_module = "enterprise"
    scope_division_field = "project__division"

    project = models.ForeignKey(
        CooperationProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="progress"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    completed_investment = amount_field(_("completed investment (yuan)"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=ProgressState.choices)
    # Completed investment above the total is refused unless someone confirms it (budgets do overrun).
    exceeds_total = models.BooleanField(
        _("completed investment exceeds the total"),
        default=False,
        help_text=_("Tick to confirm a completed investment above the project's total investment."),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation progress")
        verbose_name_plural = _("cooperation progress rows")
        ordering = ["-year", "project__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"], name="enterprise_cooperation_progress_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(completed_investment__gte=0) | models.Q(completed_investment__isnull=True),
                name="enterprise_cooperation_completed_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}（{self.year}）" if self.project_id else str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("enterprise:cooperationprogress_detail", args=[self.pk])

    def clean(self) -> None:
        if not self.project_id or self.year is None:
            return
        project = self.project
        problems = rules.progress_problems(
            rules.ProgressEntry(
                year=self.year,
                state=self.state,
                completed_investment=self.completed_investment,
                exceeds_total=self.exceeds_total,
            ),
            rules.ProjectSpan(
                entry_year=project.entry_year,
                end_year=project.end_date.year if project.end_date else None,
                total_investment=project.total_investment,
            ),
        )
        if problems:
            raise ValidationError({field: PROBLEMS[code] for field, code in problems.items()})


PROBLEMS = {
    rules.COMPLETED_NEEDS_INVESTMENT: _("A completed project needs its completed investment."),
    rules.ABOVE_TOTAL: _(
        "The completed investment is above the project's total investment; tick the box to confirm it."
    ),
    rules.BEFORE_ENTRY: _("The project entered the ledger after this year."),
    rules.AFTER_END: _("This year is after the project's planned completion; change the project first."),
}
