"""Financing (政银企对接): strategic agreements between banks and the district (with the share promised to
a beneficiary such as a state group as a child agreement), loans coordinated for enterprises, and the
awards and subsidies won."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, LedgerModel, Unit

__all__ = ["AmountKind", "Award", "AwardLevel", "CoordinatedLoan", "FinancingAgreement"]


class AmountKind(models.TextChoices):
    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("not less than")


class AwardLevel(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCIAL = "provincial", _("provincial")
    MUNICIPAL = "municipal", _("municipal")


def amount_field(verbose_name: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )


class FinancingAgreement(LedgerModel):
    """A strategic cooperation agreement (战略合作协议): a bank promises financing to a counterpart. A child
    agreement is the part of its parent promised to one beneficiary ("of which 不低于40亿元 for 古都集团"):
    the same bank, at most the parent's amount, and never counted again in the totals."""

    scope_module = "enterprise"

    name = models.CharField(_("name"), max_length=150)
    bank = models.ForeignKey(
        Unit, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="financing_agreements"
    )
    counterpart = models.ForeignKey(
        Unit,
        verbose_name=_("counterpart"),
        on_delete=models.PROTECT,
        related_name="financing_agreements_signed",
        help_text=_("Who signed with the bank, e.g. the district government."),
    )
    beneficiary = models.ForeignKey(
        Unit,
        verbose_name=_("beneficiary"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="financing_agreements_benefiting",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text=_("For the share of an agreement promised to one beneficiary."),
    )
    amount = amount_field(_("amount (yuan)"))
    amount_kind = models.CharField(
        _("amount is"), max_length=10, choices=AmountKind.choices, default=AmountKind.EXACT
    )
    term_years = models.PositiveSmallIntegerField(_("term (years)"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"))
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="financing_agreements"
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financing agreement")
        verbose_name_plural = _("financing agreements")
        ordering = ["-signed_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="enterprise_agreement_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:financingagreement_detail", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        parent = self.parent if self.parent_id else None
        if parent is not None:
            if parent.parent_id or (self.pk and parent.pk == self.pk):
                errors["parent"] = _("A part belongs to a whole agreement, not to another part.")
            elif self.pk and self.parts.exists():
                errors["parent"] = _("This agreement has parts of its own; it cannot be a part.")
            elif self.bank_id and parent.bank_id != self.bank_id:
                errors["bank"] = _("A part is promised by the bank of its agreement.")
            elif self.amount is not None and self.amount > parent.amount:
                errors["amount"] = _("A part cannot be more than its agreement's %(amount)s yuan.") % {
                    "amount": parent.amount
                }
            if not self.beneficiary_id:
                errors["beneficiary"] = _("A part names the beneficiary it is promised to.")
        if errors:
            raise ValidationError(errors)


class CoordinatedLoan(LedgerModel):
    """A loan the district coordinated for an enterprise (为企业协调贷款)."""

    scope_module = "enterprise"

    enterprise = models.ForeignKey(
        Unit, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="coordinated_loans"
    )
    bank = models.ForeignKey(
        Unit, verbose_name=_("bank"), on_delete=models.PROTECT, related_name="loans_coordinated"
    )
    amount = amount_field(_("amount (yuan)"))
    granted_on = models.DateField(_("granted on"))
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="coordinated_loans"
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coordinated loan")
        verbose_name_plural = _("coordinated loans")
        ordering = ["-granted_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="enterprise_loan_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.granted_on}）" if self.enterprise_id else str(self.granted_on)

    def get_absolute_url(self) -> str:
        return reverse("enterprise:coordinatedloan_detail", args=[self.pk])

    def clean(self) -> None:
        if self.bank_id and self.enterprise_id and self.bank_id == self.enterprise_id:
            raise ValidationError({"bank": _("The bank lends to another unit, not to itself.")})


class Award(LedgerModel):
    """An award or subsidy won (获得奖补资金): national, provincial or municipal."""

    scope_module = "enterprise"

    name = models.CharField(_("name"), max_length=150)
    level = models.CharField(_("level"), max_length=12, choices=AwardLevel.choices)
    amount = amount_field(_("amount (yuan)"))
    year = models.PositiveSmallIntegerField(_("year"))
    beneficiary = models.CharField(
        _("beneficiary"), max_length=150, help_text=_("Who won it: an enterprise, a quarter, a project.")
    )
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="enterprise_awards"
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award or subsidy")
        verbose_name_plural = _("awards and subsidies")
        ordering = ["-year", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="enterprise_award_amount_positive")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:award_detail", args=[self.pk])

    def clean(self) -> None:
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError(
                {"year": _("Give a year between %(low)d and %(high)d.") % {"low": 2000, "high": 2100}}
            )
