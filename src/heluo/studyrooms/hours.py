"""When a city study room is open. Pure: no Django, no database.

The rule (docs/studyrooms-public.md shows it to citizens' eyes):

- A room's week is a set of periods (weekday 0 = Monday … 6 = Sunday, opens, closes); several a day are
  allowed. A period whose `closes` is at or before its `opens` runs past midnight into the next day:
  Friday 20:00–02:00 is open on Saturday until 02:00 (and opens == closes lasts 24 hours).
- A special day (节假日安排) replaces the periods that begin on its date: closed, or its own hours. A
  special day of the room itself wins over one set for every room of the city on the same date. A period
  of the day before that runs past midnight keeps its end: it belongs to the day it began.
- A 24-hour self-service room (24小时自助) is open at every moment unless a special day closes it, so it
  is open at 03:00 on a holiday that only sets hours. Its desk periods are the service desk's hours,
  which special days replace as they replace a staffed room's: a special day's own hours are the desk's
  hours that day. A room that is not 24-hour has room periods only; desk periods are ignored.
- A special day neither closed nor with both times set replaces nothing (the forms refuse it anyway).
- Answers look `LOOKAHEAD_DAYS` ahead: a room opening later has no next opening (None), an opening
  lasting beyond has no end (None) — which is how a 24-hour room reads while it is open.

Times are wall-clock times of the city's zone, passed in (settings.TIME_ZONE, Asia/Shanghai).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["room", "desk"]
ROOM: Kind = "room"
DESK: Kind = "desk"
# A week and a day: a room closed until the same weekday next week is still found.
LOOKAHEAD_DAYS = 8
MIDNIGHT = dt.time(0, 0)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """One weekly opening: from `opens` to `closes` on `weekday` (past midnight when closes <= opens)."""

    weekday: int
    opens: dt.time
    closes: dt.time
    kind: Kind = ROOM


@dataclass(frozen=True)
class SpecialDay:
    """A date with its own arrangement: closed, or open from `opens` to `closes` instead of the week's."""

    date: dt.date
    closed: bool
    opens: dt.time | None = None
    closes: dt.time | None = None
    every_room: bool = False
    name: str = ""

    @property
    def replaces(self) -> bool:
        return self.closed or (self.opens is not None and self.closes is not None)


@dataclass(frozen=True)
class Hours:
    """One date's hours: its periods (opens, closes), or all day; neither means closed that day."""

    periods: tuple[tuple[dt.time, dt.time], ...] = ()
    all_day: bool = False
    special: str = ""  # the special day's name when one sets this date ("" for an unnamed one too)
    is_special: bool = False

    @property
    def closed(self) -> bool:
        return not self.all_day and not self.periods


@dataclass(frozen=True)
class Status:
    """A room at one moment: open or not, until when or from when, today's hours (and its desk's)."""

    is_open: bool
    until: dt.datetime | None  # open: the end of this opening; None when it lasts past the lookahead
    next_opening: dt.datetime | None  # closed: the next opening within the lookahead, else None
    today: Hours
    desk_today: Hours | None  # a 24-hour room's service desk; None for other rooms


def special_for(date: dt.date, special_days: Iterable[SpecialDay]) -> SpecialDay | None:
    """The special day ruling `date`: the room's own, else the city's, else None."""
    found = [day for day in special_days if day.date == date and day.replaces]
    own = [day for day in found if not day.every_room]
    chosen = own or found
    return chosen[0] if chosen else None


def day_hours(
    periods: Iterable[Period],
    special_days: Iterable[SpecialDay],
    *,
    self_service_24h: bool,
    date: dt.date,
    kind: Kind = ROOM,
) -> Hours:
    """The hours of the room (or of its desk) that begin on `date`."""
    special = special_for(date, special_days)
    name = special.name if special else ""
    if kind == ROOM and self_service_24h:
        closed = special is not None and special.closed
        return Hours(all_day=not closed, special=name, is_special=special is not None)
    if kind == DESK and not self_service_24h:
        return Hours()
    if special is not None:
        if special.closed or special.opens is None or special.closes is None:
            return Hours(special=name, is_special=True)
        return _hours(((special.opens, special.closes),), special=name, is_special=True)
    weekly = sorted((p.opens, p.closes) for p in periods if p.weekday == date.weekday() and p.kind == kind)
    return _hours(tuple(weekly))


