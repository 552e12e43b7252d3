"""Statistics arithmetic for supervision. Pure: no Django, no database (the rules are in docs/cases.md).

For a period [start, end):
- received: cases assigned in the period;
- closed: cases closed in the period, each exactly one of on time (the reply the closing accepted
  was submitted by the original deadline), on time (extended) (after the original deadline but within
  an approved extension) and late — the supervisor's time to verify is not the unit's;
- on-time rate: on time ÷ closed (on time (extended) is not on time);
- open overdue: cases assigned before the end, still open at the end, whose deadline had passed
  without a reply submitted in time — reported beside the rate, never folded into it;
- average handling days: calendar days from assignment to closing, over the cases closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Outcome = Literal["on_time", "on_time_extended", "late"]
SECONDS_PER_DAY = Decimal(86400)


def outcome(replied_at: dt.datetime, original_due: dt.datetime, due: dt.datetime) -> Outcome:
    """How a closed case counts, by when its accepted reply came: by the original deadline, then by
    the extended one."""
    if replied_at <= original_due:
        return "on_time"
    if replied_at <= due:
        return "on_time_extended"
    return "late"


@dataclass(frozen=True)
class Tally:
    """The figures of one unit or division for a period."""

    key: str
    name: str
    received: int = 0
    closed: int = 0
    on_time: int = 0
    on_time_extended: int = 0
    late: int = 0
    open_overdue: int = 0
    handling_seconds: float = 0.0

    @property
    def on_time_rate(self) -> Decimal | None:
        """Percent with one decimal, or None when nothing was closed (shown as —, never as 0 %)."""
        if not self.closed:
            return None
        return (Decimal(100 * self.on_time) / Decimal(self.closed)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def average_days(self) -> Decimal | None:
        if not self.closed:
            return None
        days = Decimal(str(self.handling_seconds)) / SECONDS_PER_DAY / Decimal(self.closed)
        return days.quantize(Decimal("0.1"), ROUND_HALF_UP)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            key=self.key,
            name=self.name,
            received=self.received + other.received,
            closed=self.closed + other.closed,
            on_time=self.on_time + other.on_time,
            on_time_extended=self.on_time_extended + other.on_time_extended,
            late=self.late + other.late,
            open_overdue=self.open_overdue + other.open_overdue,
            handling_seconds=self.handling_seconds + other.handling_seconds,
        )


def total(tallies: Iterable[Tally], name: str) -> Tally:
    result = Tally(key="", name=name)
    for tally in tallies:
        result = result + tally
    return Tally(**{**result.__dict__, "name": name})


def ranking(tallies: Iterable[Tally]) -> list[tuple[int | None, Tally]]:
    """Tallies best first: by on-time rate, then more closed, then fewer open overdue; those that
    closed nothing come last, unranked. Equal figures share a rank (1, 2, 2, 4)."""
    rated = [t for t in tallies if t.closed]
    unrated = [t for t in tallies if not t.closed]

    def figures(t: Tally) -> tuple[Decimal, int, int]:
        return (t.on_time_rate or Decimal(0), t.closed, -t.open_overdue)

    rated.sort(key=lambda t: (-figures(t)[0], -t.closed, t.open_overdue, t.name))
    result: list[tuple[int | None, Tally]] = []
    for index, tally in enumerate(rated):
        same = index and figures(rated[index - 1]) == figures(tally)
        result.append((result[-1][0] if same else index + 1, tally))
    unrated.sort(key=lambda t: (-t.open_overdue, -t.received, t.name))
    return result + [(None, t) for t in unrated]
