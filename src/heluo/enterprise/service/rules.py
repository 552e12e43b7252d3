"""The service desk's rules on plain values. Pure: no Django, no database.

- Which time limit applies: the category's own for a stage, else the default (no category).
- How an officer's enterprises rank: most open problems first, then the one overdue longest.
- The satisfaction rate of follow-up calls, in percent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# The common practice when no row says otherwise (docs/enterprise.md).
DEFAULT_DAYS = {"report": 1, "opinion": 2, "done": 5, "feedback": 1, "misdirected": 2}


def limit_days(limits: Mapping[tuple[str, int | None], int], stage: str, category: int | None) -> int:
    """The working days of `stage` for a problem of `category`: its category's row, else the default row,
    else the common practice. `limits` maps (stage, category id or None) to working days."""
    if category is not None and (stage, category) in limits:
        return limits[(stage, category)]
    return limits.get((stage, None), DEFAULT_DAYS[stage])


@dataclass(frozen=True)
class EnterpriseLoad:
    """One enterprise on an officer's page: its open problems and the earliest deadline already passed."""

    enterprise_id: int
    name: str
    open_problems: int
    overdue_problems: int
    earliest_overdue: dt.datetime | None


def rank(loads: Iterable[EnterpriseLoad]) -> list[EnterpriseLoad]:
    """Most open problems first; on a tie, the one whose deadline passed longest ago, then by name."""
    far = dt.datetime.max.replace(tzinfo=dt.UTC)

    def key(load: EnterpriseLoad) -> tuple[int, dt.datetime, str]:
        overdue = load.earliest_overdue.astimezone(dt.UTC) if load.earliest_overdue else far
        return (-load.open_problems, overdue, load.name)

    return sorted(loads, key=key)


def satisfaction_rate(satisfied: int, answered: int) -> Decimal:
    """Satisfied and fairly satisfied answers over all answers, in percent with one decimal (0 when no
    call was made)."""
    if answered <= 0:
        return Decimal(0)
    return (Decimal(100) * satisfied / answered).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
