"""Party dues (党费): the monthly amount a member pays by the rules in force. Pure: no Django, no database.

The rules (中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》) as data: members in service and retirees
pay one flat rate on their whole monthly pay after tax, found by the bracket the pay falls in (not marginal);
farmers pay a fixed amount their branch sets between 0.20 and 1.00 元 (0.20 unless set); students, the
unemployed, those on 低保 and those living on 抚恤 or 救济 pay 0.20 元. Amounts are Decimals rounded to the fen,
half up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

IN_SERVICE = "in_service"
RETIRED = "retired"
FARMER = "farmer"
STUDENT = "student"
UNEMPLOYED = "unemployed"
LOW_INCOME = "low_income"
RELIEF = "relief"

CATEGORIES = (IN_SERVICE, RETIRED, FARMER, STUDENT, UNEMPLOYED, LOW_INCOME, RELIEF)

FEN = Decimal("0.01")

# (category, upper bound of the monthly pay after tax, inclusive, or None for "above", rate on the whole pay).
BRACKETS: tuple[tuple[str, Decimal | None, Decimal], ...] = (
    (IN_SERVICE, Decimal("3000"), Decimal("0.005")),
    (IN_SERVICE, Decimal("5000"), Decimal("0.01")),
    (IN_SERVICE, Decimal("10000"), Decimal("0.015")),
    (IN_SERVICE, None, Decimal("0.02")),
    (RETIRED, Decimal("5000"), Decimal("0.005")),
    (RETIRED, None, Decimal("0.01")),
)

# Categories paying a fixed monthly amount whatever their income.
FIXED_AMOUNTS: dict[str, Decimal] = {
    STUDENT: Decimal("0.20"),
    UNEMPLOYED: Decimal("0.20"),
    LOW_INCOME: Decimal("0.20"),
    RELIEF: Decimal("0.20"),
}

FARMER_MINIMUM = Decimal("0.20")
FARMER_MAXIMUM = Decimal("1.00")
FARMER_DEFAULT = Decimal("0.20")


@dataclass(frozen=True)
class DuesAmount:
    """A member's monthly dues: the rate applied to the pay (None for a fixed amount) and the amount in 元."""

    rate: Decimal | None
    monthly: Decimal


def to_fen(amount: Decimal) -> Decimal:
    """`amount` rounded to the fen, half up."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def parse_income(text: str) -> Decimal:
    """A monthly income written as text, as a Decimal; ValueError with a clear message when it is not a
    finite non-negative number."""
    try:
        income = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"收入必须是数字，收到的是“{text}”。") from None
    if not income.is_finite():
        raise ValueError(f"收入必须是数字，收到的是“{text}”。")
    check_income(income)
    return income


def check_income(income: Decimal) -> None:
    if income < 0:
        raise ValueError(f"收入不能为负数（收到 {income}）。")


def check_farmer_amount(amount: Decimal) -> None:
    """A farmer amount a branch sets must lie between 0.20 and 1.00 元 inclusive."""
    if not FARMER_MINIMUM <= amount <= FARMER_MAXIMUM:
        raise ValueError(
            f"农民党员的党费由支部在 {FARMER_MINIMUM} 至 {FARMER_MAXIMUM} 元之间确定（收到 {amount}）。"
        )


def rate_for(income: Decimal, category: str) -> Decimal:
    """The flat rate for a member in `category` (in_service or retired) whose monthly pay is `income`."""
    for bracket_category, upper, rate in BRACKETS:
        if bracket_category == category and (upper is None or income <= upper):
            return rate
    raise ValueError(f"类别“{category}”不按收入比例交纳党费。")


def monthly_dues(income: Decimal, category: str, farmer_amount: Decimal | None = None) -> DuesAmount:
    """The monthly dues of a member in `category` with monthly pay after tax `income` (元). `farmer_amount`
    is the branch's amount for farmers (0.20 when None). Raises ValueError for a negative income, an
    unknown category or a farmer amount out of its range."""
    if category not in CATEGORIES:
        raise ValueError(f"未知的党费类别“{category}”，可选：{'、'.join(CATEGORIES)}。")
    check_income(income)
    if category == FARMER:
        amount = FARMER_DEFAULT if farmer_amount is None else farmer_amount
        check_farmer_amount(amount)
        return DuesAmount(rate=None, monthly=to_fen(amount))
    if category in FIXED_AMOUNTS:
        return DuesAmount(rate=None, monthly=to_fen(FIXED_AMOUNTS[category]))
    rate = rate_for(income, category)
    return DuesAmount(rate=rate, monthly=to_fen(income * rate))
