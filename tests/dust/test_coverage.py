"""The coverage report: the monitoring rule on a hand-computed table, and the report's parts counted
from the sites and from whatever the inspections say."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings

from heluo.core.models import Grid
from heluo.dust.models import Site, SiteKind, SiteState
from heluo.dust.rules.coverage import needs_monitor, uninspected
from heluo.dust.services import coverage as coverage_service
from heluo.monitoring.models import Monitor
from heluo.monitoring.services.points import point_of
from tests.dust.test_grids import package_area
from tests.dust.test_sites import XIGUAN, division, make_site


@pytest.mark.parametrize(
    ("kind", "floor_area", "length", "needed"),
    [
        ("building", 10_000, None, True),
        ("building", 9_999, None, False),
        ("building", None, 500, False),
        ("building", None, None, False),
        ("road", None, 200, True),
        ("road", None, 199, False),
        ("municipal", 50_000, 250, True),
        ("water", None, 1_200, True),
        ("demolition", 30_000, 900, False),
        ("other", 30_000, 900, False),
    ],
)
def test_the_henan_monitoring_rule(
    kind: str, floor_area: int | None, length: int | None, needed: bool
) -> None:
    assert needs_monitor(kind, floor_area, length, floor_area_from=10_000, length_from=200) is needed


@pytest.mark.parametrize(
    ("last", "today", "days", "expected"),
    [
        (None, dt.date(2026, 11, 30), 30, True),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 30), 30, False),  # 29 days
        (dt.date(2026, 10, 31), dt.date(2026, 11, 30), 30, True),  # 30 days
        (dt.date(2026, 11, 30), dt.date(2026, 11, 30), 1, False),
    ],
)
def test_uninspected_days(last: dt.date | None, today: dt.date, days: int, expected: bool) -> None:
    assert uninspected(last, today, days) is expected


@pytest.mark.django_db
@override_settings(DUST_MONITOR_FLOOR_AREA_M2=10_000, DUST_MONITOR_LENGTH_M=200, DUST_UNINSPECTED_DAYS=30)
def test_the_report_counts_each_gap_and_never_inspected_from_the_inspections(monkeypatch: Any) -> None:
    grid = Grid.objects.create(name="覆盖报告网格", division=division(XIGUAN))
    area = package_area()
    covered = make_site(XIGUAN, grid=grid, package_area=area, floor_area=20_000)
    Monitor.objects.create(point=point_of(covered), mn="COVER0000001", pw="123456")
    big = make_site(XIGUAN, grid=grid, package_area=area, floor_area=12_000)  # needs a monitor, has none
    no_grid = make_site(XIGUAN, package_area=area, kind=SiteKind.ROAD, length=150)
    bare = make_site(XIGUAN, kind=SiteKind.ROAD, length=800)
    make_site(XIGUAN, state=SiteState.COMPLETED)  # not supervised any more
    today = dt.date(2026, 11, 30)
    seen: list[int] = []

    def inspected(site_ids: Any) -> dict[int, dt.date]:
        seen.extend(site_ids)
        return {covered.pk: dt.date(2026, 11, 20), big.pk: dt.date(2026, 10, 1)}

    monkeypatch.setattr(coverage_service, "last_inspected_on", inspected)
    report = coverage_service.coverage(Site.objects.filter(division=division(XIGUAN)), today)
    assert report.total == 4 and sorted(seen) == sorted([covered.pk, big.pk, no_grid.pk, bare.pk])
    assert [gap.site for gap in report.no_package_area] == [bare]
    assert {gap.site for gap in report.no_grid} == {no_grid, bare}
    assert {gap.site for gap in report.no_monitor} == {big, bare}
    assert {gap.site: gap.last_inspected for gap in report.not_inspected} == {
        big: dt.date(2026, 10, 1), no_grid: None, bare: None,
    }  # fmt: skip
    assert report.never_inspected == 2


@pytest.mark.django_db
def test_without_inspections_every_active_site_is_never_inspected() -> None:
    site = make_site(XIGUAN)
    report = coverage_service.coverage(Site.objects.filter(pk=site.pk))
    assert report.never_inspected == 1 and coverage_service.last_inspected_on([site.pk]) == {}


def test_the_report_page_and_its_export(client_as: Any) -> None:
    site = make_site(XIGUAN, kind=SiteKind.BUILDING, floor_area=15_000)
    client = client_as("laocheng")
    page = client.get("/dust/coverage/").content.decode()
    assert site.get_absolute_url() in page and 'data-testid="coverage-no_monitor"' in page
    export = client.get("/dust/coverage/export/")
    assert export.status_code == 200 and export.content[:2] == b"PK"
    assert client_as("wuzhuang").get("/dust/coverage/").status_code == 403


def test_the_site_list_filters_sites_changed_this_week(client_as: Any) -> None:
    fresh, old = make_site(XIGUAN), make_site(XIGUAN)
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    Site.history.filter(id=old.pk).update(history_date=long_ago)
    Site.objects.filter(pk=old.pk).update(created_at=long_ago, updated_at=long_ago)
    client = client_as("laocheng")
    changed = client.get("/dust/sites/", {"changed_this_week": "true", "per_page": 200}).content.decode()
    assert fresh.get_absolute_url() in changed and old.get_absolute_url() not in changed
    quiet = client.get("/dust/sites/", {"changed_this_week": "false", "per_page": 200}).content.decode()
    assert old.get_absolute_url() in quiet and fresh.get_absolute_url() not in quiet
    assert "badge text-bg-success" in client.get("/dust/sites/", {"q": fresh.name}).content.decode()
