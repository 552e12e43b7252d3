"""Alarms: the rules (data, heluo.monitoring.models.AlarmRule) evaluated on rollups and readings, and the
supervision case each alarm opens.

- When: after each committed batch (the hook `after_commit`: hourly methods on the hours live frames
  touched, reading methods on the live frames), and every minute (`scan`: offline devices, and the
  difference method again for recent hours whose control-station values came later).
- Backfilled data never raises a live alarm: hourly methods look only at hours with live data, and
  reading methods only at live frames.
- One alarm per monitoring point and rule while its case is open: a repeat updates the alarm (breaches, latest
  and highest value); a breach after that case was closed or cancelled opens a new alarm and case. A
  breach is counted once, however often it is evaluated, and a lasting condition (a device offline, a
  flag held) is one breach for as long as it lasts.
- The case: opened through the cases engine (heluo.cases.services.opening) with the source "monitoring
  alarm" linked to the alarm, assigned as the point's owning module says (heluo.monitoring.points: for
  a construction site, its grid officers) with the rule's time limit. When the case closes or is
  cancelled, the alarm closes with it (`case_changed`); a breach after that opens a new alarm and case.
- Resolving: once the condition has been clean for the rule's `clear_minutes` after the last breach,
  the alarm is cleared and a note goes on the case's timeline; the case itself is kept, for the
  handler to reply and a supervisor to close.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import OPEN_STATES, CaseCategory, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, open_case
from heluo.cases.services.registration import Registration
from heluo.core.dates import datetime_text
from heluo.core.services.accounts import system_operator
from heluo.monitoring.alarm_rules import (
    HOURLY_METHODS,
    READING_METHODS,
    Finding,
    Method,
    Point,
    Rule,
    Streak,
    clears,
    hourly_findings,
    offline_finding,
    reading_findings,
    summarise,
)
from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.hooks import Committed
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.rows import measurements
from heluo.monitoring.models import (
    Alarm,
    AlarmRule,
    AlarmState,
    AlarmStreak,
    HourlyValue,
    Monitor,
    MonitoringPoint,
)
from heluo.monitoring.points import responsible_for
from heluo.monitoring.storage import upsert
from heluo.monitoring.validity import FACTORS

from . import rollups
from .stations import Reference

logger = logging.getLogger("heluo.monitoring.alarms")

HOUR = timedelta(hours=1)
CASE_CATEGORY = "dust"
# The every-minute scan looks this far back for hours whose control values arrived late.
DIFFERENCE_LOOKBACK = timedelta(hours=6)
Pair = tuple[int, int]  # (rule id, monitor id)


def after_commit(committed: Sequence[Committed]) -> None:
    """The monitoring platform's after-commit hook: rollups first, then the alarms they feed."""
    change = rollups.apply_frames(committed)
    evaluate_committed(committed, change)


def active_rules() -> list[AlarmRule]:
    return list(AlarmRule.objects.filter(active=True).order_by("pk"))


# --- evaluation ------------------------------------------------------------------------------------


def evaluate_committed(committed: Sequence[Committed], change: rollups.Change) -> int:
    """Evaluate every active rule on what a batch brought live; returns how many alarms it raised or
    updated. Called by the hook; any caller must hand each batch over once."""
    rules = active_rules()
    if not rules:
        return 0
    findings: dict[Pair, list[Finding]] = defaultdict(list)
    live_hours = {key: change.hours[key] for key in change.live if key in change.hours}
    for rule in rules:
        if rule.method in HOURLY_METHODS and live_hours:
            for pair, found in _hourly(rule, live_hours).items():
                findings[pair] += found
    reading_rules = [rule for rule in rules if rule.method in READING_METHODS]
    if reading_rules:
        for pair, found in _readings(reading_rules, committed).items():
            findings[pair] += found
    return apply_findings({rule.pk: rule for rule in rules}, findings)


def _hour_value(stats: Mapping[str, Any], factor: str) -> float | None:
    item = stats.get(factor)
    return item.average(factor) if item is not None else None


