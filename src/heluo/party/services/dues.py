"""Dues acts and readings (党费): what a member owes for a month, recording a payment (a quarter at once
when the branch agrees), and the arrears of an organisation.

The rules (heluo.party.rules.dues, the 2008 规定): the amount is computed from the member's income and
category as the member record held them at the end of that month; an approved reduction (减免) replaces it
or exempts the month. A member pays from the month they were admitted (probationary members too) until
the month they left. Back-payment reaches at most six months before the month of payment; a later month
is paid ahead only as part of a quarter. A branch may not pay for a member: the payer is the member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..activity import register_participation
from ..models import DuesArrangement, DuesPayment, DuesReduction, Member, PartyOrganisation
from ..rules import dues as rules

__all__ = [
    "Arrear",
    "Due",
    "arrangement_for",
    "arrears",
    "check_payment",
    "due_for",
    "record_payment",
    "settled_months",
]


@dataclass(frozen=True)
class Due:
    """What a member owes for one month: the amount (0 when exempt) and why."""

    month: dt.date
    amount: Decimal
    rate: Decimal | None = None
    exempt: bool = False
    reduced: bool = False


def _as(row: models.Model, user: Any) -> None:
    row._history_user = user  # type: ignore[attr-defined]


def refuse(field: str, message: str, code: str) -> NoReturn:
    raise ValidationError({field: ValidationError(message, code=code)})


def arrangement_for(organisation: PartyOrganisation) -> DuesArrangement | None:
    """The dues arrangement of the organisation, else of the nearest organisation above it."""
    path = organisation.path
    prefixes = [path[: end + 1] for end, char in enumerate(path) if char == "/"]
    rows = DuesArrangement.objects.filter(organisation__path__in=prefixes).select_related("organisation")
    return max(rows, key=lambda row: len(row.organisation.path), default=None)


def _member_in(month: dt.date, member: Member) -> Member:
    """The member record as it stood at the end of `month` (its income and category then), else now."""
    end = rules.add_months(month, 1)
    moment = timezone.make_aware(dt.datetime.combine(end, dt.time.min)) - dt.timedelta(microseconds=1)
    try:
        return member.history.as_of(moment)
    except Member.DoesNotExist:
        return member


def due_for(member: Member, month: dt.date) -> Due:
    """The member's dues for the month. ValidationError when the record lacks the income its category
    needs."""
    month = rules.month_start(month)
    for reduction in DuesReduction.objects.filter(member=member, start__lte=month).order_by("-start"):
        if reduction.covers(month):
            if reduction.exempt:
                return Due(month, Decimal("0.00"), exempt=True)
            return Due(month, rules.to_fen(reduction.amount or Decimal(0)), reduced=True)
    record = _member_in(month, member)
    arrangement = arrangement_for(member.organisation)
    income = record.monthly_income
    if income is None:
        if record.dues_category in (rules.IN_SERVICE, rules.RETIRED):
            message = _("%(name)s has no monthly income recorded: the dues cannot be computed.")
            raise ValidationError(message % {"name": member.name}, code="no_income")
        income = Decimal(0)
    try:
        amount = rules.monthly_dues(
            income, record.dues_category, arrangement.farmer_amount if arrangement else None
        )
    except ValueError as error:
        raise ValidationError(str(error), code="rules") from None
    return Due(month, amount.monthly, rate=amount.rate)


def _payment_months(member: Member, month: dt.date, quarter: bool) -> list[dt.date]:
    first = rules.month_start(month)
    if not quarter:
        return [first]
    arrangement = arrangement_for(member.organisation)
    if arrangement is None or not arrangement.quarterly_allowed:
        refuse("quarter", _("The branch has not agreed to quarterly payment: pay month by month."), "quarter")
    return [rules.add_months(first, n) for n in range(3)]


def check_payment(
    member: Member,
    month: dt.date,
    amount: Decimal,
    paid_on: dt.date,
    paid_by: Member,
    *,
    quarter: bool = False,
    instance: DuesPayment | None = None,
) -> list[Due]:
    """The dues of the months the payment covers (one, or three for a quarter), or a ValidationError
    saying clearly what is refused. `instance`: the payment being changed (its own month is not a
    duplicate)."""
    if paid_by.pk != member.pk:
        refuse(
            "paid_by", _("Members pay their own dues: the organisation may not pay for a member."), "payer"
        )
    paid_month = rules.month_start(paid_on)
    dues: list[Due] = []
    for index, each in enumerate(_payment_months(member, month, quarter)):
        names = {"name": member.name, "month": f"{each:%Y-%m}"}
        if each < rules.month_start(member.joined_on):
            names["day"] = f"{member.joined_on:%Y-%m-%d}"
            refuse(
                "month",
                _("%(name)s joined on %(day)s: no dues are due for %(month)s.") % names,
                "before_joining",
            )
        if member.left_on and each > rules.month_start(member.left_on):
            names["day"] = f"{member.left_on:%Y-%m-%d}"
            refuse(
                "month",
                _("%(name)s left on %(day)s: no dues are due for %(month)s.") % names,
                "after_leaving",
            )
        if each < rules.earliest_back_payment(paid_on):
            names["count"] = str(rules.BACK_PAYMENT_MONTHS)
            message = _(
                "The dues of %(month)s can no longer be paid: back-payment reaches %(count)s months at most."
            )
            refuse("month", message % names, "too_late")
        if each > paid_month and not (quarter and index > 0):
            message = _("The dues of %(month)s cannot be paid ahead, but in a quarter the branch agreed to.")
            refuse("month", message % names, "ahead")
        paid = DuesPayment.objects.filter(member=member, month=each)
        if instance is not None and instance.pk:
            paid = paid.exclude(pk=instance.pk)
        if paid.exists():
            refuse("month", _("%(name)s has paid the dues of %(month)s already.") % names, "paid")
        due = due_for(member, each)
        if due.exempt:
            refuse("month", _("%(name)s is exempted from the dues of %(month)s.") % names, "exempt")
        if rules.to_fen(amount) != due.amount:
            names.update(due=str(due.amount), amount=str(amount))
            message = (
                _("%(name)s owes %(due)s yuan for %(month)s after the approved reduction, not %(amount)s.")
                if due.reduced
                else _("%(name)s owes %(due)s yuan for %(month)s by income and category, not %(amount)s.")
            )
            refuse("amount", message % names, "amount")
        dues.append(due)
    return dues


@transaction.atomic
def record_payment(
    member: Member,
    month: dt.date,
    amount: Decimal,
    paid_on: dt.date,
    paid_by: Member,
    by: Any,
    *,
    method: str = "cash",
    note: str = "",
    quarter: bool = False,
) -> list[DuesPayment]:
    """Record one act of payment: a row for the month, or for three months when `quarter` (the branch
    must allow it); `amount` is each month's. Refused with a ValidationError as check_payment says."""
    dues = check_payment(member, month, amount, paid_on, paid_by, quarter=quarter)
    rows = []
    for due in dues:
        row = DuesPayment(
            member=member, month=due.month, amount=due.amount, paid_on=paid_on, paid_by=paid_by,
            method=method, note=note, recorded_by=by,
        )  # fmt: skip
        _as(row, by)
        row.save()
        rows.append(row)
    return rows


