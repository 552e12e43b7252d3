"""The dust and monitoring demo: 200+ sites across Luoyang with one monitor each, loaded once."""

from __future__ import annotations

from collections import Counter

import pytest

from heluo.core.models import GridMembership
from heluo.core.services.accounts import system_operator
from heluo.dust import demo as dust_demo
from heluo.dust.models import Site
from heluo.monitoring import demo as monitoring_demo
from heluo.monitoring.models import Monitor, MonitoringPoint

pytestmark = pytest.mark.django_db


def test_the_demo_registers_sites_across_the_city_each_with_a_monitor_and_is_idempotent() -> None:
    operator = system_operator()
    created = dust_demo.load_demo(operator) + monitoring_demo.load_demo(operator)
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
    assert dust_demo.load_demo(operator) + monitoring_demo.load_demo(operator) == Counter()