def _hourly(rule: AlarmRule, hours: Mapping[rollups.Key, Mapping[str, Any]]) -> dict[Pair, list[Finding]]:
    params = rule.as_rule()
    series: dict[int, list[tuple[datetime, float | None]]] = defaultdict(list)
    for (monitor_id, hour), stats in hours.items():
        series[monitor_id].append((hour, _hour_value(stats, params.factor)))
    if params.method is Method.ABSOLUTE:
        return {
            (rule.pk, monitor_id): hourly_findings(params, values) for monitor_id, values in series.items()
        }
    return _difference(rule, params, series)


def _difference(
    rule: AlarmRule, params: Rule, series: Mapping[int, list[tuple[datetime, float | None]]]
) -> dict[Pair, list[Finding]]:
    """The difference method over the given hours: each day is evaluated from its first hour, so the
    exceedances earlier that day count against the tolerance. A few queries for all the monitors."""
    paths = dict(Monitor.objects.filter(pk__in=list(series)).values_list("pk", "point__division__path"))
    days = {
        monitor_id: {rollups.beijing_day(hour) for hour, _value in values}
        for monitor_id, values in series.items()
    }
    day_series = _day_series(days, params.factor)
    hours = {hour for values in day_series.values() for hour, _value in values}
    control = Reference().averages(paths.values(), hours, params.factor)
    result: dict[Pair, list[Finding]] = {}
    for monitor_id, values in series.items():
        wanted = {hour + HOUR for hour, value in values if value is not None}
        path, whole_days = paths[monitor_id], day_series.get(monitor_id, [])
        by_hour = {hour: control[(path, hour)] for hour, _value in whole_days if (path, hour) in control}
        found = hourly_findings(params, whole_days, control=by_hour, day_of=rollups.beijing_day)
        result[(rule.pk, monitor_id)] = [finding for finding in found if finding.at in wanted]
    return result


def _day_series(days: Mapping[int, set[date]], factor: str) -> dict[int, list[tuple[datetime, float | None]]]:
    """Each monitor's valid hourly values of its whole days (hours with live data only), in hour order."""
    every_day = {day for wanted in days.values() for day in wanted}
    live_hours = HourlyValue.objects.filter(monitor_id__in=list(days), day__in=every_day, live=True)
    rows = live_hours.order_by("hour").values_list("monitor_id", "day", "hour", "stats")
    series: dict[int, list[tuple[datetime, float | None]]] = defaultdict(list)
    for monitor_id, day, hour, stats in rows:
        if day in days[monitor_id]:
            series[monitor_id].append((rollups.hour_of(hour), _hour_value(rollups.parsed(stats), factor)))
    return series


def _points(committed: Sequence[Committed], factor: str) -> dict[int, list[Point]]:
    codes = FACTORS[factor][0]
    points: dict[int, list[Point]] = defaultdict(list)
    for item in committed:
        frame = item.frame
        if item.backfill or item.outcome is not Outcome.STORED or frame.cn not in rollups.ROLLUP_CNS:
            continue
        if frame.data_time is None:
            continue
        columns, _extra, flags = measurements(frame, item.particulate_factor)
        held = frozenset(flags[code] for code in codes if code in flags)
        value = columns.get(factor) if not held else None
        points[item.monitor_id].append(Point(frame.data_time.replace(tzinfo=BEIJING), value, held))
    return points


def _readings(rules: Sequence[AlarmRule], committed: Sequence[Committed]) -> dict[Pair, list[Finding]]:
    """Advance the reading methods' streaks over the batch's live frames and save them."""
    by_factor = {factor: _points(committed, factor) for factor in {rule.factor for rule in rules}}
    monitors = {monitor_id for points in by_factor.values() for monitor_id in points}
    if not monitors:
        return {}
    stored = {
        (row.rule_id, row.monitor_id): row
        for row in AlarmStreak.objects.filter(monitor_id__in=monitors, rule__in=rules)
    }
    result: dict[Pair, list[Finding]] = {}
    rows = []
    for rule in rules:
        params = rule.as_rule()
        for monitor_id, points in by_factor[rule.factor].items():
            row = stored.get((rule.pk, monitor_id))
            before = Streak(row.count, row.since, row.last) if row is not None else Streak()
            after, found = reading_findings(params, before, points)
            result[(rule.pk, monitor_id)] = found
            if after != before:
                rows.append(
                    AlarmStreak(
                        monitor_id=monitor_id,
                        rule=rule,
                        count=after.count,
                        since=after.since,
                        last=after.last,
                    )
                )
    # Two processes (the worker and an HTTP post) may save the same streak at once: the later one stands.
    upsert(AlarmStreak, rows, ["monitor", "rule"], ["count", "since", "last"])
    return result


