"""The year plan's rules: how far a room is built, whether it is late, and a plan's progress against its
deadline. Pure: no Django, no database.

A room is built once it is in service (建成投用; a room closed later was built all the same) and under
way while its construction or fit-out has started (开工, 装修). A room is late when it is not built and
the day after its deadline has begun: a room due on 31 August is on time all that day. Days left count
from today to the deadline: 0 on the deadline, negative once it has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

PLANNED = "planned"
STARTED = "started"
FITTING_OUT = "fitting_out"
IN_SERVICE = "in_service"
CLOSED = "closed"

BUILT = frozenset({IN_SERVICE, CLOSED})
UNDER_WAY = frozenset({STARTED, FITTING_OUT})
NOT_BUILT = frozenset({PLANNED, STARTED, FITTING_OUT})


def days_left(deadline: dt.date, today: dt.date) -> int:
    """Days from `today` to `deadline`: the countdown, negative once the deadline has passed."""
    return (deadline - today).days


def is_late(state: str, deadline: dt.date | None, today: dt.date) -> bool:
    """Whether a room in `state` is late on `today` against `deadline` (never without a deadline)."""
    return state in NOT_BUILT and deadline is not None and deadline < today


@dataclass(frozen=True)
class Progress:
    """A county's plan on one day: rooms planned, built, under way, not started (planned rooms not yet
    under way or built, including rooms not yet in the ledger), late, and the days left."""

    planned: int
    built: int
    under_way: int
    not_started: int
    late: int
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def plan_progress(
    planned: int, rooms: Iterable[tuple[str, dt.date | None]], deadline: dt.date, today: dt.date
) -> Progress:
    """The progress of a plan of `planned` rooms whose rooms are given as (state, own deadline or None:
    the plan's) on `today`. More rooms in the ledger than planned count as they are; none is negative."""
    built = under_way = late = 0
    for state, own_deadline in rooms:
        built += state in BUILT
        under_way += state in UNDER_WAY
        late += is_late(state, own_deadline or deadline, today)
    return Progress(
        planned=planned,
        built=built,
        under_way=under_way,
        not_started=max(planned - built - under_way, 0),
        late=late,
        days_left=days_left(deadline, today),
    )
