"""The plan-against-reality rules of a major project's plan table. Pure: no Django, no database.

A milestone is done on time when done by its planned date, done late when done after it, slipped when
its planned date has passed and it is not done (the case of "一抓到底"), and pending before then. Its bars
on the Gantt-style chart run from the previous milestone's date (or the project's start) to its own: the
planned bar to the planned date, the actual bar to the day it was done, or to today while it is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class MilestoneState(StrEnum):
    PENDING = "pending"
    ON_TIME = "on_time"
    LATE = "late"
    SLIPPED = "slipped"


def milestone_state(planned: dt.date, actual: dt.date | None, today: dt.date) -> MilestoneState:
    """A milestone's state on `today` (a milestone due today is not slipped before the day is over)."""
    if actual is not None:
        return MilestoneState.ON_TIME if actual <= planned else MilestoneState.LATE
    return MilestoneState.SLIPPED if planned < today else MilestoneState.PENDING


@dataclass(frozen=True)
class PlanLine:
    """What the chart needs of one milestone, in the plan's order."""

    title: str
    planned: dt.date
    actual: dt.date | None = None


@dataclass(frozen=True)
class Bar:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class GanttRow:
    title: str
    planned: Bar
    # None while not done and not yet begun in reality (its planned start still ahead).
    actual: Bar | None
    state: MilestoneState
    # The actual bar runs on to today: the milestone is not done yet.
    running: bool


def gantt_rows(start: dt.date, lines: Sequence[PlanLine], today: dt.date) -> list[GanttRow]:
    """The planned and actual bar of each milestone, from the project's `start` (see the docstring)."""
    rows = []
    planned_from = actual_from = start
    for line in lines:
        state = milestone_state(line.planned, line.actual, today)
        planned = Bar(min(planned_from, line.planned), line.planned)
        if line.actual is not None:
            actual: Bar | None = Bar(min(actual_from, line.actual), line.actual)
        else:
            actual = Bar(actual_from, today) if actual_from < today else None
        rows.append(GanttRow(line.title, planned, actual, state, running=line.actual is None))
        planned_from = line.planned
        if line.actual is not None:
            actual_from = line.actual
    return rows
