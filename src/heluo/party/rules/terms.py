"""Terms of party committees (换届) and the validity of transfer letters. Pure: no Django, no database.

A committee's term ends `years` after it began (5 for rural and community organisations, 3 for the
others: the TermLength rows); a transfer letter lapses 3 months after it was issued, 6 across provinces
(the day it lapses is no longer valid)."""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "LETTER_MONTHS",
    "LETTER_MONTHS_ACROSS_PROVINCES",
    "add_months",
    "letter_lapses_on",
    "term_ends_on",
]

LETTER_MONTHS = 3
LETTER_MONTHS_ACROSS_PROVINCES = 6


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day where that month is shorter (31 Aug + 6 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def letter_lapses_on(issued_on: dt.date, *, across_provinces: bool) -> dt.date:
    """The first day a transfer letter is no longer valid."""
    return add_months(issued_on, LETTER_MONTHS_ACROSS_PROVINCES if across_provinces else LETTER_MONTHS)


def term_ends_on(started_on: dt.date, years: int) -> dt.date:
    """The day a committee's term ends: `years` after it began (29 Feb → 28 Feb)."""
    return add_months(started_on, 12 * years)


PROBATION_YEARS = 1


def probation_ends_on(joined_on: dt.date) -> dt.date:
    """The first day a probationary member may be confirmed: a year after admission (党章 art. 7)."""
    return add_months(joined_on, 12 * PROBATION_YEARS)
