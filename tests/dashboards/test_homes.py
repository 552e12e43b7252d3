"""Each role's home at `/`: which home a user's roles open, and that each shows its work and nothing
outside the user's scope (a matrix of role × rows in and out of scope), and the menu each role sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from heluo.cases.models import Case
from heluo.cases.services import transitions as act
from heluo.core.dates import deadline_day
from heluo.core.models import Account, Division, GridMembership, Role, Unit
from heluo.core.roles import OPERATIONS_MENU, hidden_menu_items
from heluo.core.services.accounts import create_account, system_operator
from heluo.dashboards.homes import choice, services
from heluo.dashboards.homes.views import role_home
from heluo.dust.models import Site
from tests.cases import conftest as cases_fixtures
from tests.cases.conftest import DINGDINGMEN, XIGUAN
from tests.dust.test_sites import make_site
from tests.party import factories as party
from tests.studyrooms import factories as studyrooms

LAOCHENG = "410302000000"
LUOLONG = "410311000000"
BEIYAO = "410304004000"  # 北窑街道 (瀍河回族区): another street's grids

pytestmark = pytest.mark.django_db
# The supervision tests' factory of cases brought to a state through the acts, and what it takes.
make_case = cases_fixtures.make_case
community_unit = cases_fixtures.community_unit
officer_account = cases_fixtures.officer_account


def account(username: str, role: str, division: str, **fields: Any) -> Any:
    """A user with one built-in role, at home in `division`."""
    created, _password = create_account(
        system_operator(), username=username, roles=[Role.objects.get(code=role)],
        home_division=Division.objects.get(code=division), password="heluo-test-1", **fields,
    )  # fmt: skip
    return created.user


def home_page(user: Any, client: Any) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


# --- which home -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("roles", "home"),
    [
        (["leader"], choice.COCKPIT),
        (["city_admin"], choice.COCKPIT),
        (["department_staff"], choice.COCKPIT),
        (["district_admin"], choice.COCKPIT),
        (["division_staff"], choice.COCKPIT),
        (["supervisor"], choice.SUPERVISOR),
        (["grid_officer"], choice.GRID_OFFICER),
        (["party_secretary"], choice.PARTY),
        (["organisation_department"], choice.PARTY),
        (["militia_officer"], choice.MILITIA),
        (["culture_office"], choice.STUDYROOMS),
        (["chief_service_officer"], choice.SERVICE_OFFICER),
        (["grid_officer", "leader"], choice.COCKPIT),
        (["militia_officer", "supervisor"], choice.SUPERVISOR),
        (["unit_leader", "party_secretary"], choice.PARTY),
        (["party_secretary", "chief_service_officer"], choice.SERVICE_OFFICER),
        (["unit_leader"], None),
        (["a_citys_own_role"], None),
        ([], None),
    ],
)
def test_the_first_role_in_the_priority_chooses_the_home(roles: list[str], home: str | None) -> None:
    assert choice.home_of(roles) == home


@pytest.mark.parametrize(
    ("username", "page"),
    [
        ("lingdao", "cockpit"),
        ("admin", "cockpit"),
        ("zhujian", "cockpit"),
        ("laocheng", "cockpit"),
        ("luolong", "cockpit"),
        ("wangge", "grid-officer-home"),
        ("duban", "supervisor-home"),
        ("beiyao", "party-home"),
        ("wuzhuang", "militia-home"),
    ],
)
def test_each_demo_role_opens_its_home(client_as: Any, username: str, page: str) -> None:
    response = client_as(username).get("/")
    assert response.status_code == 200
    assert f'data-page="{page}"' in response.content.decode()


def test_the_chief_service_officer_keeps_the_enterprise_modules_home(rf: Any, users: Any) -> None:
    request = rf.get("/")
    request.user = users["fuwuguan"]
    assert role_home(request) is None  # the next provider, the enterprise module's, answers


def test_a_role_without_a_home_gets_cores_start_page(client: Any) -> None:
    client.force_login(account("danwei-test", "unit_leader", DINGDINGMEN))
    response = client.get("/")
    assert response.status_code == 200
    assert 'data-testid="scope"' in response.content.decode()


# --- grid officer -----------------------------------------------------------------------------------------


@pytest.fixture
def wangge_grid(db: Any) -> Any:
    person = Account.objects.get(user__username="wangge").person
    return GridMembership.objects.filter(person=person).select_related("grid").first().grid


def test_a_grid_officer_sees_their_grids_sites_and_not_another_grids(
    client: Any, users: Any, wangge_grid: Any
) -> None:
    other_grid = GridMembership.objects.filter(grid__division__path__startswith=BEIYAO[:9]).first().grid
    mine = make_site(wangge_grid.division.code, grid=wangge_grid)
    elsewhere = make_site(other_grid.division.code, grid=other_grid)
    html = home_page(users["wangge"], client)
    assert mine.name in html
    assert elsewhere.name not in html
    assert 'data-testid="patrol-report"' in html and "/dust/patrol/new/" in html


def test_a_grid_officers_site_never_inspected_is_to_inspect_today(users: Any, wangge_grid: Any) -> None:
    site = make_site(wangge_grid.division.code, grid=wangge_grid)
    home = services.grid_officer_home(users["wangge"])
    assert site.pk in [row.site.pk for row in home.to_inspect]
    completed = Site.objects.filter(pk=site.pk)
    completed.update(state="completed")
    assert site.pk not in [row.site.pk for row in services.grid_officer_home(users["wangge"]).to_inspect]


def test_a_grid_officers_cases_are_theirs_by_deadline_overdue_first(
    client: Any, users: Any, make_case: Any
) -> None:
    now = timezone.now()
    later = make_case(title="稍后到期的事项", at=now - dt.timedelta(hours=1), days=10)
    overdue = make_case(title="已超期的事项", at=now - dt.timedelta(days=30), days=3)
    others = make_case(title="他人的事项", handler=None, unit=Unit.objects.get(name="洛阳市老城区人民政府"))
    cases = services.grid_officer_home(users["wangge"]).cases
    assert cases.index(overdue) < cases.index(later)
    assert others not in cases
    html = home_page(users["wangge"], client)
    assert "已超期的事项" in html and "他人的事项" not in html
    assert overdue.is_overdue


# --- supervisor -------------------------------------------------------------------------------------------


@pytest.fixture
def laocheng_supervisor(db: Any) -> Any:
    """A supervisor of 老城区 with the district government as their unit."""
    return account(
        "laocheng-duban", "supervisor", LAOCHENG, unit=Unit.objects.get(name="洛阳市老城区人民政府")
    )


def test_a_districts_supervisor_sees_its_overdue_case_and_not_another_districts(
    client: Any, laocheng_supervisor: Any, make_case: Any
) -> None:
    long_ago = timezone.now() - dt.timedelta(days=30)
    inside = make_case(title="老城区超期事项", division=XIGUAN, at=long_ago, days=3)
    outside = make_case(title="洛龙区超期事项", division=DINGDINGMEN, at=long_ago, days=3)
    assert inside.is_overdue and outside.is_overdue
    home = services.supervisor_home(laocheng_supervisor)
    assert inside in home.overdue.cases and outside not in home.overdue.cases
    html = home_page(laocheng_supervisor, client)
    assert "老城区超期事项" in html and "洛龙区超期事项" not in html


def test_a_supervisor_reviews_the_replies_their_unit_supervises(
    users: Any, laocheng_supervisor: Any, make_case: Any
) -> None:
    district = Unit.objects.get(name="洛阳市老城区人民政府")
    ours = make_case("replied", title="待本单位审核", division=XIGUAN, supervising_unit=district)
    theirs = make_case("replied", title="他单位督办", division=XIGUAN)
    home = services.supervisor_home(laocheng_supervisor)
    assert ours in home.to_verify.cases and theirs not in home.to_verify.cases
    assert (
        home.to_verify.count
        == Case.objects.for_user(laocheng_supervisor)
        .filter(state="replied", supervising_unit=district)
        .count()
    )


def test_a_case_whose_deadline_ends_today_is_due_today_until_replied(
    laocheng_supervisor: Any, make_case: Any
) -> None:
    case = make_case(title="今日到期", division=XIGUAN, days=2)
    on_the_day = timezone.make_aware(dt.datetime.combine(deadline_day(case.due_at), dt.time(9)))
    assert case in services.supervisor_home(laocheng_supervisor, on_the_day).due_today.cases
    assert (
        case
        not in services.supervisor_home(
            laocheng_supervisor, on_the_day - dt.timedelta(days=1)
        ).due_today.cases
    )
    act.reply_case(get_user_model().objects.get(username="wangge"), case, note="已办")
    assert case not in services.supervisor_home(laocheng_supervisor, on_the_day).due_today.cases


def test_the_supervisors_counts_link_to_the_lists_that_hold_them(
    client: Any, laocheng_supervisor: Any, make_case: Any
) -> None:
    district = Unit.objects.get(name="洛阳市老城区人民政府")
    make_case("replied", title="待本单位审核", division=XIGUAN, supervising_unit=district)
    home = services.supervisor_home(laocheng_supervisor)
    client.force_login(laocheng_supervisor)
    listed = client.get("/cases/cases/?to_verify=true")
    assert listed.status_code == 200
    assert "待本单位审核" in listed.content.decode()
    assert home.to_verify.count >= 1
    assert client.get("/cases/cases/?due_today=true").status_code == 200


# --- party, militia, study rooms ------------------------------------------------------------------------


def test_a_party_secretary_sees_their_branches_meetings_due_and_not_another_districts(client: Any) -> None:
    secretary = account("laocheng-dangwei", "party_secretary", LAOCHENG)
    inside = party.organisation(party.XIGUAN, name="西关测试党支部")
    outside = party.organisation(party.KAIYUAN, name="开元路测试党支部")
    branches = [branch.organisation for branch in services.party_home(secretary).branches]
    assert inside in branches and outside not in branches
    html = home_page(secretary, client)
    assert "西关测试党支部" in html and "开元路测试党支部" not in html
    assert "figure-party.meeting_compliance" in html


def test_a_culture_office_sees_its_late_rooms_and_not_another_districts(client: Any) -> None:
    office = account("laocheng-shufang", "culture_office", LAOCHENG)
    year = timezone.localdate().year
    deadline = timezone.localdate() - dt.timedelta(days=1)
    ours = studyrooms.plan(studyrooms.LAOCHENG, year=year, deadline=deadline)
    theirs = studyrooms.plan(studyrooms.LUOLONG, year=year, deadline=deadline)
    late = studyrooms.room(studyrooms.XIGUAN, name="西关迟建书房", plan=ours, state="started")
    studyrooms.room(studyrooms.KAIYUAN, name="开元迟建书房", plan=theirs, state="started")
    home = services.studyrooms_home(office)
    assert late in home.late and [row.plan for row in home.plans] == [ours]
    html = home_page(office, client)
    assert "西关迟建书房" in html and "开元迟建书房" not in html


def test_the_militia_home_shows_aggregates_to_the_militia_roles_only(users: Any) -> None:
    home = services.militia_home(users["wuzhuang"])
    assert home is not None
    assert {reading.figure.key for reading in home.figures} == set(services.MILITIA_FIGURES)
    for username in ("lingdao", "admin", "duban", "wangge", "beiyao"):
        assert services.militia_home(users[username]) is None


@pytest.mark.parametrize(
    "username", ["lingdao", "admin", "zhujian", "laocheng", "luolong", "wangge", "duban", "beiyao"]
)
def test_no_home_of_a_role_outside_the_militia_shows_a_militia_figure(client_as: Any, username: str) -> None:
    html = client_as(username).get("/").content.decode()
    assert "militia." not in html and "/militia/" not in html


# --- the menu per role ------------------------------------------------------------------------------------


def test_a_menu_entry_is_hidden_only_when_every_role_of_the_user_hides_it() -> None:
    assert hidden_menu_items(["leader"]) == frozenset(OPERATIONS_MENU)
    assert hidden_menu_items(["leader", "city_admin"]) == frozenset()
    assert hidden_menu_items(["a_citys_own_role"]) == frozenset()
    assert hidden_menu_items([]) == frozenset()


def test_leaders_do_not_see_the_message_log_or_the_calendar_corrections(client_as: Any) -> None:
    leader = client_as("lingdao").get("/cases/statistics/").content.decode()
    admin = client_as("admin").get("/cases/statistics/").content.decode()
    for url in ("/monitoring/messages/", "/cases/holidayoverrides/"):
        assert url not in leader
    assert "节假日校正" not in leader and "报文日志" not in leader
    assert "节假日校正" in admin and "报文日志" in admin


def test_a_leader_who_also_administers_the_city_keeps_the_operators_entries(client: Any) -> None:
    both = account("lingdao-admin", "leader", "410300000000")
    both.account.roles.add(Role.objects.get(code="city_admin"))
    client.force_login(both)
    html = client.get("/cases/statistics/").content.decode()
    assert "节假日校正" in html and "报文日志" in html
