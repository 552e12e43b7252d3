"""Whether a militia unit is behind its training hours (按纲抓训). Pure: no Django, no database.

The outline gives hours a year; a unit is held to them pro rata through the year: by a day, the hours
expected are the year's required hours times the share of the year's days elapsed (the day itself
counted), so a unit that trains at an even pace is never behind, and by 31 December all the hours are
due. Pro rata rather than "by the year's end" so that a unit falling behind shows in spring, not in
January of the next year; a unit that trains in a block (a summer camp) shows as behind before it."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Progress:
    required: Decimal  # the year's hours
    expected: Decimal  # hours due by the day
    done: Decimal  # hours held from 1 January to the day

    @property
    def behind_by(self) -> Decimal:
        """Hours short of those due by the day; 0 when on time or ahead."""
        return max(self.expected - self.done, Decimal(0))

    @property
    def behind(self) -> bool:
        return self.behind_by > 0


def expected_hours(required: Decimal, day: dt.date) -> Decimal:
    """The hours due by `day` out of `required` a year, to a tenth of an hour."""
    elapsed = day.timetuple().tm_yday
    length = 366 if calendar.isleap(day.year) else 365
    return (required * elapsed / length).quantize(TENTH, rounding=ROUND_HALF_UP)


def progress(required: Decimal, done: Decimal, day: dt.date) -> Progress:
    """A unit's progress by `day`: the year's required hours, those due by then and those done."""
    return Progress(required=required, expected=expected_hours(required, day), done=done)
