"""Party members' points (党员积分): a year's totals from a scheme and the member's facts, and rankings.
Pure: no Django, no database.

There is no national standard; a city keeps its scheme as data (rules). A rule has a code, a category —
base (基础分), task (任务分), bonus (奖励分) or deduction (扣减分) — points per unit, a unit (each, hour) and
an optional yearly cap per member. A fact is one entry of the ledger: a rule and a quantity (a meeting,
hours of study), or for a manual entry (bonus, deduction) the points themselves. Entries keep their
uncapped points; the caps apply to a member's year: the points of a rule over the year count up to its
cap. Base points are granted once at the year's start: however many base facts, a base rule counts once.
Deductions count against the total (their points are given positive and subtracted).
Rankings share a rank on a tie and skip the next ones (1, 1, 3).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

BASE = "base"
TASK = "task"
BONUS = "bonus"
DEDUCTION = "deduction"
CATEGORIES = (BASE, TASK, BONUS, DEDUCTION)

EACH = "each"
HOUR = "hour"
UNITS = (EACH, HOUR)

CENT = Decimal("0.01")
ZERO = Decimal("0")

K = TypeVar("K")


@dataclass(frozen=True)
class Rule:
    """One rule of a scheme; `points_per_unit` is positive for every category, deductions included."""

    code: str
    category: str
    points_per_unit: Decimal
    unit: str = EACH
    yearly_cap: Decimal | None = None


@dataclass(frozen=True)
class Fact:
    """One entry: `quantity` units of a rule, or, for a manual entry, `points` given outright."""

    rule_code: str
    quantity: Decimal = Decimal("1")
    points: Decimal | None = None


@dataclass(frozen=True)
class Totals:
    """A member's year: counted points per rule and per category (deductions negative) and the total."""

    by_rule: dict[str, Decimal] = field(default_factory=dict)
    by_category: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = ZERO


def round_points(points: Decimal) -> Decimal:
    return points.quantize(CENT, rounding=ROUND_HALF_UP)


def fact_points(rule: Rule, quantity: Decimal, points: Decimal | None = None) -> Decimal:
    """The uncapped points of one entry: the points given for a manual entry, else quantity × the rule's
    points per unit. Never negative: a deduction's sign comes from its category."""
    if quantity < 0:
        raise ValueError(f"积分规则“{rule.code}”的数量不能为负数（收到 {quantity}）。")
    value = points if points is not None else quantity * rule.points_per_unit
    if value < 0:
        raise ValueError(f"积分规则“{rule.code}”的分值请填正数，扣减分按类别扣除（收到 {value}）。")
    return round_points(value)


def counted(rule: Rule, uncapped: Decimal) -> Decimal:
    """A rule's points over a year as they count: base once, then the yearly cap."""
    value = uncapped
    if rule.category == BASE:
        value = min(value, rule.points_per_unit)
    if rule.yearly_cap is not None:
        value = min(value, rule.yearly_cap)
    return value


def year_totals(scheme: Mapping[str, Rule], facts: Iterable[Fact]) -> Totals:
    """A member's totals for a year from the scheme (rules by code) and the year's facts. Raises
    ValueError for a fact whose rule is not in the scheme."""
    uncapped: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for fact in facts:
        rule = scheme.get(fact.rule_code)
        if rule is None:
            raise ValueError(f"积分规则“{fact.rule_code}”不在积分方案中。")
        uncapped[rule.code] += fact_points(rule, fact.quantity, fact.points)
    by_rule: dict[str, Decimal] = {}
    by_category: dict[str, Decimal] = {category: ZERO for category in CATEGORIES}
    for code, value in uncapped.items():
        rule = scheme[code]
        signed = counted(rule, value) * (-1 if rule.category == DEDUCTION else 1)
        by_rule[code] = signed
        by_category[rule.category] += signed
    return Totals(by_rule=by_rule, by_category=by_category, total=sum(by_category.values(), ZERO))


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: object
    points: Decimal


def rank(totals: Mapping[K, Decimal]) -> list[Ranked]:
    """Competition ranking of `totals` (key → points), highest first: ties share a rank and the next
    rank skips (1, 1, 3). Tied keys keep the mapping's order (sorted's stability), so the list is stable."""
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    ranked: list[Ranked] = []
    for index, (key, points) in enumerate(ordered):
        if ranked and ranked[-1].points == points:
            ranked.append(Ranked(rank=ranked[-1].rank, key=key, points=points))
        else:
            ranked.append(Ranked(rank=index + 1, key=key, points=points))
    return ranked
