"""How official writing puts numbers (Pure: no Django, no database).

The table the tests check is in docs/figures.md. In short:

- plain: the number as it is, then the unit (12个).
- amount: a number of 元 becomes 元, 万元 or 亿元 with up to two decimals, rounded half up, no trailing
  zeros and no thousands separators (21.35亿元, 760万元, 5000元). The unit moves up when the rounded
  value reaches it, never before: 99,999,999元 rounds to 10000.00万, which is written 1亿元, while
  99,995,000元 stays 9999.5万元. Any kind whose unit is 元 writes its number this way.
- floor: the number truncated down to the declared precision (a power of ten), never rounded up, with 余:
  460万余人次, 1000余场; 余 after 万 by default or before it when declared (150余万册次, 5000余万元). A
  number with nothing left over after truncating has no 余 (it is not "more than"), and one below the
  precision is written exactly.
- at_least: truncated like a floor, then 以上 after the unit (800人以上); minimum: 不低于 before the
  number (不低于50亿元).
- percent: the number is already in percent, rounded half up to the declared decimals, no trailing
  zeros (85.5%).

Changes between two periods (同比 with last year, 环比 with the period before) are written by `change`
(同比增长12.5%, 同比下降3.2%, 与上年持平) and, for the difference of two rates, `rate_change`
(提高2.3个百分点).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Literal

Kind = Literal["plain", "amount", "floor", "at_least", "minimum", "percent"]
Style = Literal["万余", "余万"]
Basis = Literal["同比", "环比", ""]
Number = int | Decimal

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
YUAN = "元"
KINDS = ("plain", "amount", "floor", "at_least", "minimum", "percent")


@dataclass(frozen=True)
class Writing:
    """`kind`: plain (12个), amount (元 → 万元 → 亿元), floor (460万余人次), at_least (800人以上),
    minimum (不低于50亿元), percent (85.5%).

    `precision`: the power of ten a floor or at_least truncates to (10000 writes 460万余 for 4,601,234).
    `style`: where 余 goes when the number is written in 万 — "万余" (460万余) or "余万" (150余万册次).
    `decimals`: the most decimals a percent keeps.
    """

    kind: Kind = "plain"
    precision: int = 1
    style: Style = "万余"
    decimals: int = 1

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown writing kind {self.kind!r}")
        if self.precision < 1 or str(self.precision).rstrip("0") != "1":
            raise ValueError(f"precision must be a power of ten, not {self.precision}")
        if self.style not in ("万余", "余万"):
            raise ValueError(f"unknown style {self.style!r}")
        if self.style == "余万" and self.precision < WAN:
            raise ValueError("余 before 万 needs a precision of at least 10000")
        if not 0 <= self.decimals <= 2:
            raise ValueError("a percent keeps 0, 1 or 2 decimals")


def write(number: Number, unit: str, writing: Writing) -> str:
    """The number as official text, with its unit, in the way `writing` declares."""
    value = Decimal(number)
    if writing.kind == "amount":
        return _amount(value, unit or YUAN)
    if writing.kind == "percent":
        return f"{_plain(_round(value, writing.decimals))}%"
    if writing.kind == "floor":
        return _floor(value, unit, writing)
    if writing.kind == "at_least":
        return f"{_bound(value, unit, writing)}以上"
    if writing.kind == "minimum":
        return f"不低于{_bound(value, unit, writing)}"
    return _amount(value, unit) if unit == YUAN else f"{_plain(value)}{unit}"


def _plain(value: Decimal) -> str:
    """No exponent, no trailing zeros, no separators: 9999.5, 21.35, 5000, 0."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def _amount(value: Decimal, unit: str) -> str:
    """元 below 1万, 万元 below 1亿, then 亿元; each rounded to two decimals, moving up a unit when the
    rounded value reaches the next one (so never 10000万元)."""
    sign, size = ("-" if value < 0 else ""), abs(value)
    in_yuan = _round(size, 2)
    if in_yuan < WAN:
        return f"{sign}{_plain(in_yuan)}{unit}"
    in_wan = _round(size / WAN, 2)
    if in_wan < WAN:
        return f"{sign}{_plain(in_wan)}万{unit}"
    return f"{sign}{_plain(_round(size / YI, 2))}亿{unit}"


def _truncate(value: Decimal, precision: int) -> Decimal:
    step = Decimal(precision)
    return (value / step).quantize(Decimal(1), ROUND_DOWN) * step


def _scaled(value: Decimal) -> tuple[str, str]:
    """An exact count in 亿 or 万 once it reaches them (4600000 → "460", "万"); below 1万 as it is."""
    size = abs(value)
    if size >= YI:
        return _plain(value / YI), "亿"
    if size >= WAN:
        return _plain(value / WAN), "万"
    return _plain(value), ""


def _floor(value: Decimal, unit: str, writing: Writing) -> str:
    truncated = _truncate(value, writing.precision)
    if truncated == 0 or truncated == value:
        # Below the precision there is nothing to truncate to; an exact value is not "more than" itself.
        return _bound(value, unit, writing)
    digits, scale = _scaled(truncated)
    if scale and writing.style == "余万":
        return f"{digits}余{scale}{unit}"
    return f"{digits}{scale}余{unit}"


def _bound(value: Decimal, unit: str, writing: Writing) -> str:
    """The number of an at_least or minimum (and of a floor with nothing left over): truncated to the
    precision, amounts in 元 as amounts, counts scaled to 万 and 亿."""
    truncated = _truncate(value, writing.precision) or value
    if unit == YUAN:
        return _amount(truncated, unit)
    digits, scale = _scaled(truncated)
    return f"{digits}{scale}{unit}"


def growth(current: Number, previous: Number) -> Decimal | None:
    """The change from `previous` to `current` in percent, or None when `previous` is zero (a growth
    from nothing has no percentage)."""
    if previous == 0:
        return None
    return (Decimal(current) - Decimal(previous)) * 100 / abs(Decimal(previous))


def _flat(basis: Basis) -> str:
    return {"同比": "与上年持平", "环比": "环比持平", "": "持平"}[basis]


def change(current: Number, previous: Number, basis: Basis = "同比", decimals: int = 1) -> str | None:
    """同比增长12.5%, 同比下降3.2%, or 与上年持平 when the rounded change is zero; None when the previous
    value is zero."""
    percent = growth(current, previous)
    if percent is None:
        return None
    rounded = _round(percent, decimals)
    if rounded == 0:
        return _flat(basis)
    word = "增长" if rounded > 0 else "下降"
    return f"{basis}{word}{_plain(abs(rounded))}%"


def signed(current: Number, previous: Number, decimals: int = 1) -> str | None:
    """The change as a signed percent for tables: +12.5%, -3.2%, 0%; None when the previous is zero."""
    percent = growth(current, previous)
    if percent is None:
        return None
    rounded = _round(percent, decimals)
    return f"{'+' if rounded > 0 else ''}{_plain(rounded)}%"


def rate_change(current: Number, previous: Number, basis: Basis = "", decimals: int = 1) -> str:
    """The difference of two rates (in percent) in 个百分点: 提高2.3个百分点, 同比下降0.5个百分点, 持平."""
    difference = _round(Decimal(current) - Decimal(previous), decimals)
    if difference == 0:
        return _flat(basis)
    word = "提高" if difference > 0 else "下降"
    return f"{basis}{word}{_plain(abs(difference))}个百分点"
