"""Required meetings period by period over a hand-made year: held, over, missed, make-ups."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.party.rules import compliance as c

D = dt.date
MEMBER = c.Requirement("member_meeting", c.QUARTERLY)
COMMITTEE = c.Requirement("committee_meeting", c.MONTHLY)


@pytest.mark.parametrize(
    ("frequency", "day", "start", "end"),
    [
        (c.MONTHLY, D(2026, 2, 14), D(2026, 2, 1), D(2026, 2, 28)),
        (c.MONTHLY, D(2028, 2, 29), D(2028, 2, 1), D(2028, 2, 29)),
        (c.QUARTERLY, D(2026, 3, 31), D(2026, 1, 1), D(2026, 3, 31)),
        (c.QUARTERLY, D(2026, 4, 1), D(2026, 4, 1), D(2026, 6, 30)),
        (c.QUARTERLY, D(2026, 12, 31), D(2026, 10, 1), D(2026, 12, 31)),
        (c.HALF_YEARLY, D(2026, 6, 30), D(2026, 1, 1), D(2026, 6, 30)),
        (c.HALF_YEARLY, D(2026, 7, 1), D(2026, 7, 1), D(2026, 12, 31)),
        (c.YEARLY, D(2026, 7, 1), D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_periods_follow_the_calendar(frequency: str, day: dt.date, start: dt.date, end: dt.date) -> None:
    assert c.period_of(frequency, day) == (start, end)


def test_periods_over_a_range_of_months_include_those_overlapping_it() -> None:
    assert c.periods(c.QUARTERLY, D(2026, 2, 1), D(2026, 7, 1)) == [
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 9, 30)),
    ]
    assert len(c.periods(c.MONTHLY, D(2026, 1, 1), D(2026, 12, 1))) == 12
    assert c.periods(c.MONTHLY, D(2026, 5, 1), D(2026, 4, 1)) == []


# A hand-made year: committee meetings every month but May (one make-up on 2 June, two in June in all);
# member meetings in Q1 (31 March), Q2 none, Q3 (1 July, plus a make-up for Q2 on 2 July), Q4 not yet.
HELD = [
    *[("committee_meeting", D(2026, month, 10)) for month in (1, 2, 3, 4, 6, 7, 8, 9, 10, 11)],
    ("committee_meeting", D(2026, 6, 2)),
    ("member_meeting", D(2026, 3, 31)),
    ("member_meeting", D(2026, 7, 1)),
    ("member_meeting", D(2026, 7, 2)),
    ("group_meeting", D(2026, 5, 5)),  # not a committee meeting: does not count for May
]
TODAY = D(2026, 12, 6)


def test_a_hand_made_year_misses_may_and_the_second_quarter_only() -> None:
    statuses = c.compliance([MEMBER, COMMITTEE], HELD, D(2026, 1, 1), D(2026, 12, 1), TODAY)
    member = [s for s in statuses if s.kind == "member_meeting"]
    assert [(s.start.month, s.held, s.over, s.missed) for s in member] == [
        (1, 1, True, False),
        (4, 0, True, True),  # the make-up on 2 July counts for the third quarter, not the second
        (7, 2, True, False),
        (10, 0, False, False),  # the quarter is not over: not missed yet
    ]
    committee = {s.start.month: s for s in statuses if s.kind == "committee_meeting"}
    assert committee[5].missed and committee[5].held == 0
    assert committee[6].held == 2 and not committee[6].missed
    assert not committee[11].missed
    assert committee[12].held == 0 and not committee[12].over and not committee[12].missed
    assert [(s.kind, s.start) for s in c.missed(statuses)] == [
        ("member_meeting", D(2026, 4, 1)),
        ("committee_meeting", D(2026, 5, 1)),
    ]
    # over: 3 quarters (2 met) and 11 months (10 met)
    assert c.share_held(statuses) == (12, 14)


def test_a_period_is_over_only_after_its_last_day() -> None:
    on_last_day = c.compliance([COMMITTEE], [], D(2026, 5, 1), D(2026, 5, 1), D(2026, 5, 31))
    day_after = c.compliance([COMMITTEE], [], D(2026, 5, 1), D(2026, 5, 1), D(2026, 6, 1))
    assert not on_last_day[0].missed
    assert day_after[0].missed


def test_a_requirement_of_two_a_period_needs_both() -> None:
    twice = c.Requirement("theme_day", c.MONTHLY, count=2)
    one = c.compliance([twice], [("theme_day", D(2026, 3, 5))], D(2026, 3, 1), D(2026, 3, 1), TODAY)
    assert one[0].required == 2 and one[0].missed


def test_periods_begun_before_the_branch_existed_are_not_required() -> None:
    statuses = c.compliance(
        [MEMBER, COMMITTEE], [], D(2026, 1, 1), D(2026, 6, 1), TODAY, since=D(2026, 2, 15)
    )
    assert [(s.kind, s.start.month) for s in statuses] == [
        ("member_meeting", 4),
        *[("committee_meeting", month) for month in (3, 4, 5, 6)],
    ]


def test_an_unknown_frequency_is_refused() -> None:
    with pytest.raises(ValueError):
        c.Requirement("member_meeting", "weekly")
