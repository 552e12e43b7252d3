"""Deadline arithmetic on China's official calendar. Pure: no Django, no database (docs/cases.md).

- A working day (工作日) is a weekday that is not an official day off, or a weekend day made a working
  day (调休). The official days come from the `chinese-calendar` library plus the city's corrections;
  for a year neither knows, weekdays count and the year is reported so the caller can warn.
- Periods are counted as the Civil Code counts them (民法典 art. 201): the day of assignment does not
  count; the period starts the next day. Art. 203: a last day that is a day off moves to the next
  working day, and the period ends at 24:00 of its last day, or at the close of office hours where
  the office has them.
- A suspension stops the clock: the working days left at the suspension are counted again from the
  day it is resumed.
- The supervision schedule (reminders before, overdue notice at and escalations after the deadline)
  is a list of steps at fixed offsets from the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Calendar:
    """Official days off and make-up working days, for the years it knows."""

    days_off: frozenset[dt.date] = frozenset()
    make_up_days: frozenset[dt.date] = frozenset()
    known_years: frozenset[int] = frozenset()

    def knows(self, year: int) -> bool:
        return year in self.known_years

    def is_workday(self, day: dt.date) -> bool:
        if day in self.make_up_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5

    def corrected(self, overrides: Mapping[dt.date, bool]) -> Calendar:
        """This calendar with the city's corrections (date → is a working day); their years become known."""
        days_off = set(self.days_off)
        make_up = set(self.make_up_days)
        for day, is_workday in overrides.items():
            (make_up if is_workday else days_off).add(day)
            (days_off if is_workday else make_up).discard(day)
        years = self.known_years | {day.year for day in overrides}
        return Calendar(frozenset(days_off), frozenset(make_up), frozenset(years))


def official_calendar() -> Calendar:
    """China's calendar as the `chinese-calendar` library publishes it (years it has the State
    Council's notice for). A year it lacks is simply unknown here; nothing fails."""
    import chinese_calendar

    days_off = frozenset(chinese_calendar.constants.holidays)
    make_up = frozenset(chinese_calendar.constants.workdays)
    years = frozenset(day.year for day in days_off | make_up)
    return Calendar(days_off, make_up, years)


@dataclass(frozen=True)
class Counted:
    """A day reached by counting, and the years counted without knowing their holidays."""

    day: dt.date
    unknown_years: frozenset[int] = field(default_factory=frozenset)


def next_workday(calendar: Calendar, day: dt.date) -> Counted:
    """`day` itself if it is a working day, else the first working day after it (art. 203)."""
    unknown = set()
    while True:
        if not calendar.knows(day.year):
            unknown.add(day.year)
        if calendar.is_workday(day):
            return Counted(day, frozenset(unknown))
        day += ONE_DAY


def add_workdays(calendar: Calendar, start: dt.date, days: int) -> Counted:
    """The last day of a period of `days` working days that starts the day after `start` (art. 201)."""
    if days < 1:
        raise ValueError("a period has at least one working day")
    unknown = set()
    day, left = start, days
    while left:
        day += ONE_DAY
        if not calendar.knows(day.year):
            unknown.add(day.year)
        if calendar.is_workday(day):
            left -= 1
    return Counted(day, frozenset(unknown))


def workdays_between(calendar: Calendar, after: dt.date, until: dt.date) -> int:
    """Working days d with after < d <= until (0 when until is not after `after`)."""
    count, day = 0, after
    while day < until:
        day += ONE_DAY
        if calendar.is_workday(day):
            count += 1
    return count


def due_date_for(calendar: Calendar, assigned: dt.date, *, days: int | None = None,
                 date: dt.date | None = None) -> Counted:  # fmt: skip
    """The last day of a deadline given as N working days or as a date (moved off a day off)."""
    if (days is None) == (date is None):
        raise ValueError("give either a number of working days or a date")
    if days is not None:
        return add_workdays(calendar, assigned, days)
    assert date is not None
    if date <= assigned:
        raise ValueError("the due date must come after the day of assignment")
    return next_workday(calendar, date)


def deadline_at(last_day: dt.date, zone: dt.tzinfo, office_close: dt.time | None = None) -> dt.datetime:
    """The moment a period whose last day is `last_day` ends: 24:00 of that day (00:00 of the next),
    or the close of office hours when the office has them (art. 203)."""
    if office_close is None:
        return dt.datetime.combine(last_day + ONE_DAY, dt.time(0, 0), tzinfo=zone)
    return dt.datetime.combine(last_day, office_close, tzinfo=zone)


