"""A problem an enterprise raises: its supervision case (carried by the enterprise's chief service
officer, the responsible unit's, due by the "done" time limit), the time limits as data, the clock stopped
while waiting on the enterprise, the follow-up call required to close, and the officer's ranking."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from heluo.cases.models import Case, State
from heluo.cases.services import transitions as act
from heluo.core.models import Account, Division, Person, Unit, UnitType
from heluo.enterprise.service.models import (
    FollowUp,
    OfficerAssignment,
    Problem,
    ProblemCategory,
    Satisfaction,
    Stage,
    TimeLimit,
)
from heluo.enterprise.service.services import (
    FollowUpRecord,
    officer_loads,
    open_problem_case,
    record_follow_up,
    stages,
    time_limit,
)

_numbers = itertools.count(1)
FRIDAY = timezone.make_aware(dt.datetime(2026, 11, 20, 10))  # five working days later: Friday 27 November


def local(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.fixture
def officer(db: Any) -> Person:
    person = Account.objects.get(user__username="fuwuguan").person
    assert person is not None
    return person


def enterprise(officer: Person | None = None) -> Unit:
    unit = Unit.objects.create(
        name=f"问题测试企业{next(_numbers)}", unit_type=UnitType.objects.get(code="enterprise"),
        division=Division.objects.get(code="410302001000"),
    )  # fmt: skip
    if officer is not None:
        OfficerAssignment.objects.create(officer=officer, enterprise=unit, start=dt.date(2026, 1, 1))
    return unit


def raise_problem(unit: Unit, *, category: str = "power", at: dt.datetime = FRIDAY) -> Problem:
    problem = Problem.objects.create(
        enterprise=unit, category=ProblemCategory.objects.get(code=category), description="用电增容",
        raised_on=timezone.localtime(at).date(), responsible_unit=Unit.objects.get(name="老城区发展和改革委员会"),
    )  # fmt: skip
    open_problem_case(problem, at=at)
    problem.refresh_from_db()
    return problem


def replied(problem: Problem, users: dict[str, Any], at: dt.datetime = FRIDAY) -> Case:
    case = act.accept_case(users["fuwuguan"], problem.case, at=at)
    return act.reply_case(users["fuwuguan"], case, note="已协调供电公司", at=at + dt.timedelta(days=1))


# --- the case ------------------------------------------------------------------------------------


def test_a_problem_opens_one_case_carried_by_its_officer_for_the_responsible_unit(officer: Person) -> None:
    problem = raise_problem(enterprise(officer))
    case = problem.case
    assert case is not None and case.state == State.ASSIGNED and case.source == problem
    assert case.handler.person == officer and case.responsible_unit.name == "老城区发展和改革委员会"
    assert case.time_limit_days == 5 and case.due_date == dt.date(2026, 11, 27)
    assert (
        open_problem_case(problem) == case
        and Case.objects.filter(source_id=problem.pk, source_kind="enterprise_problem").count() == 1
    )


def test_a_problem_recorded_on_its_page_opens_its_case(client_as: Any, officer: Person) -> None:
    unit = enterprise(officer)
    response = client_as("fuwuguan").post("/enterprise/service/problems/add/", {
        "enterprise": unit.pk, "category": ProblemCategory.objects.get(code="funds").pk, "description": "贷款贴息",
        "raised_on": "2026-11-20", "responsible_unit": Unit.objects.get(name="老城区金融工作局").pk,
    })  # fmt: skip
    assert response.status_code == 302
    problem = Problem.objects.get(enterprise=unit)
    assert problem.case is not None and problem.case.handler.person == officer


def test_without_an_officer_or_a_handler_in_the_unit_the_case_waits_for_a_supervisor(db: Any) -> None:
    case = raise_problem(enterprise()).case
    assert case is not None and case.state == State.REGISTERED


# --- time limits as data --------------------------------------------------------------------------


def test_the_time_limits_are_data_with_the_common_practice_as_default(officer: Person) -> None:
    defaults = dict(TimeLimit.objects.filter(category=None).values_list("stage", "working_days"))
    assert defaults == {"report": 1, "opinion": 2, "done": 5, "feedback": 1, "misdirected": 2}
    TimeLimit.objects.filter(stage=Stage.DONE, category=None).update(working_days=3)
    land = ProblemCategory.objects.get(code="land")
    TimeLimit.objects.create(stage=Stage.DONE, category=land, working_days=10)
    assert (
        time_limit(Stage.DONE, ProblemCategory.objects.get(code="power")) == 3
        and time_limit(Stage.DONE, land) == 10
    )
    assert raise_problem(enterprise(officer)).case.due_date == dt.date(2026, 11, 25)
    assert raise_problem(enterprise(officer), category="land").case.due_date == dt.date(2026, 12, 4)


def test_each_stage_is_shown_with_its_due_day_by_the_cases_calendar(
    officer: Person, users: dict[str, Any]
) -> None:
    problem = raise_problem(enterprise(officer))
    replied(problem, users)
    due = {row.stage: row.due for row in stages(problem)}
    # Assigned Friday 20 November: report by Monday, opinion Tuesday, misdirected Tuesday, done Friday 27;
    # the reply came Saturday 21st, so feedback is due Monday 23rd.
    assert due == {"report": dt.date(2026, 11, 23), "opinion": dt.date(2026, 11, 24), "done": dt.date(2026, 11, 27),
                   "feedback": dt.date(2026, 11, 23), "misdirected": dt.date(2026, 11, 24)}  # fmt: skip
    met = {row.stage: row.done_at for row in stages(problem)}
    assert met["report"] == FRIDAY and met["done"] is not None and met["feedback"] is None


# --- waiting on the enterprise ------------------------------------------------------------------------


def test_the_officer_stops_the_clock_while_waiting_on_the_enterprise(
    officer: Person, users: dict[str, Any], client_as: Any
) -> None:
    problem = raise_problem(enterprise(officer))
    case = act.accept_case(users["fuwuguan"], problem.case, at=FRIDAY)
    case = act.wait_case(
        users["fuwuguan"], case, reason="等待企业补充用电负荷申请表", at=local("2026-11-23 09:00")
    )
    case, _warnings = act.end_waiting(users["fuwuguan"], case, at=local("2026-11-25 09:00"))
    assert case.due_date == dt.date(2026, 12, 1)  # two working days paused
    page = client_as("laocheng").get(case.get_absolute_url()).content.decode()
    assert "等待企业补充用电负荷申请表" in page and "等待企业补充材料" in page


# --- the follow-up call ----------------------------------------------------------------------------


def test_a_case_does_not_close_without_the_follow_up_call(
    officer: Person, users: dict[str, Any], client_as: Any
) -> None:
    problem = raise_problem(enterprise(officer))
    case = replied(problem, users)
    with pytest.raises(ValidationError):
        act.close_case(users["laocheng"], case)
    assert Case.objects.get(pk=case.pk).state == State.REPLIED
    response = client_as("laocheng").post(f"/cases/cases/{case.pk}/act/close/", {"close-note": ""})
    assert response.status_code == 400 and "回访" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.REPLIED


def test_the_follow_up_call_recorded_on_the_problems_page_closes_the_case(
    officer: Person, users: dict[str, Any], client_as: Any
) -> None:
    problem = raise_problem(enterprise(officer))
    replied(problem, users)
    page = client_as("laocheng").get(problem.get_absolute_url()).content.decode()
    assert 'data-testid="follow-up-form"' in page and 'data-testid="stages"' in page
    response = client_as("laocheng").post(f"/enterprise/service/problems/{problem.pk}/follow-up/", {
        "called_on": "2026-11-24", "called_by": "陈志远", "satisfaction": "satisfied", "remarks": "已通电",
        "then": "close",
    })  # fmt: skip
    assert response.status_code == 302
    assert Case.objects.get(pk=problem.case_id).state == State.CLOSED
    assert FollowUp.objects.get(problem=problem).history.first().history_user == users["laocheng"]


def test_a_follow_up_that_would_close_is_refused_whole_to_someone_who_may_not_close(
    officer: Person, users: dict[str, Any], client_as: Any
) -> None:
    problem = raise_problem(enterprise(officer))
    replied(problem, users)
    response = client_as("fuwuguan").post(f"/enterprise/service/problems/{problem.pk}/follow-up/", {
        "called_on": "2026-11-24", "called_by": "陈志远", "satisfaction": "satisfied", "then": "close"})  # fmt: skip
    assert response.status_code == 403
    assert not FollowUp.objects.filter(problem=problem).exists()
    assert Case.objects.get(pk=problem.case_id).state == State.REPLIED


def test_an_unsatisfied_follow_up_sends_the_problem_back_and_reopens_a_closed_one(
    officer: Person, users: dict[str, Any]
) -> None:
    problem = raise_problem(enterprise(officer))
    replied(problem, users)
    unhappy = FollowUpRecord(
        dt.date(2026, 11, 24), "陈志远", Satisfaction.UNSATISFIED, "仍未通电", "send_back"
    )
    record_follow_up(users["laocheng"], problem, unhappy)
    assert Case.objects.get(pk=problem.case_id).state == State.RETURNED
    case = act.reply_case(users["fuwuguan"], Case.objects.get(pk=problem.case_id), note="已通电")
    happy = FollowUpRecord(timezone.localdate(), "陈志远", Satisfaction.SATISFIED, "", "close")
    record_follow_up(users["laocheng"], problem, happy)
    assert Case.objects.get(pk=case.pk).state == State.CLOSED
    later = FollowUpRecord(timezone.localdate(), "陈志远", Satisfaction.UNSATISFIED, "又停电了", "send_back")
    record_follow_up(users["laocheng"], problem, later)
    assert Case.objects.get(pk=case.pk).state == State.ASSIGNED


def test_bad_follow_ups_are_refused_and_record_nothing(officer: Person, users: dict[str, Any]) -> None:
    problem = raise_problem(enterprise(officer))
    early = FollowUpRecord(dt.date(2026, 11, 24), "陈志远", Satisfaction.SATISFIED)
    with pytest.raises(ValidationError):
        record_follow_up(users["laocheng"], problem, early)  # nothing was done yet
    replied(problem, users)
    for bad in (
        FollowUpRecord(dt.date(2026, 11, 20), "陈志远", Satisfaction.SATISFIED),  # before the reply
        FollowUpRecord(timezone.localdate() + dt.timedelta(days=1), "陈志远", Satisfaction.SATISFIED),
        FollowUpRecord(dt.date(2026, 11, 24), " ", Satisfaction.SATISFIED),
        FollowUpRecord(dt.date(2026, 11, 24), "陈志远", Satisfaction.SATISFIED, then="send_back"),
    ):
        with pytest.raises(ValidationError):
            record_follow_up(users["laocheng"], problem, bad)
    assert not FollowUp.objects.filter(problem=problem).exists()


# --- the officer's page --------------------------------------------------------------------------------


def test_the_officers_enterprises_rank_by_open_problems_then_the_longest_overdue(
    officer: Person, users: dict[str, Any], client_as: Any
) -> None:
    calm, busy, late, solved = (enterprise(officer) for _ in range(4))
    raise_problem(busy, at=timezone.now() - dt.timedelta(hours=2))
    raise_problem(busy, at=timezone.now() - dt.timedelta(hours=1))
    raise_problem(late, at=local("2026-10-09 10:00"))  # long overdue
    raise_problem(late, at=timezone.now() - dt.timedelta(hours=1))
    problem = raise_problem(solved, at=timezone.now() - dt.timedelta(hours=1))
    act.cancel_case(users["laocheng"], problem.case, reason="重复")
    ranked = [load.enterprise_id for load in officer_loads(officer, users["fuwuguan"])]
    mine = [pk for pk in ranked if pk in {calm.pk, busy.pk, late.pk, solved.pk}]
    assert mine == [late.pk, busy.pk, calm.pk, solved.pk] or mine == [late.pk, busy.pk, solved.pk, calm.pk]
    loads = {load.enterprise_id: load for load in officer_loads(officer, users["fuwuguan"])}
    assert loads[late.pk].overdue_problems == 1 and loads[busy.pk].overdue_problems == 0
    assert loads[solved.pk].open_problems == 0
    page = client_as("fuwuguan").get(f"/enterprise/service/officers/{officer.pk}/").content.decode()
    assert page.index(late.name) < page.index(busy.name) < page.index(calm.name)


def test_the_officers_page_is_refused_without_the_right_and_hidden_outside_scope(
    officer: Person, client_as: Any
) -> None:
    enterprise(officer)
    assert client_as("wuzhuang").get(f"/enterprise/service/officers/{officer.pk}/").status_code == 403
    assert client_as("luolong").get(f"/enterprise/service/officers/{officer.pk}/").status_code == 404
    assert client_as("lingdao").get(f"/enterprise/service/officers/{officer.pk}/").status_code == 200


def test_the_api_records_the_follow_up_call_as_the_page_does(officer: Person, users: dict[str, Any]) -> None:
    from rest_framework.test import APIClient

    problem = raise_problem(enterprise(officer))
    client = APIClient()
    client.force_authenticate(users["laocheng"])
    url = f"/api/enterprise/service/problems/{problem.pk}/follow-up/"
    early = client.post(url, {"called_on": "2026-11-24", "called_by": "陈志远", "satisfaction": "satisfied"})
    assert early.status_code == 400 and not FollowUp.objects.filter(problem=problem).exists()
    replied(problem, users)
    answer = client.post(url, {"called_on": "2026-11-24", "called_by": "陈志远", "satisfaction": "fairly",
                               "then": "close"})  # fmt: skip
    assert answer.status_code == 201 and answer.json()["satisfaction"] == "fairly"
    assert Case.objects.get(pk=problem.case_id).state == State.CLOSED
    reader = APIClient()
    reader.force_authenticate(users["lingdao"])
    assert (
        reader.post(
            url, {"called_on": "2026-11-25", "called_by": "某", "satisfaction": "satisfied"}
        ).status_code
        == 403
    )


def test_the_unit_answering_for_an_open_problem_changes_on_its_case_only(
    officer: Person, client_as: Any
) -> None:
    problem = raise_problem(enterprise(officer))
    response = client_as("laocheng").post(f"/enterprise/service/problems/{problem.pk}/edit/", {
        "enterprise": problem.enterprise_id, "category": problem.category_id, "description": "改为科技局办理",
        "raised_on": "2026-11-20", "responsible_unit": Unit.objects.get(name="老城区科学技术局").pk,
    })  # fmt: skip
    assert response.status_code == 400 and "reassign" not in response.content.decode()
    assert Problem.objects.get(pk=problem.pk).responsible_unit.name == "老城区发展和改革委员会"
