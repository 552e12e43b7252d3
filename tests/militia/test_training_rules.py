"""The pure training rule on a hand-made table: hours due pro rata through the year, behind or not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heluo.militia.rules.training import expected_hours, progress

# (required a year, day, done) → (due by the day, hours behind); by hand: required × day of year / days.
TABLE = [
    ("96", dt.date(2026, 1, 1), "0", "0.3", "0.3"),  # 96 × 1/365 = 0.263 → 0.3
    ("96", dt.date(2026, 3, 10), "8", "18.1", "10.1"),  # day 69: 96 × 69/365 = 18.148
    ("96", dt.date(2026, 3, 10), "18.1", "18.1", "0"),  # exactly on time: not behind
    ("96", dt.date(2026, 3, 10), "18.0", "18.1", "0.1"),  # a tenth short: behind
    ("96", dt.date(2026, 7, 2), "60", "48.1", "0"),  # day 183: 96 × 183/365 = 48.13; ahead is not behind
    ("120", dt.date(2026, 12, 31), "119", "120.0", "1"),  # by the year's end every hour is due
    ("120", dt.date(2024, 12, 31), "120", "120.0", "0"),  # a leap year's last day, day 366 of 366
    ("240", dt.date(2024, 2, 29), "0", "39.3", "39.3"),  # day 60 of 366: 240 × 60/366 = 39.34
]


@pytest.mark.parametrize(("required", "day", "done", "due", "behind_by"), TABLE)
def test_hours_due_and_behind_on_a_hand_made_table(
    required: str, day: dt.date, done: str, due: str, behind_by: str
) -> None:
    result = progress(Decimal(required), Decimal(done), day)
    assert result.expected == Decimal(due)
    assert result.behind_by == Decimal(behind_by)
    assert result.behind is (Decimal(behind_by) > 0)


def test_nothing_required_is_never_behind() -> None:
    assert expected_hours(Decimal(0), dt.date(2026, 12, 31)) == 0
    assert not progress(Decimal(0), Decimal(0), dt.date(2026, 12, 31)).behind
