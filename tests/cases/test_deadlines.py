"""Working-day deadlines on China's official calendar (pure: heluo.cases.deadlines), rule by rule as
docs/cases.md states them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from heluo.cases.deadlines import (
    Calendar,
    Progress,
    add_workdays,
    deadline_at,
    due_date_for,
    next_offset,
    next_workday,
    official_calendar,
    plan,
    resumed_due_date,
    schedule,
    workdays_between,
)

D = dt.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return official_calendar()


def test_the_library_knows_2026_and_its_make_up_saturdays(calendar: Calendar) -> None:
    assert calendar.knows(2026)
    assert calendar.is_workday(D(2026, 2, 14)) and D(2026, 2, 14).weekday() == 5  # 春节调休 Saturday
    assert calendar.is_workday(D(2026, 10, 10)) and D(2026, 10, 10).weekday() == 5  # 国庆调休 Saturday
    assert not calendar.is_workday(D(2026, 10, 1)) and not calendar.is_workday(D(2026, 2, 17))


def test_the_day_of_assignment_does_not_count(calendar: Calendar) -> None:
    # Assigned on Monday 2026-11-23: one working day is Tuesday (Civil Code art. 201).
    assert add_workdays(calendar, D(2026, 11, 23), 1).day == D(2026, 11, 24)
    assert add_workdays(calendar, D(2026, 11, 23), 5).day == D(2026, 11, 30)  # over the weekend


def test_national_day_holidays_do_not_count_and_a_make_up_saturday_does(calendar: Calendar) -> None:
    # Assigned 2026-09-30; 1–7 October off; Thu 8, Fri 9 and Saturday 10 (调休) are the three days.
    counted = add_workdays(calendar, D(2026, 9, 30), 3)
    assert counted.day == D(2026, 10, 10) and not counted.unknown_years


def test_spring_festival_with_its_make_up_saturday(calendar: Calendar) -> None:
    # Assigned Thursday 2026-02-12: Fri 13, then Saturday 14 is a working day (调休) …
    assert add_workdays(calendar, D(2026, 2, 12), 2).day == D(2026, 2, 14)
    # … then 15–23 February are off: the third working day is Tuesday the 24th.
    assert add_workdays(calendar, D(2026, 2, 12), 3).day == D(2026, 2, 24)


def test_a_due_date_on_a_day_off_moves_to_the_next_working_day(calendar: Calendar) -> None:
    # Civil Code art. 203: a period ending on a statutory holiday ends the day after the holiday.
    assert due_date_for(calendar, D(2026, 9, 28), date=D(2026, 10, 3)).day == D(2026, 10, 8)
    assert next_workday(calendar, D(2026, 11, 25)).day == D(2026, 11, 25)


def test_a_year_the_calendar_does_not_know_counts_weekdays_and_says_so(calendar: Calendar) -> None:
    counted = add_workdays(calendar, D(2030, 12, 31), 1)
    # 1 January would be a holiday, but 2031's schedule is unknown: it counts as a weekday.
    assert counted.day == D(2031, 1, 1)
    assert counted.unknown_years == {2031}


def test_the_city_corrects_the_calendar_and_the_year_becomes_known(calendar: Calendar) -> None:
    corrected = calendar.corrected({D(2031, 1, 1): False, D(2026, 11, 28): True})
    counted = add_workdays(corrected, D(2030, 12, 31), 1)
    assert counted.day == D(2031, 1, 2) and not counted.unknown_years
    assert corrected.is_workday(D(2026, 11, 28))  # a Saturday the city made a working day


def test_a_deadline_ends_at_midnight_unless_the_office_closes_earlier() -> None:
    assert deadline_at(D(2026, 11, 30), SHANGHAI) == dt.datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI)
    assert deadline_at(D(2026, 11, 30), SHANGHAI, dt.time(17, 30)) == dt.datetime(
        2026, 11, 30, 17, 30, tzinfo=SHANGHAI
    )


def test_a_suspension_stops_the_clock(calendar: Calendar) -> None:
    # Due Friday 27 November; suspended Monday 23rd with four working days left (Tue–Fri); resumed
    # Wednesday 25th: the four days run Thu 26, Fri 27, Mon 30, Tue 1 December.
    assert workdays_between(calendar, D(2026, 11, 23), D(2026, 11, 27)) == 4
    assert resumed_due_date(calendar, D(2026, 11, 27), D(2026, 11, 23), D(2026, 11, 25)).day == D(2026, 12, 1)


def test_a_suspension_resumed_the_same_day_changes_nothing(calendar: Calendar) -> None:
    assert resumed_due_date(calendar, D(2026, 11, 27), D(2026, 11, 23), D(2026, 11, 23)).day == D(
        2026, 11, 27
    )


def test_a_suspension_does_not_cure_lateness(calendar: Calendar) -> None:
    assert resumed_due_date(calendar, D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 30)).day == D(
        2026, 11, 20
    )


def test_bad_periods_are_refused(calendar: Calendar) -> None:
    with pytest.raises(ValueError):
        add_workdays(calendar, D(2026, 11, 23), 0)
    with pytest.raises(ValueError):
        due_date_for(calendar, D(2026, 11, 23), date=D(2026, 11, 23))
    with pytest.raises(ValueError):
        due_date_for(calendar, D(2026, 11, 23))


STEPS = schedule([3, 1], leader_after_days=1, superior_after_days=3)
DUE = dt.datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI)


def test_the_schedule_reminds_then_marks_overdue_then_escalates_twice() -> None:
    assert [(s.kind, s.offset.days) for s in STEPS] == [
        ("remind", -3), ("remind", -1), ("overdue", 0), ("leader", 1), ("superior", 3)]  # fmt: skip
    assert next_offset(STEPS, Progress(0, None)) == -dt.timedelta(days=3)


def test_a_step_is_done_once() -> None:
    first = plan(STEPS, DUE, DUE - dt.timedelta(days=2), Progress(0, None))
    assert [s.kind for s in first.acts] == ["remind"] and first.progress == Progress(0, 3)
    assert first.next_offset == -dt.timedelta(days=1)
    again = plan(STEPS, DUE, DUE - dt.timedelta(days=2), first.progress)
    assert again.acts == () and again.progress == first.progress


def test_after_an_outage_every_missed_escalation_is_done_and_stale_reminders_are_dropped() -> None:
    caught_up = plan(STEPS, DUE, DUE + dt.timedelta(days=3, hours=1), Progress(0, None))
    assert [s.kind for s in caught_up.acts] == ["overdue", "leader", "superior"]
    assert caught_up.progress == Progress(3, 1) and caught_up.next_offset is None


def test_of_two_missed_reminders_only_the_latest_is_sent() -> None:
    late = plan(STEPS, DUE, DUE - dt.timedelta(hours=2), Progress(0, None))
    assert [(s.kind, s.days) for s in late.acts] == [("remind", 1)]
    assert late.next_offset == dt.timedelta(0)
