"""Party dues (党费): a branch's arrangement (quarterly payment, the farmers' amount), hardship reductions
and the monthly payments. The amounts follow heluo.party.rules.dues; the acts are in
heluo.party.services.dues."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel

from ..rules import dues as rules
from ..scope import tree_participation

__all__ = ["DuesArrangement", "DuesPayment", "DuesReduction", "PaymentMethod"]


class DuesArrangement(LedgerModel):
    """What a branch has decided about its dues: whether members may pay a quarter at once (按季度交纳, when
    the branch agrees), the monthly amount of its farmer members (0.20–1.00 元), and the month its records
    in Heluo begin (arrears are counted from then)."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.OneToOneField(
        "party.PartyOrganisation", verbose_name=_("party organisation"), on_delete=models.PROTECT,
        related_name="dues_arrangement",
    )  # fmt: skip
    quarterly_allowed = models.BooleanField(
        _("quarterly payment allowed"), default=False, help_text=_("Members may pay three months at once.")
    )
    farmer_amount = models.DecimalField(
        _("farmers' monthly dues (yuan)"), max_digits=4, decimal_places=2, default=rules.FARMER_DEFAULT,
        validators=[MinValueValidator(rules.FARMER_MINIMUM), MaxValueValidator(rules.FARMER_MAXIMUM)],
    )  # fmt: skip
    records_from = models.DateField(
        _("dues recorded from"), null=True, blank=True,
        help_text=_("The first month whose dues are recorded here; arrears are counted from it."),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dues arrangement")
        verbose_name_plural = _("dues arrangements")
        ordering = ["organisation__path"]

    def __str__(self) -> str:
        return f"{self.organisation} {_('dues arrangement')}"

    def get_absolute_url(self) -> str:
        return reverse("party:duesarrangement_detail", args=[self.pk])


class DuesReduction(LedgerModel):
    """A hardship reduction or exemption (减免) the organisation approved for a member, for the months from
    `start` to `end` (open-ended when empty)."""

    scope_module = "party"
    scope_division_field = "member__organisation__division"
    participation_q = classmethod(tree_participation("member__organisation"))

    member = models.ForeignKey(
        "party.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="dues_reductions"
    )
    start = models.DateField(_("from month"))
    end = models.DateField(_("to month"), null=True, blank=True)
    exempt = models.BooleanField(_("exempt"), default=False)
    amount = models.DecimalField(
        _("reduced monthly dues (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    approved_by = models.CharField(_("approved by"), max_length=120)
    reason = models.TextField(_("reason"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dues reduction")
        verbose_name_plural = _("dues reductions")
        ordering = ["member__name", "-start"]

    def __str__(self) -> str:
        return f"{self.member} {self.start:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("party:duesreduction_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.start:
            self.start = self.start.replace(day=1)
        if self.end:
            self.end = self.end.replace(day=1)
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The last month cannot come before the first.")})
        if self.exempt == (self.amount is not None):
            raise ValidationError({"amount": _("Give either a reduced amount or an exemption, not both.")})

    def covers(self, month) -> bool:  # type: ignore[no-untyped-def]
        return self.start <= month and (self.end is None or month <= self.end)


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("cash")
    BANK = "bank", _("bank transfer")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    OTHER = "other", _("other")


class DuesPayment(LedgerModel):
    """One month's dues paid by a member (a quarterly payment is three rows of one act). The paying member is
    recorded: a branch may not pay for a member."""

    scope_module = "party"
    scope_division_field = "member__organisation__division"
    participation_q = classmethod(tree_participation("member__organisation"))

    member = models.ForeignKey(
        "party.Member", verbose_name=_("member"), on_delete=models.PROTECT, related_name="dues_payments"
    )
    month = models.DateField(_("month paid for"), help_text=_("The first day of the month."))
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    paid_on = models.DateField(_("paid on"))
    paid_by = models.ForeignKey(
        "party.Member", verbose_name=_("paid by"), on_delete=models.PROTECT, related_name="dues_paid",
        help_text=_("The member who paid: members pay their own dues."),
    )  # fmt: skip
    method = models.CharField(
        _("method"), max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.CASH
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, null=True,
        blank=True, editable=False, related_name="+",
    )  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-month", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="party_dues_member_month_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("party:duespayment_detail", args=[self.pk])
