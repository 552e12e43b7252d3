"""Enforcement (执法): the legal bases and their fine ranges, the city's ladder of measures for repeated
breaches, the measures taken against sites, the running counts of 按日连续处罚 and the blacklist
(清出市场)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.cases.models import Case
from heluo.core.models import CITY_WIDE, LedgerModel, Unit, UserScope

from .sites import Site


def _money(verbose_name: str | object, **options: object) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))], **options
    )  # type: ignore[arg-type]


class LegalBasis(LedgerModel):
    """An article a measure rests on, with the range of its fine in 元 (data: a city corrects it when the
    law changes). 顶格处罚 is the top of the range."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    law = models.CharField(_("law or rules"), max_length=100)
    article = models.CharField(_("article"), max_length=40)
    text = models.TextField(_("what it says"), blank=True)
    fine_min = _money(_("lowest fine (yuan)"), null=True, blank=True)
    fine_max = _money(_("highest fine (yuan)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["law", "code"]

    def __str__(self) -> str:
        return f"《{self.law}》{self.article}"

    def get_absolute_url(self) -> str:
        return reverse("dust:legalbasis_detail", args=[self.pk])

    def clean(self) -> None:
        if (self.fine_min is None) != (self.fine_max is None):
            raise ValidationError({"fine_max": _("Give both ends of the fine range, or neither.")})
        if self.fine_min is not None and self.fine_max is not None and self.fine_max < self.fine_min:
            raise ValidationError({"fine_max": _("The highest fine is below the lowest.")})


class MeasureKind(models.TextChoices):
    ORDER = "order", _("order to correct within a time limit")
    FINE = "fine", _("fine")
    DAILY_PENALTY = "daily_penalty", _("daily continuous penalty")
    STOP_WORK = "stop_work", _("stop-work order")
    MARKET_EXCLUSION = "market_exclusion", _("exclusion from the market")
    DOWNGRADE = "downgrade", _("qualification downgrade")


class Ladder(LedgerModel):
    """What the first, second and third breach of a site within the period brings (a city's rule, as
    data). The one in force is what `suggest_measure` reads; a fine step asks for the top of the
    ladder's legal basis (顶格处罚)."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    name = models.CharField(_("name"), max_length=100, unique=True)
    in_force = models.BooleanField(_("in force"), default=False)
    period_days = models.PositiveSmallIntegerField(
        _("period (days)"), default=365, validators=[MinValueValidator(1)],
        help_text=_("Breaches of a site within this many days count towards the next step."),
    )  # fmt: skip
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="ladders"
    )
    first_kind = models.CharField(_("first breach"), max_length=20, choices=MeasureKind.choices)
    first_stop_days = models.PositiveSmallIntegerField(_("first breach: days stopped"), null=True, blank=True)
    second_kind = models.CharField(_("second breach"), max_length=20, choices=MeasureKind.choices)
    second_stop_days = models.PositiveSmallIntegerField(
        _("second breach: days stopped"), null=True, blank=True
    )
    third_kind = models.CharField(_("third breach"), max_length=20, choices=MeasureKind.choices)
    third_stop_days = models.PositiveSmallIntegerField(_("third breach: days stopped"), null=True, blank=True)
    note = models.TextField(_("source and note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enforcement ladder")
        verbose_name_plural = _("enforcement ladders")
        ordering = ["-in_force", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["in_force"], condition=Q(in_force=True), name="dust_one_ladder_in_force"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dust:ladder_detail", args=[self.pk])

    def step(self, number: int) -> tuple[str, int | None]:
        """The measure kind and days stopped of breach `number` (1–3; later breaches take the third)."""
        name = ("first", "second", "third")[min(max(number, 1), 3) - 1]
        return getattr(self, f"{name}_kind"), getattr(self, f"{name}_stop_days")

    def clean(self) -> None:
        errors = {}
        for name in ("first", "second", "third"):
            kind, days = getattr(self, f"{name}_kind"), getattr(self, f"{name}_stop_days")
            if kind == MeasureKind.STOP_WORK and not days:
                errors[f"{name}_stop_days"] = _("A stop-work step needs its days stopped.")
            if kind != MeasureKind.STOP_WORK and days:
                errors[f"{name}_stop_days"] = _("Only a stop-work step stops the site for days.")
        if errors:
            raise ValidationError(errors)


class Measure(LedgerModel):
    """An enforcement measure taken against a site, with its legal basis. Written only through
    dust.services.enforcement.record_measure; a stop-work is lifted there too."""

    scope_module = "dust"
    scope_division_field = "site__division"

    site = models.ForeignKey(Site, verbose_name=_("construction site"), on_delete=models.PROTECT,
                             related_name="measures")  # fmt: skip
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    legal_basis = models.ForeignKey(
        LegalBasis, verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="measures"
    )
    amount = _money(_("amount (yuan)"), null=True, blank=True)
    served_on = models.DateField(_("served on"))
    deadline = models.DateField(_("correct by"), null=True, blank=True)
    stop_days = models.PositiveSmallIntegerField(_("days stopped at least"), null=True, blank=True)
    until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Exclusion from the market or downgrade.")
    )
    ladder_step = models.PositiveSmallIntegerField(
        _("breach number"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("The step of the ladder this measure takes (first, second, third breach); empty if none."),
    )  # fmt: skip
    decided_by = models.CharField(_("decided by"), max_length=100)
    note = models.TextField(_("note"), blank=True)
    # Set by the services, not the form.
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    lifted_note = models.CharField(_("lifted after"), max_length=200, blank=True)
    case = models.ForeignKey(
        Case, verbose_name=_("supervised case"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="dust_measures",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enforcement measure")
        verbose_name_plural = _("enforcement measures")
        ordering = ["-served_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.site}：{self.get_kind_display()}（{self.served_on}）"

    def get_absolute_url(self) -> str:
        return reverse("dust:measure_detail", args=[self.pk])

    @property
    def top_fine(self) -> bool:
        """顶格处罚: a fine at the top of its article's range."""
        return (
            self.kind == MeasureKind.FINE
            and self.amount is not None
            and self.legal_basis_id is not None
            and self.amount == self.legal_basis.fine_max
        )

    def clean(self) -> None:
        errors: dict[str, object] = {}
        basis = self.legal_basis if self.legal_basis_id else None
        if self.kind == MeasureKind.FINE:
            if self.amount is None:
                errors["amount"] = _("A fine needs its amount.")
            elif basis is not None and basis.fine_max is None:
                errors["legal_basis"] = _("This article sets no fine.")
            elif basis is not None and not basis.fine_min <= self.amount <= basis.fine_max:  # type: ignore[operator]
                errors["amount"] = _(
                    "The fine must lie within %(law)s's range, %(low)s to %(high)s yuan."
                ) % {"law": basis, "low": basis.fine_min, "high": basis.fine_max}
        elif self.kind != MeasureKind.DAILY_PENALTY and self.amount is not None:
            errors["amount"] = _("Only a fine or a daily penalty has an amount.")
        if self.kind == MeasureKind.ORDER and self.deadline is None:
            errors["deadline"] = _("An order to correct needs the date to correct by.")
        if self.deadline and self.served_on and self.deadline <= self.served_on:
            errors["deadline"] = _("The date to correct by must come after the day the order is served.")
        if self.kind == MeasureKind.STOP_WORK and not self.stop_days:
            errors["stop_days"] = _("A stop-work order needs its days stopped at least.")
        if self.kind != MeasureKind.STOP_WORK and self.stop_days:
            errors["stop_days"] = _("Only a stop-work order stops the site for days.")
        if self.kind in (MeasureKind.MARKET_EXCLUSION, MeasureKind.DOWNGRADE) and self.until is None:
            errors["until"] = _("Say until when the measure holds.")
        if self.until and self.served_on and self.until <= self.served_on:
            errors["until"] = _("The end must come after the day the measure is served.")
        if self.served_on and self.served_on > timezone.localdate():
            errors["served_on"] = _("A measure cannot be served in the future.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A grid officer sees the measures on the sites of their grids.
        return Q(site__grid_id__in=scope.grid_ids) if scope.grid_ids else None


class CountEnd(models.TextChoices):
    CORRECTED = "corrected", _("correction verified")
    STOPPED = "stopped", _("stop-work ended the breach")


class PenaltyCount(LedgerModel):
    """A running count of 按日连续处罚 from an order to correct (rules.penalty). Its days and total are
    kept by dust.services.enforcement from the order's service date and the finding re-inspections."""

    scope_module = "dust"
    scope_division_field = "order__site__division"

    order = models.ForeignKey(
        Measure, verbose_name=_("order to correct"), on_delete=models.PROTECT, related_name="penalty_counts",
        limit_choices_to={"kind": MeasureKind.ORDER},
    )  # fmt: skip
    daily = _money(_("daily amount (yuan)"), help_text=_("The original fine."))
    note = models.TextField(_("note"), blank=True)
    # Kept by the services.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("ended by"), max_length=20, choices=CountEnd.choices, blank=True)
    days = models.PositiveIntegerField(_("days"), default=0)
    total = _money(_("total (yuan)"), default=Decimal("0"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("daily penalty count")
        verbose_name_plural = _("daily penalty counts")
        ordering = ["-order__served_on", "-pk"]

    def __str__(self) -> str:
        return _("Daily penalty of %(order)s") % {"order": self.order}

    def get_absolute_url(self) -> str:
        return reverse("dust:penaltycount_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.order_id and self.order.kind != MeasureKind.ORDER:
            errors["order"] = _("A daily penalty counts from an order to correct.")
        elif (
            self.order_id and PenaltyCount.objects.filter(order_id=self.order_id).exclude(pk=self.pk).exists()
        ):
            # A breach after a count ended needs a new order, which starts its own count.
            errors["order"] = _("This order already has its daily-penalty count.")
        if self.daily is not None and self.daily <= 0:
            errors["daily"] = _("The daily amount must be above zero.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(order__site__grid_id__in=scope.grid_ids) if scope.grid_ids else None


class PenaltyFinding(models.Model):
    """A re-inspection that found the breach of a count again (it extends the count to its date)."""

    count = models.ForeignKey(PenaltyCount, on_delete=models.CASCADE, related_name="findings")
    on = models.DateField(_("re-inspected on"))
    reference = models.CharField(_("re-inspection"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("finding re-inspection")
        verbose_name_plural = _("finding re-inspections")
        ordering = ["on"]
        constraints = [
            models.UniqueConstraint(fields=["count", "on"], name="dust_penalty_finding_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.on}"


class BlacklistEntry(LedgerModel):
    """An enterprise excluded from the market (清出市场) for a period: no new site may name it as
    contractor then."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    enterprise = models.ForeignKey(
        Unit, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="dust_blacklist"
    )
    start = models.DateField(_("excluded from"))
    until = models.DateField(_("excluded until"))
    reason = models.TextField(_("reason"))
    measure = models.ForeignKey(
        Measure, verbose_name=_("enforcement measure"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="blacklist_entries",
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("blacklist entry")
        verbose_name_plural = _("blacklist")
        ordering = ["-start", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.start}—{self.until}）"

    def get_absolute_url(self) -> str:
        return reverse("dust:blacklistentry_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start and self.until and self.until < self.start:
            raise ValidationError({"until": _("The end of the period is before its start.")})


def blacklisting(enterprise_id: int, on: dt.date) -> BlacklistEntry | None:
    """The entry keeping the enterprise out of the market on `on`, if any."""
    return (
        BlacklistEntry.objects.filter(enterprise_id=enterprise_id, start__lte=on, until__gte=on)
        .order_by("-until")
        .first()
    )
