"""党章 art. 9: a member who for six months in a row, without good reason, takes no part in branch life,
or pays no dues, or does no assigned work is flagged for the branch to deal with (any one of the three).
Heluo flags; people decide. Pure: no Django, no database.

Months are named by their first day. Only whole months count: those before the month of the given day,
and of those only the ones that began on or after the day the member joined."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

__all__ = ["IDLE_MONTHS", "flagged_kinds", "idle_months", "month_of", "whole_months_before"]

IDLE_MONTHS = 6


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def whole_months_before(day: dt.date, count: int) -> list[dt.date]:
    """The `count` whole months before `day`'s month, latest first."""
    months: list[dt.date] = []
    month = month_of(day)
    for _ in range(count):
        month = (month - dt.timedelta(days=1)).replace(day=1)
        months.append(month)
    return months


def idle_months(active: Iterable[dt.date], joined_on: dt.date, day: dt.date, limit: int = IDLE_MONTHS) -> int:
    """How many whole months in a row, up to `day`, the member had none of an activity (`active`: the
    months with some, any day of them), counted back at most `limit` months and only months that began
    on or after `joined_on`."""
    seen = {month_of(month) for month in active}
    idle = 0
    for month in whole_months_before(day, limit):
        if month < joined_on or month in seen:
            break
        idle += 1
    return idle


def flagged_kinds(active: Mapping[str, Iterable[dt.date]], joined_on: dt.date, day: dt.date) -> list[str]:
    """The kinds of activity (life, dues, work …) the member had none of for six whole months in a row
    up to `day`, in the order given: a member is flagged when the list is not empty."""
    return [kind for kind, months in active.items() if idle_months(months, joined_on, day) >= IDLE_MONTHS]
