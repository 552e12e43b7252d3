"""The year plan against its deadline: progress per county with the countdown, and the late room's one
supervision case, opened by the scan and closed by the room's opening."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from heluo.cases.models import Case, State
from heluo.cases.services import transitions
from heluo.core.models import Person, Role
from heluo.studyrooms import rules
from heluo.studyrooms.models import RoomState, YearPlan
from heluo.studyrooms.services import SOURCE_KIND, move_room, open_late_room_cases, plan_rows, plan_total

from .factories import KAIYUAN, LAOCHENG, LUOLONG, division, plan, room

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def late_cases() -> int:
    return Case.objects.filter(source_kind=SOURCE_KIND).count()


def test_each_countys_progress_counts_its_rooms_and_counts_down_to_its_deadline() -> None:
    today = timezone.localdate()
    laocheng = plan(LAOCHENG, year=today.year, planned_rooms=6, deadline=days(10))
    luolong = plan(LUOLONG, year=today.year, planned_rooms=2, deadline=days(-3))
    room(plan=laocheng, state=RoomState.IN_SERVICE, opened_on=days(-5))
    room(plan=laocheng, state=RoomState.STARTED, started_on=days(-20))
    room(plan=laocheng, state=RoomState.FITTING_OUT, due_on=days(-1))  # its own date has passed
    room(plan=laocheng)
    room(KAIYUAN, plan=luolong)

    rows = plan_rows(YearPlan.objects.filter(year=today.year), today)
    assert [row.plan for row in rows] == [laocheng, luolong]
    assert rows[0].progress == rules.Progress(
        planned=6, built=1, under_way=2, not_started=3, late=1, days_left=10
    )
    assert rows[1].progress == rules.Progress(
        planned=2, built=0, under_way=0, not_started=2, late=1, days_left=-3
    )
    total = plan_total(rows, today)
    assert total == rules.Progress(planned=8, built=1, under_way=2, not_started=5, late=2, days_left=10)


def test_the_plan_page_shows_one_row_per_county_in_scope(client_as: Any) -> None:
    year = timezone.localdate().year
    plan(LAOCHENG, year=year, planned_rooms=6, deadline=days(10))
    plan(LUOLONG, year=year, planned_rooms=2, deadline=days(-3))
    page = client_as("laocheng").get("/studyrooms/plans/progress/", {"year": year}).content.decode()
    assert f'data-testid="plan-{LAOCHENG}"' in page and f'data-testid="plan-{LUOLONG}"' not in page
    city = client_as("lingdao").get("/studyrooms/plans/progress/", {"year": year}).content.decode()
    assert f'data-testid="plan-{LAOCHENG}"' in city and f'data-testid="plan-{LUOLONG}"' in city
    assert client_as("beiyao").get("/studyrooms/plans/progress/").status_code == 403


def test_a_late_room_opens_one_case_and_a_second_scan_none() -> None:
    laocheng = plan(LAOCHENG, deadline=days(-1))
    late = room(plan=laocheng, state=RoomState.STARTED, started_on=days(-30))
    room(plan=laocheng, state=RoomState.IN_SERVICE, opened_on=days(-2))  # built in time
    room(plan=plan(LAOCHENG, year=2099, deadline=days(0)))  # due today: not yet late
    room(plan=laocheng, due_on=days(5))  # its own later date

    assert open_late_room_cases() == 1
    late.refresh_from_db()
    case = late.late_case
    assert case is not None and case.source == late and case.division == late.division
    assert (
        case.state == State.REGISTERED
    )  # nobody of the culture office has an account: a supervisor assigns it
    assert open_late_room_cases() == 0
    assert late_cases() == 1


def test_the_case_goes_to_the_nearest_culture_office(users: dict[str, Any]) -> None:
    office = Role.objects.get(code="culture_office")
    county = users["luolong"].account
    county.person = Person.objects.create(name="区书香办干事", division=division(LUOLONG))
    county.save()
    county.roles.add(office)
    county_room = room(KAIYUAN, plan=plan(LUOLONG, deadline=days(-2)))
    open_late_room_cases()
    county_room.refresh_from_db()
    assert county_room.late_case.state == State.ASSIGNED and county_room.late_case.handler == county

    street = users["wangge"].account  # of 开元路街道 itself, nearer than the district
    street.roles.add(office)
    street_room = room(KAIYUAN, plan=county_room.plan)
    open_late_room_cases()
    street_room.refresh_from_db()
    assert street_room.late_case.handler == street


def test_opening_the_room_closes_its_case_and_the_scan_opens_no_other(users: dict[str, Any]) -> None:
    late = room(plan=plan(LAOCHENG, deadline=days(-1)), state=RoomState.FITTING_OUT, fitting_out_on=days(-9))
    open_late_room_cases()
    late.refresh_from_db()
    case = late.late_case
    handler = users["laocheng"].account
    transitions.assign_case(users["duban"], case, unit=handler.unit, handler=handler, days=10)

    opened = move_room(users["laocheng"], late, "open")
    case.refresh_from_db()
    assert opened.state == RoomState.IN_SERVICE and opened.opened_on == timezone.localdate()
    assert case.state == State.CLOSED
    assert open_late_room_cases() == 0 and late_cases() == 1


def test_opening_a_room_whose_case_was_never_assigned_cancels_it(users: dict[str, Any]) -> None:
    late = room(plan=plan(LAOCHENG, deadline=days(-1)))
    open_late_room_cases()
    late.refresh_from_db()
    move_room(users["laocheng"], late, "open", on=days(-1))
    late.late_case.refresh_from_db()
    assert late.late_case.state == State.CANCELLED


def test_a_closed_case_of_a_room_still_not_open_is_not_opened_again(users: dict[str, Any]) -> None:
    late = room(plan=plan(LAOCHENG, deadline=days(-1)))
    open_late_room_cases()
    late.refresh_from_db()
    transitions.cancel_case(users["duban"], late.late_case, reason="计划调整，改址重建")
    assert open_late_room_cases() == 0 and late_cases() == 1


def test_the_command_scans_and_says_how_many_opened() -> None:
    room(plan=plan(LAOCHENG, deadline=dt.date(2019, 8, 31)))
    out = StringIO()
    call_command("studyrooms", "scan", "--now", "2019-09-01T09:00", stdout=out)
    assert "1" in out.getvalue() and late_cases() == 1
    call_command("studyrooms", "scan", "--now", "2019-09-02T09:00", stdout=out)
    assert late_cases() == 1


def test_the_command_refuses_a_time_it_cannot_read_and_opens_nothing() -> None:
    room(plan=plan(LAOCHENG, deadline=dt.date(2019, 8, 31)))
    with translation.override("zh-hans"), pytest.raises(CommandError, match="不是有效的日期时间"):
        call_command("studyrooms", "scan", "--now", "2019-09-01 上午")
    assert late_cases() == 0


def test_a_plans_page_lists_its_rooms_with_the_late_one_marked(client_as: Any) -> None:
    county = plan(LAOCHENG, planned_rooms=3, deadline=days(-1))
    room(plan=county, state=RoomState.IN_SERVICE, opened_on=days(-3), name="矩阵已开放书房")
    room(plan=county, name="矩阵逾期书房")
    page = client_as("laocheng").get(county.get_absolute_url()).content.decode()
    assert "矩阵已开放书房" in page and "矩阵逾期书房" in page
    assert page.count("text-bg-danger") == 1 and 'data-testid="days-left">-1<' in page
