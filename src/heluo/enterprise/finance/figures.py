"""Financing's published figures: what the banks promised (exact sums apart from "not less than" ones,
parts for beneficiaries never counted twice), the loans coordinated and the awards won."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Territory, register_figure
from heluo.core.figures.writing import Writing

from .models import AmountKind, Award, AwardLevel, CoordinatedLoan, FinancingAgreement

AGREEMENTS = "enterprise.finance.agreements"
AGREED_EXACT = "enterprise.finance.agreed_amount"
AGREED_AT_LEAST = "enterprise.finance.agreed_at_least"
LOANS = "enterprise.finance.loans"
LOAN_AMOUNT = "enterprise.finance.loan_amount"
AWARDS = "enterprise.finance.awards"
AWARDS_NATIONAL = "enterprise.finance.awards_national"
AWARDS_PROVINCIAL = "enterprise.finance.awards_provincial"

# 5000余万元: loans are written truncated to ten million, 余 before 万.
LOANS_WRITING = Writing("floor", precision=10_000_000, style="余万")


def _total(queryset: QuerySet) -> Decimal:
    total: Decimal | None = queryset.aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal(0)


def _agreements(territory: Territory, period: Period) -> QuerySet[FinancingAgreement]:
    # Parts (a beneficiary's share) are inside their agreement's amount already.
    return territory.filter(
        FinancingAgreement.objects.filter(parent__isnull=True, signed_on__range=(period.start, period.end))
    )


def _agreed(kind: str) -> Callable[[Territory, Period], Decimal]:
    def compute(territory: Territory, period: Period) -> Decimal:
        return _total(_agreements(territory, period).filter(amount_kind=kind))

    return compute


def _loans(territory: Territory, period: Period) -> QuerySet[CoordinatedLoan]:
    return territory.filter(CoordinatedLoan.objects.filter(granted_on__range=(period.start, period.end)))


def _awards(territory: Territory, period: Period, level: str | None = None) -> Decimal:
    awards = territory.filter(Award.objects.filter(year__gte=period.start.year, year__lte=period.end.year))
    return _total(awards.filter(level=level) if level else awards)


FIGURES = (
    Figure(
        AGREEMENTS,
        _("financing agreements signed"),
        "enterprise",
        lambda territory, period: _agreements(territory, period).count(),
        unit="份",
    ),
    Figure(
        AGREED_EXACT,
        _("financing agreed (exact amounts)"),
        "enterprise",
        _agreed(AmountKind.EXACT),
        unit="元",
        writing=Writing("amount"),
    ),
    Figure(
        AGREED_AT_LEAST,
        _("financing agreed (not less than)"),
        "enterprise",
        _agreed(AmountKind.AT_LEAST),
        unit="元",
        writing=Writing("minimum"),
    ),
    Figure(
        LOANS,
        _("loans coordinated"),
        "enterprise",
        lambda territory, period: _loans(territory, period).count(),
        unit="笔",
    ),
    Figure(
        LOAN_AMOUNT,
        _("amount of loans coordinated"),
        "enterprise",
        lambda territory, period: _total(_loans(territory, period)),
        unit="元",
        writing=LOANS_WRITING,
    ),
    Figure(
        AWARDS,
        _("awards and subsidies won"),
        "enterprise",
        lambda territory, period: _awards(territory, period),
        unit="元",
        writing=Writing("amount"),
    ),
    Figure(
        AWARDS_NATIONAL,
        _("national awards and subsidies won"),
        "enterprise",
        lambda territory, period: _awards(territory, period, AwardLevel.NATIONAL),
        unit="元",
        writing=Writing("amount"),
    ),
    Figure(
        AWARDS_PROVINCIAL,
        _("provincial awards and subsidies won"),
        "enterprise",
        lambda territory, period: _awards(territory, period, AwardLevel.PROVINCIAL),
        unit="元",
        writing=Writing("amount"),
    ),
)


def register() -> None:
    register_figure(*FIGURES)