def scan(now: datetime | None = None, *, watching_since: datetime | None = None) -> int:
    """The every-minute pass: offline devices, and the difference method over recent hours (control
    values often come an hour late). Returns how many alarms it raised, updated or cleared.
    `watching_since`: when the caller began watching (the worker's start): silence before it is the
    platform's own, not the devices'."""
    now = now or timezone.now()
    rules = active_rules()
    findings: dict[Pair, list[Finding]] = defaultdict(list)
    offline = [rule for rule in rules if rule.method == Method.OFFLINE]
    if offline:
        statuses = list(Monitor.objects.filter(active=True).values_list("pk", "status__last_seen"))
        for rule in offline:
            params = rule.as_rule()
            for monitor_id, last_seen in statuses:
                finding = offline_finding(params, last_seen, now, watching_since)
                if finding is not None:
                    findings[(rule.pk, monitor_id)].append(finding)
    for rule in rules:
        if rule.method == Method.DIFFERENCE:
            for pair, found in _recent_difference(rule, now).items():
                findings[pair] += found
    return apply_findings({rule.pk: rule for rule in rules}, findings)


def _recent_difference(rule: AlarmRule, now: datetime) -> dict[Pair, list[Finding]]:
    if rule.factor not in ("pm10", "pm25"):
        return {}  # control stations report particulates only
    start = rollups.hour_of(now - DIFFERENCE_LOOKBACK)
    rows = HourlyValue.objects.filter(hour__gte=start, hour__lt=now, live=True).exclude(**{rule.factor: None})
    series: dict[int, list[tuple[datetime, float | None]]] = defaultdict(list)
    for monitor_id, hour, value in rows.values_list("monitor_id", "hour", rule.factor):
        series[monitor_id].append((rollups.hour_of(hour), value))
    return _difference(rule, rule.as_rule(), series) if series else {}


# --- alarms and cases ------------------------------------------------------------------------------


def apply_findings(rules: Mapping[int, AlarmRule], findings: Mapping[Pair, Sequence[Finding]]) -> int:
    """Raise, update or clear alarms from findings; returns how many alarms changed (the same findings
    again change nothing). Only pairs with a breach, or with an open alarm to clear, touch the database
    beyond one query."""
    outcomes = {pair: summarise(found) for pair, found in findings.items() if found}
    if not outcomes:
        return 0
    points = dict(Monitor.objects.filter(pk__in={m for _r, m in outcomes}).values_list("pk", "point_id"))
    open_alarms = {
        (alarm.rule_id, alarm.point_id): alarm
        for alarm in Alarm.objects.filter(
            open=True,
            state=AlarmState.ACTIVE,
            rule_id__in={r for r, _m in outcomes},
            point_id__in=set(points.values()),
        )
    }
    acted = 0
    for (rule_id, monitor_id), outcome in sorted(outcomes.items()):
        rule, point_id = rules[rule_id], points[monitor_id]
        try:
            if outcome.breach_at is not None:
                acted += raise_alarm(
                    rule, monitor_id, point_id, outcome.breach_at, outcome.latest, outcome.peak, outcome.since
                )
            elif (rule_id, point_id) in open_alarms and outcome.clean_through is not None:
                acted += clear_alarm(open_alarms[(rule_id, point_id)].pk, outcome.clean_through)
        except Exception:
            logger.exception("alarm %s on monitor %s could not be recorded", rule.code, monitor_id)
    return acted


