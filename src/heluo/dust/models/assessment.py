"""Assessment (考核奖惩): a scoring scheme for one period, for districts or for enterprises. The ranking
and the 通报 are worked out from it and the period's records (heluo.dust.services.assessment)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel


class AssessedSubject(models.TextChoices):
    DISTRICT = "district", _("districts and counties")
    ENTERPRISE = "enterprise", _("enterprises")


def _points(name: str, default: str) -> models.DecimalField:
    return models.DecimalField(
        name, max_digits=6, decimal_places=2, default=Decimal(default), validators=[MinValueValidator(0)]
    )


class AssessmentScheme(LedgerModel):
    """How districts or enterprises are scored for a period: a base, points deducted per event of each
    kind, a cap per kind and a bonus for a clean record (heluo.dust.rules.assessment)."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    name = models.CharField(_("name"), max_length=100)
    subject = models.CharField(_("assessed"), max_length=12, choices=AssessedSubject.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    base_score = _points(_("base score"), "100")
    per_failed_item = _points(_("per failed inspection item"), "0.5")
    per_overdue_case = _points(_("per overdue case"), "2")
    per_alarm_hour = _points(_("per alarm hour"), "0.1")
    per_enforcement = _points(_("per enforcement measure"), "3")
    cap_per_kind = models.DecimalField(
        _("most deducted per kind"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Empty: no cap."),
    )  # fmt: skip
    clean_bonus = _points(_("bonus for a clean record"), "0")
    issuer = models.CharField(
        _("issuer"), max_length=100, blank=True, help_text=_("The office issuing the bulletin (通报).")
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")
        ordering = ["-period_end", "subject", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "subject"], name="dust_assessment_name_subject_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dust:assessmentscheme_detail", args=[self.pk])

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})
