"""The construction site ledger (工地) through the generic view checks, and who sees a site."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from heluo.core.models import Account, Division, Grid, GridMembership, GridRole, Person, Unit, UnitType
from heluo.dust import ledgers
from heluo.dust.models import Site, SiteKind
from heluo.dust.services import site_officers, site_place
from heluo.monitoring.services.points import place_points, point_of
from tests.core.ledger_cases import LedgerViewCases

_serial = itertools.count(1)

XIGUAN = "410302001000"  # 西关街道, 老城区 (the actor laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def contractor(code: str = XIGUAN) -> Unit:
    return Unit.objects.create(
        name=f"测试建设工程有限公司{next(_serial)}",
        unit_type=UnitType.objects.get(code="enterprise"),
        division=division(code),
    )


def make_site(code: str, **fields: Any) -> Site:
    """A site with its monitoring point, as dust.services keeps them."""
    fields.setdefault("contractor", contractor(code))
    fields.setdefault("kind", SiteKind.BUILDING)
    site = Site.objects.create(name=f"洛阳市测试项目{next(_serial)}", division=division(code), **fields)
    place_points([(site, site_place(site))], user=None)
    return site


class TestSiteViews(LedgerViewCases):
    ledger = ledgers.site

    def make(self, in_scope: bool) -> models.Model:
        return make_site(XIGUAN if in_scope else KAIYUAN)

    def create_data(self) -> dict[str, Any]:
        grid = Grid.objects.create(name="西关扬尘网格", division=division(XIGUAN))
        return {
            "name": "洛阳市老城区西关安置房一期项目",
            "kind": SiteKind.BUILDING,
            "division": division(XIGUAN).pk,
            "address": "西关街道中州东路1号",
            "longitude": "112.481234",
            "latitude": "34.681234",
            "coordinate_system": "gcj02",
            "contractor": contractor().pk,
            "state": "under_construction",
            "grid": grid.pk,
            "start_date": "2026-03-01",
            "end_date": "2027-06-30",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "end_date": "2026-01-01"}, "end_date"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "name": f"{obj}（二期）",
            "kind": SiteKind.ROAD,
            "division": division(XIGUAN).pk,
            "coordinate_system": "bd09",
            "contractor": obj.contractor_id,  # type: ignore[attr-defined]
            "state": "suspended",
        }

    def protect(self, obj: models.Model) -> None:
        from heluo.monitoring.models import Monitor
        from heluo.monitoring.services.points import point_of

        Monitor.objects.create(mn=f"PROTECT{obj.pk:08d}", pw="123456", point=point_of(obj))


def test_a_grid_officer_sees_the_sites_of_their_grids_wherever_they_are(client_as: Any, users: Any) -> None:
    officer = users["wangge"].account.person
    grid = GridMembership.objects.filter(person=officer).first().grid
    # 老城区 lies outside the officer's territory (开元路街道); the grid makes the site theirs.
    theirs = make_site(XIGUAN, grid=grid)
    other = make_site(XIGUAN)
    response = client_as("wangge").get(ledgers.site.url("list"), {"per_page": 200})
    page = response.content.decode()
    assert theirs.get_absolute_url() in page
    assert other.get_absolute_url() not in page
    assert client_as("wangge").get(theirs.get_absolute_url()).status_code == 200
    assert client_as("wangge").get(other.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_a_grid_outside_the_sites_division_is_refused() -> None:
    grid = Grid.objects.create(name="开元路网格", division=division(KAIYUAN))
    site = Site(
        name="洛阳市越界项目",
        kind=SiteKind.ROAD,
        division=division(XIGUAN),
        contractor=contractor(),
        grid=grid,
    )
    with pytest.raises(ValidationError) as refused:
        site.full_clean()
    assert "grid" in refused.value.message_dict


@pytest.mark.django_db
def test_coordinates_come_in_pairs() -> None:
    site = Site(
        name="洛阳市半坐标项目",
        kind=SiteKind.ROAD,
        division=division(XIGUAN),
        contractor=contractor(),
        longitude="112.5",
    )
    with pytest.raises(ValidationError) as refused:
        site.full_clean()
    assert "latitude" in refused.value.message_dict


@pytest.mark.django_db
def test_the_site_officers_are_its_grids_dust_roles_serving_today() -> None:
    grid = Grid.objects.create(name="一长三员网格", division=division(XIGUAN))
    roles = {
        role.code: role
        for role in GridRole.objects.filter(code__in=["grid_leader", "dust_inspector", "dust_supervisor"])
    }
    assert set(roles) == {"grid_leader", "dust_inspector", "dust_supervisor"}, "一长三员 roles are seeded"
    serving = [
        GridMembership.objects.create(
            grid=grid, person=Person.objects.create(name=f"人员{code}", division=division(XIGUAN)), role=role
        )
        for code, role in roles.items()
    ]
    GridMembership.objects.create(
        grid=grid, person=Person.objects.create(name="已离任", division=division(XIGUAN)), role=roles["grid_leader"],
        start="2020-01-01", end="2021-01-01",
    )  # fmt: skip
    site = make_site(XIGUAN, grid=grid)
    assert set(site_officers(site)) == set(serving)
    assert list(site_officers(make_site(XIGUAN))) == []


def test_the_site_page_lists_its_officers(client_as: Any) -> None:
    grid = Grid.objects.create(name="详情网格", division=division(XIGUAN))
    person = Person.objects.create(name="赵网格长", division=division(XIGUAN), phone="13812345678")
    GridMembership.objects.create(grid=grid, person=person, role=GridRole.objects.get(code="grid_leader"))
    site = make_site(XIGUAN, grid=grid)
    page = client_as("laocheng").get(site.get_absolute_url()).content.decode()
    assert "赵网格长" in page and 'data-testid="site-officers"' in page


def test_the_site_page_links_to_its_monitor_curves_alarms_and_cases(client_as: Any) -> None:
    from heluo.monitoring.models import Alarm, AlarmRule, Monitor
    from heluo.monitoring.services.alarms import raise_alarm

    grid = Grid.objects.create(name="监测链接网格", division=division(XIGUAN))
    officer = Account.objects.get(user__username="wangge").person
    GridMembership.objects.create(grid=grid, person=officer, role=GridRole.objects.get(code="grid_member"))
    site = make_site(XIGUAN, grid=grid)
    point = point_of(site)
    monitor = Monitor.objects.create(point=point, mn="SITEPAGE0001", pw="123456")
    moment = timezone.now()
    raise_alarm(AlarmRule.objects.get(code="pm10_hourly_150"), monitor.pk, point.pk, moment, 180.0, 180.0)
    alarm = Alarm.objects.get(point=point)
    assert alarm.case.handler.user.username == "wangge"  # the site's grid officer, through dust's hook
    page = client_as("laocheng").get(site.get_absolute_url()).content.decode()
    for url in (monitor.get_absolute_url(), f"/monitoring/points/{point.pk}/curves/", point.get_absolute_url(),
                alarm.get_absolute_url(), alarm.case.get_absolute_url()):  # fmt: skip
        assert f'href="{url}' in page, url
    assert 'data-testid="site-cases"' in page and alarm.case.number in page
    # The grid officer sees the monitors, curves and alarm of the site in their grid (outside their territory).
    officer = client_as("wangge")
    officer_page = officer.get(site.get_absolute_url()).content.decode()
    assert (
        'data-testid="site-monitoring"' in officer_page
        and f'href="{monitor.get_absolute_url()}' in officer_page
    )
    for url in (f"/monitoring/points/{point.pk}/curves/", monitor.get_absolute_url(), point.get_absolute_url(),
                alarm.get_absolute_url()):  # fmt: skip
        assert officer.get(url).status_code == 200, url


def test_a_grid_officer_sees_no_monitor_of_a_site_outside_their_grids(client_as: Any) -> None:
    from heluo.monitoring.models import Monitor, MonitoringPoint

    theirs_grid = Grid.objects.create(name="范围网格", division=division(XIGUAN))
    officer = Account.objects.get(user__username="wangge").person
    GridMembership.objects.create(
        grid=theirs_grid, person=officer, role=GridRole.objects.get(code="grid_member")
    )
    theirs, other = make_site(XIGUAN, grid=theirs_grid), make_site(XIGUAN)
    mine = Monitor.objects.create(point=point_of(theirs), mn="SCOPE0000001", pw="123456")
    not_mine = Monitor.objects.create(point=point_of(other), mn="SCOPE0000002", pw="123456")
    user = Account.objects.get(user__username="wangge").user
    assert set(Monitor.objects.for_user(user).filter(pk__in=[mine.pk, not_mine.pk])) == {mine}
    assert set(MonitoringPoint.objects.for_user(user).filter(pk__in=[mine.point_id, not_mine.point_id])) == {
        mine.point
    }
    officer_client = client_as("wangge")
    assert officer_client.get(f"/monitoring/points/{not_mine.point_id}/curves/").status_code == 404
    assert officer_client.get(not_mine.get_absolute_url()).status_code == 404
