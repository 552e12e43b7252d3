"""Statistics arithmetic (pure: heluo.cases.tallies) on hand-computed figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from heluo.cases.tallies import Tally, outcome, ranking, total

T = dt.datetime(2026, 11, 10, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def test_a_closed_case_is_on_time_extended_or_late_by_its_reply() -> None:
    original, extended = T, T + 5 * DAY
    assert outcome(T - DAY, original, extended) == "on_time"
    assert outcome(T, original, extended) == "on_time"  # at the deadline is in time
    assert outcome(T + DAY, original, extended) == "on_time_extended"
    assert outcome(T + 6 * DAY, original, extended) == "late"
    assert outcome(T + DAY, original, original) == "late"  # no extension: late


def test_the_on_time_rate_counts_on_time_only_and_overdue_stays_beside_it() -> None:
    tally = Tally("1", "甲", received=9, closed=6, on_time=4, on_time_extended=1, late=1, open_overdue=3,
                  handling_seconds=6 * 2.5 * 86400)  # fmt: skip
    assert tally.on_time_rate == Decimal("66.7")  # 4 ÷ 6, not 5 ÷ 6 and not 4 ÷ 9
    assert tally.average_days == Decimal("2.5")


def test_nothing_closed_has_no_rate_rather_than_zero() -> None:
    assert Tally("1", "甲", received=3, open_overdue=2).on_time_rate is None
    assert Tally("1", "甲").average_days is None


def test_ranking_best_rate_first_ties_share_a_rank_and_unrated_come_last() -> None:
    a = Tally("a", "甲", closed=4, on_time=4)
    b = Tally("b", "乙", closed=2, on_time=1)
    c = Tally("c", "丙", closed=2, on_time=1)
    d = Tally("d", "丁", closed=5, on_time=5)
    e = Tally("e", "戊", received=2, open_overdue=1)
    ranked = ranking([b, e, a, c, d])
    assert [(rank, t.key) for rank, t in ranked] == [(1, "d"), (2, "a"), (3, "c"), (3, "b"), (None, "e")]


def test_the_total_adds_every_figure() -> None:
    summed = total([Tally("a", "甲", received=2, closed=1, on_time=1, handling_seconds=86400),
                    Tally("b", "乙", received=1, closed=1, late=1, open_overdue=2, handling_seconds=3 * 86400)], "合计")  # fmt: skip
    assert (summed.name, summed.received, summed.closed, summed.on_time, summed.late, summed.open_overdue) == (
        "合计", 3, 2, 1, 1, 2)  # fmt: skip
    assert summed.on_time_rate == Decimal("50.0") and summed.average_days == Decimal("2.0")