def describe(rule: AlarmRule, value: float | None, at: datetime) -> str:
    """A line saying what was measured, for the alarm and its case."""
    when = datetime_text(at)
    factor = rule.get_factor_display()
    shown = "—" if value is None else f"{value:.0f}" if rule.factor != "noise" else f"{value:.1f}"
    texts = {
        Method.ABSOLUTE: _("%(factor)s hourly average %(value)s (limit %(limit)s), hour ending %(when)s"),
        Method.DIFFERENCE: _(
            "%(factor)s hourly average %(value)s above the control stations' (margin %(margin)s, %(per_day)s a day tolerated), hour ending %(when)s"
        ),
        Method.CONSECUTIVE: _(
            "%(count)s readings in a row above %(limit)s, the latest %(value)s at %(when)s"
        ),
        Method.OFFLINE: _("no data for %(value)s minutes (limit %(minutes)s) at %(when)s"),
        Method.FLAG: _("fault or maintenance flag held %(value)s minutes (limit %(minutes)s) at %(when)s"),
    }
    return texts[Method(rule.method)] % {
        "factor": factor, "value": shown, "limit": _number(rule.limit), "margin": _number(rule.margin),
        "per_day": rule.per_day, "count": rule.count, "minutes": rule.minutes, "when": when,
    }  # fmt: skip


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def raise_alarm(
    rule: AlarmRule,
    monitor_id: int,
    point_id: int,
    at: datetime,
    value: float | None,
    peak: float | None,
    since: datetime | None = None,
) -> bool:
    """Record a breach of `rule` at `at` (data time) on a monitoring point: a new alarm and case, or an
    update of the open one. Returns whether anything changed.
    - A breach no later than the last breach of the point's alarms of this rule was counted already and
      changes nothing, even when that alarm's case is closed: re-evaluation is harmless.
    - A lasting condition (`since`: a device silent, a flag held) that an active alarm has breached
      already is the same breach: the alarm's latest value and last breach move on, its count does not.
    - Any other breach counts, in a transaction holding the point's row, so two processes never open two
      alarms. An alarm closes with its case (`case_changed`): a breach after that opens a new alarm and case."""
    latest = Alarm.objects.filter(point_id=point_id, rule=rule).order_by("-last_breach_at", "-pk").first()
    if latest is not None and at <= latest.last_breach_at:
        return False
    if (
        latest is not None
        and latest.state == AlarmState.ACTIVE
        and since is not None
        and since <= latest.last_breach_at
    ):
        return _hold(latest, rule, monitor_id, at, value, peak)
    with transaction.atomic():
        point = (
            MonitoringPoint.objects.select_for_update(of=("self",))
            .select_related("division")
            .get(pk=point_id)
        )
        alarm = Alarm.objects.select_related("case").filter(point=point, rule=rule, open=True).first()
        if alarm is not None and at <= alarm.last_breach_at:
            return False  # another process recorded it since we looked
        if alarm is not None and alarm.case_id is None:
            # Its case could not be opened (logged then): a new alarm tries again.
            Alarm.objects.filter(pk=alarm.pk).update(open=False)
            alarm = None
        detail = describe(rule, value, at)[:300]
        if alarm is None:
            return _open(rule, monitor_id, point, at, value, peak, detail)
        again = alarm.state == AlarmState.CLEARED
        alarm.state, alarm.cleared_at, alarm.monitor_id = AlarmState.ACTIVE, None, monitor_id
        alarm.last_breach_at, alarm.value, alarm.detail = at, value, detail
        alarm.occurrences += 1
        alarm.peak = _highest(alarm.peak, peak, value)
        alarm.save()
        if again and alarm.case is not None:
            _note(alarm, _("The alarm was raised again: %(detail)s") % {"detail": detail})
        return True


def _hold(
    alarm: Alarm, rule: AlarmRule, monitor_id: int, at: datetime, value: float | None, peak: float | None
) -> bool:
    """The condition still holds: move the alarm's latest value and last breach on (the clean period
    counts from there). One compare-and-set UPDATE and no point lock, as an offline device is seen every
    minute; a breach or clearing recorded meanwhile wins."""
    unchanged = Alarm.objects.filter(
        pk=alarm.pk, state=AlarmState.ACTIVE, last_breach_at=alarm.last_breach_at
    )
    updated = unchanged.update(
        monitor_id=monitor_id, last_breach_at=at, value=value, peak=_highest(alarm.peak, peak, value),
        detail=describe(rule, value, at)[:300], updated_at=timezone.now(),
    )  # fmt: skip
    return updated == 1