def resumed_due_date(calendar: Calendar, due: dt.date, suspended_on: dt.date, resumed_on: dt.date) -> Counted:
    """The last day after a suspension: the working days left on the day of suspension (after it, up
    to the last day) are counted again from the day of resumption. A case suspended when no working
    day was left keeps its last day: a suspension does not cure lateness."""
    left = workdays_between(calendar, suspended_on, due)
    if left <= 0 or resumed_on <= suspended_on:
        return Counted(due)
    return add_workdays(calendar, resumed_on, left)


# --- the supervision schedule ----------------------------------------------------------------

StepKind = Literal["remind", "overdue", "leader", "superior"]
# Escalation levels reached by each step (the model's Escalation values).
LEVEL_OF: dict[str, int] = {"overdue": 1, "leader": 2, "superior": 3}


@dataclass(frozen=True)
class Step:
    kind: StepKind
    offset: dt.timedelta  # from the deadline: negative before it
    days: int = 0  # a reminder's days before the deadline


def schedule(remind_days: Iterable[int], leader_after_days: int, superior_after_days: int) -> list[Step]:
    """The steps of supervision in time order: reminders, the overdue notice, the two escalations."""
    reminders = sorted({d for d in remind_days if d > 0}, reverse=True)
    steps = [Step("remind", -dt.timedelta(days=d), d) for d in reminders]
    steps.append(Step("overdue", dt.timedelta(0)))
    steps.append(Step("leader", dt.timedelta(days=max(leader_after_days, 0))))
    steps.append(Step("superior", dt.timedelta(days=max(superior_after_days, leader_after_days, 0))))
    return steps


@dataclass(frozen=True)
class Progress:
    """Where a case stands in its schedule: its escalation level and the last reminder sent."""

    level: int
    reminded_days: int | None


def _done(step: Step, progress: Progress) -> bool:
    if step.kind == "remind":
        return progress.level > 0 or (
            progress.reminded_days is not None and step.days >= progress.reminded_days
        )
    return progress.level >= LEVEL_OF[step.kind]


@dataclass(frozen=True)
class Plan:
    """What a scan does to one case now: the acts, where the case then stands, and its next step."""

    acts: tuple[Step, ...]
    progress: Progress
    next_offset: dt.timedelta | None  # from the deadline; None: nothing more to do


def plan(steps: Sequence[Step], due: dt.datetime, now: dt.datetime, progress: Progress) -> Plan:
    """The acts due at `now` for a case at `progress`. Catching up after downtime, every missed
    escalation is done in order, but a reminder is sent only if no later step is due too (a case
    already overdue gets no "due in 3 days")."""
    pending = [s for s in steps if not _done(s, progress)]
    due_steps = [s for s in pending if due + s.offset <= now]
    later = [s for s in pending if due + s.offset > now]
    acts = [s for s in due_steps if s.kind != "remind"]
    reminders = [s for s in due_steps if s.kind == "remind"]
    if reminders and not acts:
        acts = [reminders[-1]]
    level, reminded = progress.level, progress.reminded_days
    for step in due_steps:
        if step.kind == "remind":
            reminded = step.days if reminded is None else min(reminded, step.days)
        else:
            level = max(level, LEVEL_OF[step.kind])
    return Plan(tuple(acts), Progress(level, reminded), later[0].offset if later else None)


def next_offset(steps: Sequence[Step], progress: Progress) -> dt.timedelta | None:
    """The offset of the first step not yet done (for a case whose deadline was just set)."""
    for step in steps:
        if not _done(step, progress):
            return step.offset
    return None


# States (cases.models.State values) in which no deadline runs against the unit.
STOPPED_STATES = frozenset({"suspended", "cancelled"})


def overdue_at(
    at: dt.datetime,
    *,
    state: str,
    assigned_at: dt.datetime | None,
    due_at: dt.datetime | None,
    replied_at: dt.datetime | None,
    closed_at: dt.datetime | None,
) -> bool:
    """Whether a case is overdue at `at`: assigned before it, past its deadline then, not closed by then,
    neither suspended nor cancelled, and no reply submitted by the deadline. The one rule; cases.models'
    `overdue_q` says the same as a database condition."""
    if assigned_at is None or due_at is None or state in STOPPED_STATES:
        return False
    return (
        assigned_at < at
        and due_at < at
        and (closed_at is None or closed_at >= at)
        and (replied_at is None or replied_at > due_at)
    )
