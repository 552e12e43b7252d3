"""The service desk's pure rules on hand-computed tables: which time limit applies, how an officer's
enterprises rank, the satisfaction rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heluo.enterprise.service.rules import EnterpriseLoad, limit_days, rank, satisfaction_rate

LIMITS = {("done", None): 5, ("done", 7): 10, ("report", None): 1}


@pytest.mark.parametrize(
    ("stage", "category", "days"),
    [("done", None, 5), ("done", 7, 10), ("done", 8, 5), ("report", 7, 1), ("feedback", None, 1),
     ("misdirected", 3, 2), ("opinion", None, 2)],
)  # fmt: skip
def test_a_categorys_own_limit_else_the_default_else_common_practice(
    stage: str, category: int | None, days: int
) -> None:
    assert limit_days(LIMITS, stage, category) == days


def at(day: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, 16, tzinfo=dt.UTC)


def test_most_open_problems_first_then_the_longest_overdue_then_the_name() -> None:
    loads = [
        EnterpriseLoad(1, "丙", 2, 0, None),
        EnterpriseLoad(2, "乙", 2, 1, at(20)),
        EnterpriseLoad(3, "甲", 2, 2, at(3)),
        EnterpriseLoad(4, "丁", 5, 0, None),
        EnterpriseLoad(5, "戊", 0, 0, None),
        EnterpriseLoad(6, "己", 0, 0, None),
    ]
    assert [load.enterprise_id for load in rank(loads)] == [4, 3, 2, 1, 6, 5]


@pytest.mark.parametrize(
    ("satisfied", "answered", "rate"),
    [(0, 0, Decimal(0)), (2, 2, Decimal(100)), (2, 3, Decimal("66.7")), (1, 3, Decimal("33.3")),
     (7, 8, Decimal("87.5")), (0, 4, Decimal(0))],
)  # fmt: skip
def test_the_satisfaction_rate_in_percent(satisfied: int, answered: int, rate: Decimal) -> None:
    assert satisfaction_rate(satisfied, answered) == rate
