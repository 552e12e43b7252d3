"""Pure: no Django, no database. One count of 按日连续处罚 (大气污染防治法 art. 123; the 2014 按日连续处罚
rules).

The count runs from the day after the order to correct is served. Every re-inspection that finds the
breach again extends the same count to its own date; the days are the last such re-inspection's date
minus the service date (the day after service through the re-inspection day, leap days counted) and the
total is those days times the daily amount, which is the original fine. A verified correction, or a
stop-work that ends the breach, ends the count on its date: a breach found after that is a new breach
and needs a new order, so it cannot extend this count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


class PenaltyError(ValueError):
    """A count the rule refuses: `code` says why (the caller words it), `day` is the offending date and
    `other` the date it had to follow."""

    def __init__(self, code: str, day: dt.date, other: dt.date) -> None:
        super().__init__(f"{code}: {day.isoformat()} (after {other.isoformat()})")
        self.code = code
        self.day = day
        self.other = other


# Why a count is refused.
NOT_AFTER_SERVICE = "not_after_service"
OUT_OF_ORDER = "out_of_order"
AFTER_END = "after_end"
NOT_POSITIVE = "not_positive"


@dataclass(frozen=True)
class Count:
    days: int
    total: Decimal


def penalty_count(served: dt.date, rechecked: Sequence[dt.date], daily: Decimal,
                  *, ended_on: dt.date | None = None) -> Count:  # fmt: skip
    """The days and total of one count from the order's service date, the dates of the re-inspections
    that found the breach (in the order they were made) and the daily amount.

    No finding yet: 0 days, 0 元. Raises PenaltyError for a daily amount not above zero, a re-inspection
    on or before the service date, one on or before the previous one, or one after the count ended.
    """
    if daily <= 0:
        raise PenaltyError(NOT_POSITIVE, served, served)
    if ended_on is not None and ended_on < served:
        raise PenaltyError(NOT_AFTER_SERVICE, ended_on, served)
    previous = served
    for day in rechecked:
        if day <= served:
            raise PenaltyError(NOT_AFTER_SERVICE, day, served)
        if day <= previous:
            raise PenaltyError(OUT_OF_ORDER, day, previous)
        if ended_on is not None and day > ended_on:
            raise PenaltyError(AFTER_END, day, ended_on)
        previous = day
    days = (previous - served).days
    return Count(days=days, total=daily * days)
