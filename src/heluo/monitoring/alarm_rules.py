"""Alarm rules evaluated on series. Pure: no Django, no database. Monitoring's services feed them rollups and readings
and turn what they find into alarms and cases.

Five methods (the defaults are in migration 0004; a city edits them as data):
- absolute: a valid hourly average above a limit (Wuhan 2017: PM10 150 warning, 200 work stop);
- difference: a site's valid hourly average minus the same hour's control-station average (the
  subtracted average capped at `cap`) above `margin`, tolerated `per_day` times a Beijing day: the
  exceedance after those raises (Hebei DB13/2934-2019: 80 µg/m³, twice a day, cap 150);
- consecutive: `count` readings in a row above a limit;
- offline: a device not heard from for `minutes`;
- flag: a fault or maintenance flag (`flags`) held for `minutes` or longer.

Every evaluation yields breaches and clean observations with their data time. An alarm resolves
itself once the condition has been clean for `clear_minutes` after its last breach.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

HOUR = timedelta(hours=1)


class Method(StrEnum):
    ABSOLUTE = "absolute"
    DIFFERENCE = "difference"
    CONSECUTIVE = "consecutive"
    OFFLINE = "offline"
    FLAG = "flag"


HOURLY_METHODS = frozenset({Method.ABSOLUTE, Method.DIFFERENCE})
READING_METHODS = frozenset({Method.CONSECUTIVE, Method.FLAG})


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's parameters (a snapshot of its row)."""

    method: Method
    factor: str = "pm10"
    limit: float | None = None  # absolute, consecutive
    margin: float | None = None  # difference
    cap: float | None = None  # difference: the control average subtracted is at most this
    per_day: int = 0  # difference: exceedances tolerated per day
    count: int = 1  # consecutive: readings in a row
    minutes: int = 0  # offline, flag: how long
    flags: frozenset[str] = frozenset()  # flag: the data flags that count (D fault, M maintenance)
    clear_minutes: int = 60  # clean this long after the last breach: the alarm resolves itself


@dataclass(frozen=True, slots=True)
class Finding:
    """What an evaluation saw at `at` (a data time): a breach with its value, or a clean observation.
    A breach of a condition that lasts (a device silent, a flag held) says `since` when it began: while
    it holds, each evaluation finds the same breach again."""

    at: datetime
    breach: bool
    value: float | None = None
    since: datetime | None = None


# --- hourly methods --------------------------------------------------------------------------------


def difference_excess(value: float, control: float, cap: float | None) -> float:
    """How far a site's hourly value lies above the control average (capped as the rule says)."""
    subtracted = min(control, cap) if cap is not None else control
    return value - subtracted


def hourly_findings(
    rule: Rule,
    hours: Sequence[tuple[datetime, float | None]],
    *,
    control: Mapping[datetime, float] | None = None,
    day_of: Callable[[datetime], date] = lambda hour: hour.date(),
    earlier_exceedances: Mapping[date, int] | None = None,
) -> list[Finding]:
    """Findings over hourly values (hour start, valid average or None), in time order. A finding is
    stamped with the end of its hour. Hours without a valid value (or without a control value, for
    the difference method) find nothing.

    For the difference method, `earlier_exceedances` counts the exceedances of each day before the
    first hour given (what the day's earlier hours used of the tolerance).
    """
    findings: list[Finding] = []
    used: dict[date, int] = dict(earlier_exceedances or {})
    for hour, value in sorted(hours, key=lambda item: item[0]):
        if value is None:
            continue
        end = hour + HOUR
        if rule.method is Method.ABSOLUTE:
            assert rule.limit is not None
            findings.append(Finding(end, value > rule.limit, value))
        elif rule.method is Method.DIFFERENCE:
            reference = (control or {}).get(hour)
            if reference is None:
                continue
            assert rule.margin is not None
            excess = difference_excess(value, reference, rule.cap)
            if excess <= rule.margin:
                findings.append(Finding(end, False, excess))
                continue
            day = day_of(hour)
            used[day] = used.get(day, 0) + 1
            if used[day] > rule.per_day:
                findings.append(Finding(end, True, excess))
        else:
            raise ValueError(f"{rule.method} is not an hourly method")
    return findings


