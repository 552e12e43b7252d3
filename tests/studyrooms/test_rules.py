"""The year plan's pure rules on hand-computed tables: days left, late or not, a plan's progress."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.studyrooms import rules
from heluo.studyrooms.models import RoomState

DEADLINE = dt.date(2019, 8, 31)


@pytest.mark.parametrize(
    ("today", "left"),
    [
        (dt.date(2019, 6, 30), 62),  # the article's day: July 31 days + August 31 days
        (dt.date(2019, 8, 30), 1),
        (dt.date(2019, 8, 31), 0),
        (dt.date(2019, 9, 1), -1),
        (dt.date(2020, 8, 31), -366),  # 2020 is a leap year
    ],
)
def test_days_left_count_down_to_the_deadline_and_go_negative_after_it(today: dt.date, left: int) -> None:
    assert rules.days_left(DEADLINE, today) == left


@pytest.mark.parametrize(
    ("state", "deadline", "today", "late"),
    [
        (rules.PLANNED, DEADLINE, dt.date(2019, 8, 31), False),  # due today: on time all day
        (rules.PLANNED, DEADLINE, dt.date(2019, 9, 1), True),
        (rules.STARTED, DEADLINE, dt.date(2019, 9, 1), True),
        (rules.FITTING_OUT, DEADLINE, dt.date(2019, 12, 1), True),
        (rules.IN_SERVICE, DEADLINE, dt.date(2019, 9, 1), False),
        (rules.CLOSED, DEADLINE, dt.date(2019, 9, 1), False),  # it was built
        (rules.PLANNED, None, dt.date(2030, 1, 1), False),  # no deadline, never late
    ],
)
def test_a_room_is_late_only_when_not_built_after_its_deadline(
    state: str, deadline: dt.date | None, today: dt.date, late: bool
) -> None:
    assert rules.is_late(state, deadline, today) is late


def test_a_plans_progress_counts_built_under_way_not_started_and_late() -> None:
    own = dt.date(2019, 6, 1)
    rooms = [
        (rules.IN_SERVICE, None),
        (rules.CLOSED, None),
        (rules.STARTED, None),
        (rules.FITTING_OUT, own),  # its own date has passed: late on 30 June
        (rules.PLANNED, own),  # likewise
        (rules.PLANNED, None),
    ]
    progress = rules.plan_progress(10, rooms, DEADLINE, dt.date(2019, 6, 30))
    # 10 planned − 2 built − 2 under way = 6 not started (one in the ledger, five not yet).
    assert progress == rules.Progress(planned=10, built=2, under_way=2, not_started=6, late=2, days_left=62)
    assert not progress.overdue


def test_more_rooms_than_planned_leave_none_not_started() -> None:
    rooms = [(rules.IN_SERVICE, None)] * 3 + [(rules.STARTED, None)]
    progress = rules.plan_progress(2, rooms, DEADLINE, dt.date(2019, 9, 2))
    assert (progress.built, progress.under_way, progress.not_started, progress.late) == (3, 1, 0, 1)
    assert progress.days_left == -2 and progress.overdue


def test_the_rooms_states_are_the_rules_states() -> None:
    assert set(RoomState.values) == rules.BUILT | rules.NOT_BUILT
