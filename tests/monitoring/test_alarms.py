"""Alarms into supervision cases: each method on the database, one case per site and rule, the grid
officer as handler, clearing by itself with the case kept, and backfill never raising a live alarm."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heluo.cases.models import Case, CaseEvent, EventKind, State
from heluo.cases.services import transitions
from heluo.core.models import Division
from heluo.core.services.accounts import system_operator
from heluo.monitoring.alarm_rules import Finding
from heluo.monitoring.models import (
    Alarm,
    AlarmRule,
    AlarmState,
    ControlReading,
    ControlStation,
    Monitor,
    MonitorStatus,
)
from heluo.monitoring.services import alarms

from .factories import monitor
from .frames import at, frame, hour_of_frames, officer_site, send

pytestmark = pytest.mark.django_db


def only(*codes: str) -> None:
    """Leave only these rules active, so a test sees the alarms of the method it is about."""
    AlarmRule.objects.exclude(code__in=codes).update(active=False)


def hour(device: Monitor, start: dt.datetime, pm10: float, now: dt.datetime | None = None) -> None:
    send(device, hour_of_frames(device, start, range(60), pm10=pm10), now or start + dt.timedelta(minutes=65))


def test_an_hourly_alarm_opens_one_case_for_the_grid_officer_and_a_repeat_updates_it() -> None:
    only("pm10_hourly_150")
    device = officer_site()
    hour(device, at(9), 180.0)
    alarm = Alarm.objects.get(point=device.point)
    case = alarm.case
    assert (alarm.state, alarm.value, alarm.raised_at, alarm.occurrences) == (
        AlarmState.ACTIVE,
        180.0,
        at(10),
        1,
    )
    assert case.source == alarm and case.source_kind == "monitoring_alarm" and case.category.code == "dust"
    assert (case.state, case.handler.user.username, case.responsible_unit.name) == (
        State.ASSIGNED,
        "wangge",
        "西关街道办事处",
    )
    assert "180" in case.description and device.mn in case.description
    hour(device, at(10), 190.0)
    alarm.refresh_from_db()
    assert (alarm.occurrences, alarm.peak, alarm.last_breach_at) == (2, 190.0, at(11))
    assert Case.objects.filter(source_kind="monitoring_alarm", pk=case.pk).count() == 1
    assert Alarm.objects.filter(point=device.point).count() == 1
    hour(device, at(10), 190.0)  # the same hour again (a retransmission): nothing new
    alarm.refresh_from_db()
    assert alarm.occurrences == 2


def test_the_alarm_clears_itself_after_the_clean_period_and_the_case_is_kept() -> None:
    only("pm10_hourly_150")
    device = officer_site()
    hour(device, at(9), 180.0)
    hour(device, at(10), 60.0)  # clean for 60 minutes: not yet
    alarm = Alarm.objects.get(point=device.point)
    assert alarm.state == AlarmState.ACTIVE
    hour(device, at(11), 60.0)  # clean for 120 minutes after the breach (the rule's default)
    alarm.refresh_from_db()
    assert (alarm.state, alarm.cleared_at) == (AlarmState.CLEARED, at(12))
    case = Case.objects.get(pk=alarm.case_id)
    assert case.state == State.ASSIGNED  # kept for the handler's reply and the supervisor's verification
    notes = CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).values_list("note", flat=True)
    assert any("cleared" in note or "解除" in note for note in notes)
    hour(device, at(13), 175.0)  # while the case is open, a new breach raises the same alarm again
    alarm.refresh_from_db()
    assert (alarm.state, alarm.occurrences, alarm.case_id) == (AlarmState.ACTIVE, 2, case.pk)
    assert Alarm.objects.filter(point=device.point).count() == 1


def test_after_the_case_is_closed_a_new_breach_opens_a_new_alarm_and_case() -> None:
    only("pm10_hourly_150")
    device = officer_site()
    hour(device, at(9), 180.0)
    first = Alarm.objects.get(point=device.point)
    operator = system_operator()
    case = transitions.reply_case(operator, first.case, note="已整改")
    transitions.close_case(operator, case)
    hour(device, at(12), 170.0)
    assert Alarm.objects.filter(point=device.point).count() == 2
    second = Alarm.objects.get(point=device.point, open=True)
    assert second.case_id != first.case_id and second.case.state == State.ASSIGNED


def close(alarm: Alarm) -> None:
    operator = system_operator()
    transitions.close_case(operator, transitions.reply_case(operator, alarm.case, note="已整改"))


def test_a_breach_the_closed_cases_alarm_counted_opens_nothing_when_the_scan_sees_it_again() -> None:
    """The minute's scan evaluates the last six hours again (for late control values): closing the case
    must not turn the same breach into a second alarm and case."""
    only("pm10_difference_80")
    station = ControlStation.objects.create(
        code="T-03", name="测试站三", division=Division.objects.get(code="410302000000")
    )
    for start in range(8, 12):
        ControlReading.objects.create(station=station, hour=at(start), pm10=60.0)
    device = officer_site()
    for start in (8, 9, 10):
        hour(device, at(start), 170.0)  # the third exceedance of the day raises, at 11:00
    first = Alarm.objects.get(point=device.point)
    close(first)
    assert alarms.scan(now=at(11, 30)) == 0
    assert Alarm.objects.filter(point=device.point).count() == 1
    hour(device, at(11), 170.0)  # a breach after the closed case's: a new alarm and case
    second = Alarm.objects.get(point=device.point, open=True)
    assert (second.raised_at, second.occurrences) == (at(12), 1) and second.case_id != first.case_id


def test_backfilled_data_never_raises_a_live_alarm() -> None:
    only("pm10_hourly_150", "pm10_consecutive_150")
    device = officer_site()
    hour(device, at(9), 250.0, now=at(15))  # five hours late: 补传
    assert device.hourly_values.get().pm10 == 250.0  # it enters the rollups
    assert not Alarm.objects.filter(point=device.point).exists()


def test_a_site_without_an_officer_account_gets_a_registered_case_saying_why() -> None:
    only("pm10_hourly_150")
    device = monitor()
    hour(device, at(9), 200.0)
    case = Alarm.objects.get(point=device.point).case
    assert case.state == State.REGISTERED and case.handler is None
    assert CaseEvent.objects.filter(case=case, kind=EventKind.NOTE).exists()


def test_the_difference_method_counts_exceedances_per_day_against_the_control_stations() -> None:
    only("pm10_difference_80")
    station = ControlStation.objects.create(
        code="T-01", name="测试站", division=Division.objects.get(code="410302000000")
    )
    device = officer_site()
    for start in range(8, 12):
        ControlReading.objects.create(station=station, hour=at(start), pm10=60.0, pm25=30.0)
    for start in (8, 9):
        hour(device, at(start), 170.0)  # 110 over the stations: tolerated twice a day
    assert not Alarm.objects.filter(point=device.point).exists()
    hour(device, at(10), 150.0)  # the third exceedance of the day raises
    alarm = Alarm.objects.get(point=device.point)
    assert (alarm.value, alarm.last_breach_at) == (90.0, at(11))


def test_control_values_that_come_late_are_used_by_the_minute_scan() -> None:
    only("pm10_difference_80")
    device = officer_site()
    for start in (8, 9, 10):
        hour(device, at(start), 400.0)  # the stations' values are not in yet
    assert not Alarm.objects.filter(point=device.point).exists()
    station = ControlStation.objects.create(
        code="T-02", name="测试站二", division=Division.objects.get(code="410302000000")
    )
    for start in (8, 9, 10):
        ControlReading.objects.create(
            station=station, hour=at(start), pm10=300.0
        )  # capped at 150 by the rule
    assert alarms.scan(now=at(11, 30)) == 1
    assert Alarm.objects.get(point=device.point).value == 250.0
    assert alarms.scan(now=at(11, 31)) == 0  # the same hours again: nothing changed


def test_the_minute_scan_evaluates_the_difference_method_in_the_same_queries_for_more_monitors() -> None:
    only("pm10_difference_80")
    station = ControlStation.objects.create(
        code="T-04", name="测试站四", division=Division.objects.get(code="410302000000")
    )
    for start in (9, 10):
        ControlReading.objects.create(station=station, hour=at(start), pm10=60.0)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            alarms.scan(now=at(11, 30))
        return len(captured)

    hour(monitor(), at(9), 100.0)  # 40 over the stations: clean
    one = queries()
    for _ in range(3):
        device = monitor()
        for start in (9, 10):
            hour(device, at(start), 100.0)
    assert queries() == one


def test_consecutive_readings_above_the_limit() -> None:
    only("pm10_consecutive_150")
    device = officer_site()
    frames = [frame(device, at(9, m), pm10=200.0, cn="2011") for m in range(9)]
    send(device, frames, at(9, 9))
    assert not Alarm.objects.filter(point=device.point).exists()
    send(device, [frame(device, at(9, 9), pm10=151.0, cn="2011")], at(9, 10))  # the tenth in a row
    assert Alarm.objects.get(point=device.point).last_breach_at == at(9, 9)


def test_a_fault_flag_held_too_long() -> None:
    only("device_flag_120")
    device = officer_site()
    for minute in range(0, 121, 10):  # each frame as it comes
        send(device, [frame(device, at(9, minute), flag="D", cn="2011")], at(9, minute + 1))
    alarm = Alarm.objects.get(point=device.point)
    assert alarm.last_breach_at == at(11)
    for minute in range(10, 41, 10):
        send(device, [frame(device, at(11, minute), cn="2011")], at(11, minute + 1))
    alarm.refresh_from_db()
    assert alarm.state == AlarmState.CLEARED


def test_a_flag_held_on_is_one_breach() -> None:
    only("device_flag_120")
    device = officer_site()
    for minute in range(0, 151, 10):
        send(device, [frame(device, at(9, minute), flag="D", cn="2011")], at(9, minute + 1))
    alarm = Alarm.objects.get(point=device.point)
    assert (alarm.occurrences, alarm.value, alarm.last_breach_at) == (1, 150.0, at(11, 30))


def test_an_offline_device_raises_and_clears_when_it_is_back() -> None:
    only("device_offline_60")
    device = officer_site()
    now = at(12)
    MonitorStatus.objects.create(monitor=device, last_seen=now - dt.timedelta(minutes=61))
    other = officer_site()
    MonitorStatus.objects.create(monitor=other, last_seen=now - dt.timedelta(minutes=5))
    never = officer_site()  # never heard from: not an outage
    assert alarms.scan(now=now) == 1
    assert list(Alarm.objects.values_list("point_id", flat=True)) == [device.point_id]
    assert not Alarm.objects.filter(point__in=[other.point, never.point]).exists()
    MonitorStatus.objects.filter(monitor=device).update(last_seen=now + dt.timedelta(minutes=40))
    alarms.scan(now=now + dt.timedelta(minutes=41))
    assert Alarm.objects.get(point=device.point).state == AlarmState.CLEARED


def test_a_restarted_platform_does_not_call_every_device_offline_at_once() -> None:
    """The worker's scan counts silence from when it started watching: devices silent while the
    platform was down are not offline until they stay silent that long after it came back."""
    only("device_offline_60")
    device = officer_site()
    now = at(12)
    MonitorStatus.objects.create(monitor=device, last_seen=now - dt.timedelta(hours=5))
    assert alarms.scan(now=now, watching_since=now - dt.timedelta(seconds=30)) == 0
    assert alarms.scan(now=now + dt.timedelta(minutes=60), watching_since=now) == 1


def test_an_offline_device_is_one_breach_however_long_it_stays_silent() -> None:
    only("device_offline_60")
    device = officer_site()
    now = at(12)
    MonitorStatus.objects.create(monitor=device, last_seen=now - dt.timedelta(minutes=61))
    assert alarms.scan(now=now) == 1
    assert alarms.scan(now=now) == 0  # the same minute again
    for minute in (1, 2, 3):
        assert alarms.scan(now=now + dt.timedelta(minutes=minute)) == 1  # its minutes offline move on
    alarm = Alarm.objects.get(point=device.point)
    assert (alarm.occurrences, alarm.value, alarm.peak, alarm.last_breach_at) == (
        1,
        64.0,
        64.0,
        now + dt.timedelta(minutes=3),
    )
    MonitorStatus.objects.filter(monitor=device).update(last_seen=now + dt.timedelta(minutes=10))
    alarms.scan(now=now + dt.timedelta(minutes=71))  # heard from, then silent again: a new breach
    alarm.refresh_from_db()
    assert (alarm.occurrences, alarm.value) == (2, 61.0)


def test_evaluating_the_same_findings_twice_changes_nothing() -> None:
    only("pm10_hourly_150")
    device = officer_site()
    hour(device, at(9), 180.0)
    rule = AlarmRule.objects.get(code="pm10_hourly_150")
    findings = {(rule.pk, device.pk): [Finding(at(10), True, 180.0)]}
    assert alarms.apply_findings({rule.pk: rule}, findings) == 0
    assert not alarms.raise_alarm(rule, device.pk, device.point_id, at(10), 180.0, 180.0)
    alarm = Alarm.objects.get(point=device.point)
    assert (
        alarm.occurrences == 1
        and Case.objects.filter(source_kind="monitoring_alarm", pk=alarm.case_id).count() == 1
    )
