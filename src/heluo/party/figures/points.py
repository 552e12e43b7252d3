"""Part C's published figures: the points of a year and the dues collected, counted from the rows of the
members whose organisation lies in the territory.

- party.points_members: members with at least one points entry in the year of the period's last day
  (those the ranking lists with points).
- party.points_average: their average total for that year, the scheme's caps applied (as the ranking
  counts them), to the hundredth; no value without such members.
- party.dues_collected: the dues paid within the period (by the day of payment), in 元.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Territory, register_figure

from ..models import DuesPayment, PointsEntry, PointsRule
from ..rules import points as rules

POINTS_MEMBERS = "party.points_members"
POINTS_AVERAGE = "party.points_average"
DUES_COLLECTED = "party.dues_collected"


def member_totals(territory: Territory, period: Period) -> list[Decimal]:
    entries = territory.filter(
        PointsEntry.objects.filter(year=period.end.year), "member__organisation__division"
    ).select_related("rule")
    facts: dict[int, list[rules.Fact]] = defaultdict(list)
    for entry in entries:
        facts[entry.member_id].append(rules.Fact(entry.rule.code, entry.quantity, entry.points))
    scheme = {rule.code: rule.as_rule() for rule in PointsRule.objects.all()}
    return [rules.year_totals(scheme, member_facts).total for member_facts in facts.values()]


def points_members(territory: Territory, period: Period) -> int:
    return len(member_totals(territory, period))


def points_average(territory: Territory, period: Period) -> Decimal | None:
    totals = member_totals(territory, period)
    if not totals:
        return None
    return (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def dues_collected(territory: Territory, period: Period) -> Decimal:
    paid = DuesPayment.objects.filter(paid_on__gte=period.start, paid_on__lte=period.end)
    total = territory.filter(paid, "member__organisation__division").aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0.00")


FIGURES = (
    Figure(POINTS_MEMBERS, _("members with points this year"), "party", points_members, unit="名",
           description=_("Members with at least one points entry in the year of the period's last day.")),
    Figure(POINTS_AVERAGE, _("average points per member"), "party", points_average, unit="分",
           description=_("The average of those members' year totals, each rule capped as the scheme says.")),
    Figure(DUES_COLLECTED, _("party dues collected"), "party", dues_collected, unit="元",
           description=_("Dues paid within the period, by the day of payment.")),
)  # fmt: skip

register_figure(*FIGURES)
