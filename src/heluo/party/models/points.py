"""Party members' points (党员积分): the city's scheme as data (rules), the ledger of entries per member and
year — each pointing to its source (a meeting, an activity) or, for a manual entry, carrying its reason
and approver — and the yearly close. The arithmetic is heluo.party.rules.points; the acts are
heluo.party.services.points."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel

from ..rules import points as rules
from ..scope import tree_participation

__all__ = ["PointsCategory", "PointsEntry", "PointsRule", "PointsUnit", "PointsYear"]

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class PointsCategory(models.TextChoices):
    BASE = rules.BASE, _("base points")
    TASK = rules.TASK, _("task points")
    BONUS = rules.BONUS, _("bonus points")
    DEDUCTION = rules.DEDUCTION, _("deductions")


class PointsUnit(models.TextChoices):
    EACH = rules.EACH, _("each")
    HOUR = rules.HOUR, _("per hour")


class PointsRule(LedgerModel):
    """One rule of the city's points scheme (积分细则). There is no national standard: Heluo seeds a common
    scheme (heluo.party.services.points.DEFAULT_SCHEME) and the city edits it here. A rule's code is what
    sources and imports name it by; deductions are given as positive points and subtracted."""

    scope_module = "party"
    scope_division_field = CITY_WIDE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    category = models.CharField(_("category"), max_length=12, choices=PointsCategory.choices)
    points_per_unit = models.DecimalField(
        _("points per unit"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    unit = models.CharField(_("unit"), max_length=8, choices=PointsUnit.choices, default=PointsUnit.EACH)
    yearly_cap = models.DecimalField(
        _("yearly cap per member"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))], help_text=_("Empty: no cap."),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("points rule")
        verbose_name_plural = _("points rules")
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party:pointsrule_detail", args=[self.pk])

    def as_rule(self) -> rules.Rule:
        return rules.Rule(self.code, self.category, self.points_per_unit, self.unit, self.yearly_cap)


class PointsEntry(LedgerModel):
    """One entry of a member's points for a year: `quantity` units of a rule from its source (a meeting
    attended, hours of study or of an activity), or a manual entry (source empty) with its reason and
    approver. `points` are the entry's own, before the rule's yearly cap (applied to the year's total)."""

    scope_module = "party"
    scope_division_field = "member__organisation__division"
    participation_q = classmethod(tree_participation("member__organisation"))

    member = models.ForeignKey(
        "party.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="points_entries"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    rule = models.ForeignKey(
        PointsRule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="entries"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2, default=Decimal("1"))
    points = models.DecimalField(_("points"), max_digits=8, decimal_places=2)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("source type"), on_delete=models.PROTECT, null=True, blank=True,
        editable=False, related_name="+",
    )  # fmt: skip
    object_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True, editable=False)
    source = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    approved_by = models.CharField(
        _("approved by"), max_length=120, blank=True, help_text=_("Required for a manual entry.")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, null=True,
        blank=True, editable=False, related_name="+",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        ordering = ["-year", "member__name", "recorded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="party_points_source_idx")]

    def __str__(self) -> str:
        return f"{self.member} {self.year} {self.rule} {self.points}"

    def get_absolute_url(self) -> str:
        return reverse("party:pointsentry_detail", args=[self.pk])

    @property
    def is_manual(self) -> bool:
        return self.content_type_id is None


class PointsYear(LedgerModel):
    """The yearly close (年度积分结算) of an organisation: from then on its members' entries of that year, and
    those of every organisation below it, are neither added nor changed."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.ForeignKey(
        "party.PartyOrganisation", verbose_name=_("party organisation"), on_delete=models.PROTECT,
        related_name="points_years",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    closed_on = models.DateField(_("closed on"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT, null=True,
        blank=True, editable=False, related_name="+",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("points year closed")
        verbose_name_plural = _("points years closed")
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="party_points_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("party:pointsyear_detail", args=[self.pk])