def settled_months(member_ids: Collection[int], start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """The months from `start`'s to `end`'s each member paid or was exempted from (the "dues" kind of
    participation, 党章 art. 9)."""
    first, last = rules.month_start(start), rules.month_start(end)
    settled: dict[int, set[dt.date]] = {pk: set() for pk in member_ids}
    paid = DuesPayment.objects.filter(member_id__in=member_ids, month__gte=first, month__lte=last)
    for member_id, month in paid.values_list("member_id", "month"):
        settled[member_id].add(month)
    exempt = DuesReduction.objects.filter(member_id__in=member_ids, exempt=True, start__lte=last).filter(
        models.Q(end__isnull=True) | models.Q(end__gte=first)
    )
    for member_id, from_month, to_month in exempt.values_list("member_id", "start", "end"):
        settled[member_id].update(rules.months(max(from_month, first), min(to_month or last, last)))
    return settled


@dataclass(frozen=True)
class Arrear:
    """A member's unpaid months up to last month, each with its amount, and their sum."""

    member: Member
    dues: list[Due]

    @property
    def total(self) -> Decimal:
        return sum((due.amount for due in self.dues), Decimal("0.00"))


def arrears(organisation: PartyOrganisation, today: dt.date | None = None) -> list[Arrear]:
    """The members of the organisation and those below it with unpaid months up to last month, counted
    from the later of their admission and the month their branch's records begin (its arrangement's, or
    the nearest above; else January of last year). A month whose amount cannot be computed (no income)
    is listed with 0."""
    day = today or timezone.localdate()
    members = list(
        Member.objects.filter(organisation__path__startswith=organisation.path, left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__path", "name", "pk")
    )
    default = dt.date(day.year - 1, 1, 1)
    since: dict[int, dt.date] = {}
    for member in members:
        if member.organisation_id not in since:
            arrangement = arrangement_for(member.organisation)
            since[member.organisation_id] = (arrangement.records_from if arrangement else None) or default
    settled = settled_months([m.pk for m in members], min(since.values(), default=default), day)
    listed = []
    for member in members:
        first = max(rules.month_start(member.joined_on), since[member.organisation_id])
        unpaid = rules.unpaid_months(first, day, settled[member.pk])
        if unpaid:
            listed.append(Arrear(member, [_due_or_zero(member, month) for month in unpaid]))
    return listed


def _due_or_zero(member: Member, month: dt.date) -> Due:
    try:
        return due_for(member, month)
    except ValidationError:
        return Due(month, Decimal("0.00"))


# The "dues" kind of the art. 9 check: a month paid or exempted is a month with dues.
register_participation("dues", gettext_lazy("pays party dues"), settled_months)