# --- reading methods -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """One reading for a reading method: its data time, the factor's value (None when absent or
    flagged) and its data flags other than N."""

    at: datetime
    value: float | None
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Streak:
    """What a reading method remembers between batches, per monitor and rule."""

    count: int = 0  # consecutive: readings in a row above the limit so far
    since: datetime | None = None  # flag: when the flag was first seen in this run
    last: datetime | None = None  # the latest reading taken into account


@dataclass
class _Scan:
    streak: Streak
    findings: list[Finding] = field(default_factory=list)


def reading_findings(rule: Rule, streak: Streak, points: Iterable[Point]) -> tuple[Streak, list[Finding]]:
    """Advance a monitor's streak over its new readings (any order; readings not after the last one
    taken into account are ignored) and say what was found."""
    scan = _Scan(streak)
    for point in sorted(points, key=lambda item: item.at):
        last = scan.streak.last
        if last is not None and point.at <= last:
            continue
        if rule.method is Method.CONSECUTIVE:
            _consecutive(rule, scan, point)
        elif rule.method is Method.FLAG:
            _flagged(rule, scan, point)
        else:
            raise ValueError(f"{rule.method} is not a reading method")
    return scan.streak, scan.findings


def _consecutive(rule: Rule, scan: _Scan, point: Point) -> None:
    assert rule.limit is not None
    if point.value is None:
        # A missing or flagged value neither continues nor breaks a run: it says nothing.
        scan.streak = replace(scan.streak, last=point.at)
        return
    if point.value > rule.limit:
        count = scan.streak.count + 1
        scan.streak = replace(scan.streak, count=count, last=point.at)
        if count >= rule.count:
            scan.findings.append(Finding(point.at, True, point.value))
    else:
        scan.streak = replace(scan.streak, count=0, last=point.at)
        scan.findings.append(Finding(point.at, False, point.value))


def _flagged(rule: Rule, scan: _Scan, point: Point) -> None:
    if point.flags & rule.flags:
        since = scan.streak.since or point.at
        scan.streak = replace(scan.streak, since=since, last=point.at)
        held = (point.at - since).total_seconds() / 60
        if held >= rule.minutes:
            scan.findings.append(Finding(point.at, True, held, since))
    else:
        scan.streak = replace(scan.streak, since=None, last=point.at)
        scan.findings.append(Finding(point.at, False, None))


# --- offline ---------------------------------------------------------------------------------------


def offline_finding(
    rule: Rule, last_seen: datetime | None, now: datetime, watching_since: datetime | None = None
) -> Finding | None:
    """A device seen at `last_seen`: a breach when it has been silent `minutes` or longer, a clean
    observation (stamped with the last time it was heard) otherwise; nothing for a device never heard
    from (it has not started sending, it did not stop). Silence counts only from `watching_since` (when
    the platform began listening): a device not heard since is not blamed for the platform's own
    downtime, and nothing is said of it until it is heard or stays silent that long."""
    if last_seen is None:
        return None
    watched = max(last_seen, watching_since) if watching_since is not None else last_seen
    silent = (now - last_seen).total_seconds() / 60
    if (now - watched).total_seconds() / 60 >= rule.minutes:
        return Finding(now, True, silent, last_seen)
    if watched > last_seen:
        return None
    return Finding(last_seen, False, silent)


# --- outcome ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a run of findings means for an alarm: the latest breach (and the highest value among the
    breaches), and whether it has been clean long enough after it to resolve."""

    breach_at: datetime | None
    peak: float | None
    latest: float | None
    clean_through: datetime | None  # the latest clean observation after the last breach
    since: datetime | None  # when the latest breach's lasting condition began


def summarise(findings: Iterable[Finding]) -> Outcome:
    breach_at: datetime | None = None
    peak: float | None = None
    latest: float | None = None
    clean: datetime | None = None
    since: datetime | None = None
    for finding in sorted(findings, key=lambda item: item.at):
        if finding.breach:
            breach_at, latest, clean, since = finding.at, finding.value, None, finding.since
            if finding.value is not None and (peak is None or finding.value > peak):
                peak = finding.value
        elif clean is None or finding.at > clean:
            clean = finding.at
    return Outcome(breach_at, peak, latest, clean, since)


def clears(last_breach: datetime, clean_through: datetime | None, clear_minutes: int) -> bool:
    """Whether an alarm last breached at `last_breach` has been clean long enough to resolve itself."""
    if clean_through is None or clean_through <= last_breach:
        return False
    return clean_through - last_breach >= timedelta(minutes=clear_minutes)