def _hours(
    periods: tuple[tuple[dt.time, dt.time], ...], *, special: str = "", is_special: bool = False
) -> Hours:
    # Midnight to midnight is the whole day, written 24小时 rather than 00:00–次日00:00.
    all_day = any(opens == closes == MIDNIGHT for opens, closes in periods)
    return Hours(() if all_day else periods, all_day=all_day, special=special, is_special=is_special)


def week(periods: Iterable[Period], kind: Kind = ROOM) -> tuple[Hours, ...]:
    """The weekly hours of one kind, Monday first, each day's periods sorted by opening time."""
    listed = list(periods)
    return tuple(
        _hours(tuple(sorted((p.opens, p.closes) for p in listed if p.weekday == weekday and p.kind == kind)))
        for weekday in range(7)
    )


def special_days_ahead(special_days: Iterable[SpecialDay], today: dt.date) -> list[SpecialDay]:
    """The special days from `today` on, by date, one per date (the room's own over the city's)."""
    listed = list(special_days)
    dates = sorted({day.date for day in listed if day.date >= today and day.replaces})
    return [day for day in (special_for(date, listed) for date in dates) if day is not None]


def _intervals(
    periods: Sequence[Period],
    special_days: Sequence[SpecialDay],
    *,
    self_service_24h: bool,
    start: dt.date,
    days: int,
    zone: dt.tzinfo,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The room's openings beginning on `days` dates from `start`, touching ones merged."""
    found = []
    for offset in range(days):
        date = start + offset * ONE_DAY
        hours = day_hours(periods, special_days, self_service_24h=self_service_24h, date=date)
        spans = ((MIDNIGHT, MIDNIGHT),) if hours.all_day else hours.periods
        for opens, closes in spans:
            begins = dt.datetime.combine(date, opens, tzinfo=zone)
            ends = dt.datetime.combine(
                date + (ONE_DAY if closes <= opens else dt.timedelta()), closes, tzinfo=zone
            )
            found.append((begins, ends))
    merged: list[tuple[dt.datetime, dt.datetime]] = []
    for begins, ends in sorted(found):
        if merged and begins <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(ends, merged[-1][1]))
        else:
            merged.append((begins, ends))
    return merged


def status(
    periods: Iterable[Period],
    special_days: Iterable[SpecialDay],
    *,
    self_service_24h: bool,
    at: dt.datetime,
    zone: dt.tzinfo,
) -> Status:
    """Open at `at` (an aware datetime) or not, with the times in `zone`."""
    listed_periods = list(periods)
    listed_days = list(special_days)
    local = at.astimezone(zone)
    today = local.date()
    horizon = local + LOOKAHEAD_DAYS * ONE_DAY
    # From yesterday (a period past midnight reaches into today) to the day the lookahead ends.
    intervals = _intervals(
        listed_periods,
        listed_days,
        self_service_24h=self_service_24h,
        start=today - ONE_DAY,
        days=LOOKAHEAD_DAYS + 2,
        zone=zone,
    )
    current = next(((begins, ends) for begins, ends in intervals if begins <= local < ends), None)
    upcoming = next((begins for begins, _ in intervals if local < begins <= horizon), None)
    return Status(
        is_open=current is not None,
        until=current[1] if current is not None and current[1] <= horizon else None,
        next_opening=None if current is not None else upcoming,
        today=day_hours(listed_periods, listed_days, self_service_24h=self_service_24h, date=today),
        desk_today=(
            day_hours(listed_periods, listed_days, self_service_24h=True, date=today, kind=DESK)
            if self_service_24h
            else None
        ),
    )


def hours_text(hours: Hours, *, all_day: str, closed: str, next_day: str) -> str:
    """A date's hours as a line: "08:30–12:00、14:00–21:00", "20:00–次日02:00", or the given words for
    all day and closed (the caller translates them)."""
    if hours.all_day:
        return all_day
    if not hours.periods:
        return closed
    return "、".join(
        f"{opens:%H:%M}–{next_day if closes <= opens else ''}{closes:%H:%M}"
        for opens, closes in hours.periods
    )
