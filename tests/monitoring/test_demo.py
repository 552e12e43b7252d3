"""The dust and monitoring demo: 200+ sites across Luoyang with one monitor each, loaded once."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from heluo.core.models import GridMembership
from heluo.core.services.accounts import system_operator
from heluo.dust import demo as dust_demo
from heluo.dust.models import Site
from heluo.monitoring import demo as monitoring_demo
from heluo.monitoring.conf import offline_after
from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.models import Alarm, AlarmState, HourlyValue, Monitor, MonitoringPoint, Reading
from heluo.monitoring.services import intake, rollups, station_profile
from heluo.monitoring.simulation import Weather, realtime_frame
from tests.conftest import kept_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def registered(django_db_setup: None, django_db_blocker: Any) -> Iterator[Counter[str]]:
    """The dust demo's sites with their monitors, loaded once for this module's tests."""
    with kept_for_module(django_db_blocker):
        operator = system_operator()
        yield dust_demo.load_demo(operator) + monitoring_demo.load_monitors(operator)


def test_the_demo_registers_sites_across_the_city_each_with_a_monitor_and_is_idempotent(
    registered: Counter[str],
) -> None:
    operator = system_operator()
    created = registered
    sites = Site.objects.filter(is_demo=True).select_related("division", "grid")
    assert sites.count() >= 200 and sum(created.values()) > 0
    districts = Counter(site.division.code[:6] for site in sites)
    assert len(districts) >= 15 and min(districts.values()) >= 8
    assert all(site.name.startswith("洛阳市") and site.grid is not None for site in sites)
    assert all(site.grid.division.path in site.division.path for site in sites)
    roles = set(
        GridMembership.objects.filter(grid__in=[s.grid_id for s in sites]).values_list(
            "role__code", flat=True
        )
    )
    assert roles == {"grid_leader", "grid_member", "dust_inspector", "dust_supervisor"}
    monitors = Monitor.objects.filter(is_demo=True)
    assert monitors.count() == sites.count()
    points = MonitoringPoint.objects.filter(pk__in=monitors.values("point_id"))
    assert set(points.values_list("watched_id", flat=True)) == set(sites.values_list("pk", flat=True))
    versions = Counter(monitors.values_list("protocol_version", flat=True))
    assert set(versions) == {"HJ212_2017", "HJT212_2005", "HJ212_2025"}
    assert monitors.exclude(sm4_key="").exists()
    assert Site.history.filter(is_demo=True).count() >= sites.count()  # written with its history
    assert dust_demo.load_demo(operator) + monitoring_demo.load_monitors(operator) == Counter()


def test_the_demo_history_came_through_the_ingest_path_so_statuses_rollups_and_alarms_agree(
    registered: Counter[str],
) -> None:
    operator = system_operator()
    now = timezone.now()
    monitoring_demo.load_demo(operator)
    monitors = list(Monitor.objects.filter(is_demo=True).select_related("status", "latest").order_by("pk"))
    for monitor in monitors:
        # A monitor with values was heard, when its last reading came: online, as that reading says.
        last = Reading.objects.filter(mn=monitor.mn).order_by("-received_at").first()
        assert last is not None and monitor.status.last_seen == last.received_at
        assert now - monitor.status.last_seen <= offline_after()
        assert monitor.latest.hour is not None
    # The hourly values are what the readings give.
    dusty = monitors[41]
    stored = dict(HourlyValue.objects.filter(monitor=dusty).values_list("hour", "pm10"))
    assert max(value for value in stored.values() if value is not None) > 200
    rollups.recompute(min(stored), max(stored) + dt.timedelta(hours=1), monitor_ids=[dusty.pk])
    assert dict(HourlyValue.objects.filter(monitor=dusty).values_list("hour", "pm10")) == stored
    # The rules raised the alarms, each with its case; quiet sites raised none.
    alarms = Alarm.objects.select_related("rule", "case")
    assert {alarm.point_id for alarm in alarms} == {
        monitors[i].point_id for i in monitoring_demo.HISTORY_EPISODES
    }
    assert all(alarm.case is not None and alarm.case.source == alarm for alarm in alarms)
    for alarm in alarms.filter(rule__method="absolute"):
        hour = alarm.raised_at - dt.timedelta(hours=1)
        assert HourlyValue.objects.get(monitor_id=alarm.monitor_id, hour=hour).pm10 > alarm.rule.limit
    assert alarms.filter(state=AlarmState.ACTIVE).exists()  # the dusty work still going on
    assert monitoring_demo.load_demo(operator) == Counter()  # loaded once


def test_the_demo_simulator_raises_an_alarm_within_minutes_and_its_case_goes_to_the_grid_officer(
    registered: Counter[str],
) -> None:
    start = timezone.now()
    monitors = list(Monitor.objects.filter(is_demo=True).order_by("pk"))
    episodes = monitoring_demo.live_episodes([m.mn for m in monitors], start)
    [(mn, dusty)] = episodes.items()
    monitor = next(m for m in monitors if m.mn == mn)
    weather = Weather.for_station(mn, episodes=dusty)
    profile = station_profile(monitor)
    for minute in range(15):  # what `heluo up`'s simulator sends: a frame a minute
        moment = start + dt.timedelta(minutes=minute, seconds=5)
        frame = realtime_frame(profile, weather, moment.astimezone(BEIJING).replace(tzinfo=None), minute)
        [result] = intake.ingest([frame.data], mn=mn, peer="test", now=moment)
        assert result.committed
        if Alarm.objects.filter(point=monitor.point).exists():
            break
    alarm = Alarm.objects.get(point=monitor.point)
    assert alarm.rule.code == "pm10_consecutive_150" and minute <= 12
    assert alarm.case.handler.user.username == "wangge"