def _highest(*values: float | None) -> float | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _open(
    rule: AlarmRule,
    monitor_id: int,
    point: MonitoringPoint,
    at: datetime,
    value: float | None,
    peak: float | None,
    detail: str,
) -> bool:
    try:
        with transaction.atomic():
            alarm = Alarm.objects.create(
                rule=rule, point=point, monitor_id=monitor_id, raised_at=at, last_breach_at=at, value=value,
                peak=peak if peak is not None else value, detail=detail,
            )  # fmt: skip
    except IntegrityError:
        # Another process opened it between our read and write (SQLite has no row lock): it stands.
        return False
    alarm.case = _open_case(alarm, rule, point, detail)
    alarm.save(update_fields=["case", "updated_at"])
    return True


def _open_case(alarm: Alarm, rule: AlarmRule, point: MonitoringPoint, detail: str) -> Any:
    monitor = Monitor.objects.get(pk=alarm.monitor_id)
    responsible = responsible_for(point)
    people = "、".join(str(officer) for officer in responsible.officers) or _("none")
    description = _(
        "Monitoring alarm of %(point)s, monitor %(mn)s: %(detail)s.\nWho answers for it: %(people)s."
    ) % {"point": point.name, "mn": monitor.mn, "detail": detail, "people": people}
    registration = Registration(
        title=(_("%(point)s: %(rule)s") % {"point": point.name, "rule": rule.name})[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY), division=point.division,
        description=description, source_kind="monitoring_alarm", source_reference=f"ALARM-{alarm.pk}",
        address=point.address, priority=rule.priority, time_limit_days=rule.time_limit_days,
        requirements=rule.requirements,
    )  # fmt: skip
    policy = AssignmentPolicy(
        officers=responsible.officers, area=responsible.area, days=rule.time_limit_days,
        note=_("Assigned automatically to who answers for the monitoring point."),
    )  # fmt: skip
    return open_case(registration, source=alarm, policy=policy)


def case_changed(case: Any) -> None:
    """The cases engine's hook for alarm cases: an alarm is open while its case is. A reopened case
    opens its alarm again unless a newer alarm of the point and rule is open."""
    alarm = case.source
    if case.state not in OPEN_STATES:
        Alarm.objects.filter(pk=alarm.pk).update(open=False, updated_at=timezone.now())
    elif not Alarm.objects.filter(point_id=alarm.point_id, rule_id=alarm.rule_id, open=True).exists():
        Alarm.objects.filter(pk=alarm.pk).update(open=True, updated_at=timezone.now())


def clear_alarm(alarm_id: int, clean_through: datetime) -> int:
    """Clear an active alarm if it has been clean long enough after its last breach (compare-and-set:
    a breach recorded meanwhile keeps it active). Returns 1 when it cleared."""
    with transaction.atomic():
        alarm = (
            Alarm.objects.select_related("rule", "case").filter(pk=alarm_id, state=AlarmState.ACTIVE).first()
        )
        if alarm is None or not clears(alarm.last_breach_at, clean_through, alarm.rule.clear_minutes):
            return 0
        still_open = alarm.case is not None and alarm.case.state in OPEN_STATES
        updated = Alarm.objects.filter(
            pk=alarm.pk, state=AlarmState.ACTIVE, last_breach_at=alarm.last_breach_at
        ).update(
            state=AlarmState.CLEARED, cleared_at=clean_through, open=still_open, updated_at=timezone.now()
        )
        if not updated:
            return 0
        when = datetime_text(clean_through)
        _note(
            alarm,
            _(
                "The alarm cleared by itself: the condition has been clean since the last breach, through %(when)s."
            )
            % {"when": when},
        )
    return 1


def _note(alarm: Alarm, text: str) -> None:
    case = alarm.case
    if case is None or case.state == State.CANCELLED:
        return
    transitions.add_note(system_operator(), case, note=text)
