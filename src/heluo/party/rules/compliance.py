"""Which required meetings (三会一课, 主题党日) a branch held, period by period. Pure: no Django, no database.

A requirement is data: (kind, frequency, count per period) — e.g. 支部党员大会 quarterly once, 支委会
monthly once. Periods follow the calendar: months; quarters from January, April, July and October;
halves from January and July; years. A meeting counts for the period in which it was held, whatever
period its minutes say it makes up for: a make-up meeting in April does not fill the first quarter. A
period is missed once it is over (its last day before today) with fewer meetings than required; the
current period is never missed yet. Periods that began before the branch existed (`since`) are not
required of it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MONTHLY = "monthly"
QUARTERLY = "quarterly"
HALF_YEARLY = "half_yearly"
YEARLY = "yearly"

MONTHS_PER_PERIOD = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12}


@dataclass(frozen=True)
class Requirement:
    """`count` meetings of `kind` in every period of `frequency`."""

    kind: str
    frequency: str
    count: int = 1

    def __post_init__(self) -> None:
        if self.frequency not in MONTHS_PER_PERIOD:
            raise ValueError(f"unknown frequency {self.frequency!r}")
        if self.count < 1:
            raise ValueError("a requirement asks for at least one meeting a period")


@dataclass(frozen=True)
class PeriodStatus:
    """One required period of one kind: its first and last day, meetings required and held, whether it
    is over on the day asked and, if so, whether it was missed."""

    kind: str
    frequency: str
    start: dt.date
    end: dt.date
    required: int
    held: int
    over: bool

    @property
    def met(self) -> bool:
        return self.held >= self.required

    @property
    def missed(self) -> bool:
        return self.over and not self.met


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_of(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the period of `frequency` that holds `day`."""
    length = MONTHS_PER_PERIOD[frequency]
    start = dt.date(day.year, (day.month - 1) // length * length + 1, 1)
    return start, add_months(start, length) - dt.timedelta(days=1)


def periods(frequency: str, first_month: dt.date, last_month: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The periods of `frequency` that overlap the months from `first_month` to `last_month`."""
    if last_month < first_month:
        return []
    result = []
    start, end = period_of(frequency, first_month)
    while start <= last_month:
        result.append((start, end))
        start, end = period_of(frequency, end + dt.timedelta(days=1))
    return result


def compliance(
    requirements: Sequence[Requirement],
    held: Iterable[tuple[str, dt.date]],
    first_month: dt.date,
    last_month: dt.date,
    today: dt.date,
    since: dt.date | None = None,
) -> list[PeriodStatus]:
    """Every required period of every requirement over the months from `first_month` to `last_month`,
    with the meetings held in it (`held` gives (kind, day held) of the meetings that count), in the
    order of the requirements and then of time."""
    meetings = list(held)
    result = []
    for requirement in requirements:
        for start, end in periods(requirement.frequency, first_month, last_month):
            if since is not None and start < since:
                continue
            count = Counter(
                kind for kind, day in meetings if kind == requirement.kind and start <= day <= end
            )
            result.append(
                PeriodStatus(
                    kind=requirement.kind,
                    frequency=requirement.frequency,
                    start=start,
                    end=end,
                    required=requirement.count,
                    held=count[requirement.kind],
                    over=end < today,
                )
            )
    return result


def missed(statuses: Iterable[PeriodStatus]) -> list[PeriodStatus]:
    """The periods that are over and were not met."""
    return [status for status in statuses if status.missed]


def share_held(statuses: Iterable[PeriodStatus]) -> tuple[int, int]:
    """Over the periods that are over: (periods met, periods required)."""
    over = [status for status in statuses if status.over]
    return sum(1 for status in over if status.met), len(over)
