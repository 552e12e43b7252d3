"""Part C's demo: dues and points for the demo members, written through the services (never raw rows) so
that the arrears, the rankings and the figures read them as they read real ones. Called by
heluo.party.demo.load_demo after the organisations and members exist; deterministic for a given day.

- Every branch gets a dues arrangement whose records begin six months back (the months shown);
  community branches may pay quarterly.
- Each current member pays the last six months, each month on the 5th of the next; every seventh member
  (in roll order) has not paid the last two months, so the arrears list has rows. A member whose dues
  cannot be computed (no income recorded for a rate category) is skipped.
- Points of the current year: the scheme's base points for every member, a task assigned to every third
  member, a commendation to every fifth, a deduction to every eleventh.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    DuesArrangement,
    DuesPayment,
    Member,
    OrganisationField,
    OrganisationKind,
    PartyOrganisation,
    PointsEntry,
)
from .rules.dues import add_months, month_start
from .services import dues, points

MONTHS_PAID = 6
IN_ARREARS_EVERY = 7


@transaction.atomic
def load(operator: Any) -> Counter[str]:
    counts: Counter[str] = Counter()
    today = timezone.localdate()
    this_month = month_start(today)
    first = add_months(this_month, -MONTHS_PAID)
    for branch in PartyOrganisation.objects.filter(kind=OrganisationKind.BRANCH).order_by("path"):
        _, created = DuesArrangement.objects.get_or_create(
            organisation=branch,
            defaults={
                "quarterly_allowed": branch.field == OrganisationField.COMMUNITY,
                "records_from": first,
            },
        )
        counts[str(DuesArrangement._meta.verbose_name_plural)] += created
    members = (
        Member.objects.filter(left_on__isnull=True)
        .select_related("organisation")
        .order_by("organisation__path", "pk")
    )
    for index, member in enumerate(members, start=1):
        skip = 2 if index % IN_ARREARS_EVERY == 0 else 0
        for offset in range(MONTHS_PAID - skip):
            month = add_months(first, offset)
            if month < month_start(member.joined_on):
                continue
            try:
                due = dues.due_for(member, month)
                if due.exempt or DuesPayment.objects.filter(member=member, month=month).exists():
                    continue
                dues.record_payment(member, month, due.amount, add_months(month, 1).replace(day=5), member, operator,
                                    method="wechat")  # fmt: skip
            except ValidationError:
                continue
            counts[str(DuesPayment._meta.verbose_name_plural)] += 1
    year = today.year
    for top in PartyOrganisation.objects.filter(parent__isnull=True).order_by("path"):
        counts[str(PointsEntry._meta.verbose_name_plural)] += points.grant_base_points(top, year, operator)
    for index, member in enumerate(members, start=1):
        if points.closed_for(member, year):
            continue
        if index % 3 == 0:
            points.add_manual_points(
                member,
                "volunteer_task",
                None,
                "完成支部交办的社区服务任务",
                "支部委员会",
                operator,
                year=year,
            )
            counts[str(PointsEntry._meta.verbose_name_plural)] += 1
        if index % 5 == 0:
            points.add_manual_points(
                member, "bonus", Decimal("5"), "被评为优秀共产党员", "街道党工委", operator, year=year
            )
            counts[str(PointsEntry._meta.verbose_name_plural)] += 1
        if index % 11 == 0:
            points.add_manual_points(
                member, "deduction", Decimal("2"), "无故缺席支部主题党日", "支部委员会", operator, year=year
            )
            counts[str(PointsEntry._meta.verbose_name_plural)] += 1
    return counts
