"""A room's state on a past day, read from the days its acts set (开工, 装修, 建成投用, 闭馆), and the months a
cumulative figure counts. Pure: no Django, no database.

The published figures are counted at a day that may lie in the past (the article's 30 June 2019), when a
room closed since was open and one in service today was still being fitted out: its state that day is
the last act dated on or before it. A reopening clears the closing day and keeps the first opening
(heluo.studyrooms.services.move_room): the ledger keeps no days the room was shut, so a reopened room
counts as open from its first opening on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .rules import CLOSED, FITTING_OUT, IN_SERVICE, PLANNED, STARTED


@dataclass(frozen=True)
class Dates:
    """The days a room's acts set; None for an act not made."""

    started_on: dt.date | None = None
    fitting_out_on: dt.date | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None

    @classmethod
    def of(cls, room: Any) -> Dates:
        """The dates of anything that has them by these names (a room)."""
        return cls(room.started_on, room.fitting_out_on, room.opened_on, room.closed_on)


def state_on(dates: Dates, day: dt.date) -> str:
    """The room's state at the end of `day`: its last act dated on or before it, 计划 before any."""
    opened = dates.opened_on is not None and dates.opened_on <= day
    if opened and dates.closed_on is not None and dates.closed_on <= day:
        return CLOSED
    if opened:
        return IN_SERVICE
    if dates.fitting_out_on is not None and dates.fitting_out_on <= day:
        return FITTING_OUT
    if dates.started_on is not None and dates.started_on <= day:
        return STARTED
    return PLANNED


def first_month_not_over(day: dt.date) -> dt.date:
    """The first day of the first month not over at the end of `day`: a figure counted at `day` adds the
    monthly statistics of the months before it (a month's row is complete once the month is)."""
    return (day + dt.timedelta(days=1)).replace(day=1)
