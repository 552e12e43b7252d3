"""Supervision's rules hold the same on every way in: the deadline asked for (days or a date, one of
them) on the page, the API and the service; a change of the description on the timeline; a closed case
reopened with a new deadline; the source row told when its case closes or reopens."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from heluo.cases import ledgers
from heluo.cases.deadlines import overdue_at
from heluo.cases.models import Case, CaseCategory, EventKind, State, deadline_request_errors
from heluo.cases.services import transitions as act
from heluo.cases.services.registration import Registration, register_case
from heluo.cases.sources import SOURCES, register_source
from heluo.core.models import Division
from heluo.core.workflow import TransitionRefused

from .conftest import XIGUAN

pytestmark = pytest.mark.django_db

BOTH = {"time_limit_days": 5, "requested_due_date": "2030-12-31"}


def registration_data(**extra: Any) -> dict[str, Any]:
    return {
        "title": "规则测试", "category": CaseCategory.objects.get(code="dust").pk, "source_kind": "patrol",
        "division": Division.objects.get(code=XIGUAN).pk, "priority": 1, **extra,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("days", "date", "required", "field"),
    [(5, None, False, None), (None, None, False, None), (None, None, True, "time_limit_days"),
     (5, "2030-12-31", False, "requested_due_date"), (0, None, False, "time_limit_days")],
)  # fmt: skip
def test_the_one_rule_of_how_a_deadline_is_asked_for(
    days: Any, date: Any, required: bool, field: Any
) -> None:
    errors = deadline_request_errors(days, date, required=required)
    assert list(errors) == ([field] if field else [])


def test_the_page_refuses_days_and_a_date_together(client_as: Any) -> None:
    before = Case.objects.count()
    response = client_as("duban").post(ledgers.case.url("add"), registration_data(**BOTH))
    assert response.status_code == 400 and "requested_due_date" in response.context["form"].errors
    assert Case.objects.count() == before


def test_the_api_refuses_days_and_a_date_together(users: dict[str, Any]) -> None:
    client = APIClient()
    client.force_authenticate(users["duban"])
    before = Case.objects.count()
    answer = client.post("/api/cases/cases/", registration_data(**BOTH), format="json")
    assert answer.status_code == 400 and "requested_due_date" in answer.json()["fields"]
    assert Case.objects.count() == before


def test_the_service_refuses_days_and_a_date_together(users: dict[str, Any]) -> None:
    registration = Registration(
        title="规则测试", category=CaseCategory.objects.get(code="dust"), division=Division.objects.get(code=XIGUAN),
        time_limit_days=5, requested_due_date=dt.date(2030, 12, 31),
    )  # fmt: skip
    before = Case.objects.count()
    with pytest.raises(ValidationError) as refusal:
        register_case(users["duban"], registration)
    assert "requested_due_date" in refusal.value.message_dict
    assert Case.objects.count() == before


def test_assigning_needs_days_or_a_date(make_case: Any, users: dict[str, Any], community_unit: Any) -> None:
    case = make_case("registered")
    with pytest.raises(ValidationError) as refusal:
        act.assign_case(users["duban"], case, unit=community_unit)
    assert "days" in refusal.value.message_dict
    assert Case.objects.get(pk=case.pk).state == State.REGISTERED


def test_changing_the_description_writes_its_timeline_event(client_as: Any, make_case: Any) -> None:
    case = make_case("assigned")
    data = {**registration_data(), "title": "改过的标题", "division": case.division_id}
    response = client_as("duban").post(ledgers.case.url("edit", case.pk), data)
    assert response.status_code == 302
    event = case.events.filter(kind=EventKind.EDITED).get()
    assert "title" in event.data["fields"] and event.actor.username == "duban"


def test_an_unchanged_description_writes_no_event(
    client_as: Any, make_case: Any, users: dict[str, Any]
) -> None:
    case = make_case("assigned")
    client = APIClient()
    client.force_authenticate(users["duban"])
    shown = client.get(f"/api/cases/cases/{case.pk}/").json()
    assert client.put(f"/api/cases/cases/{case.pk}/", shown, format="json").status_code == 200
    assert not case.events.filter(kind=EventKind.EDITED).exists()


def test_a_closed_case_is_reopened_with_a_new_deadline(make_case: Any, users: dict[str, Any]) -> None:
    case = make_case("closed")
    reopened, _warnings = act.reopen_case(users["duban"], case, reason="复查又发现裸土未覆盖", days=3)
    assert (reopened.state, reopened.closed_at, reopened.replied_at) == (State.ASSIGNED, None, None)
    assert reopened.assigned_at > case.assigned_at and reopened.due_at > reopened.assigned_at
    assert reopened.events.filter(kind=EventKind.REOPENED).exists()
    with pytest.raises(TransitionRefused):
        act.reopen_case(users["duban"], reopened, reason="再开", days=3)


def test_the_source_hears_when_its_case_closes_and_reopens(make_case: Any, users: dict[str, Any]) -> None:
    heard: list[tuple[int, str]] = []
    kind = SOURCES["inspection"]
    register_source("inspection", kind.label, kind.model, on_change=lambda c: heard.append((c.pk, c.state)))
    try:
        case = make_case("replied", source_kind="inspection")
        Case.objects.filter(pk=case.pk).update(source_id=case.pk)  # any row stands for the source here
        case.refresh_from_db()
        act.close_case(users["duban"], case)
        act.reopen_case(users["duban"], case, reason="复查未通过", days=2)
        act.add_note(users["duban"], case, note="跟进")
    finally:
        register_source("inspection", kind.label, kind.model, on_change=kind.on_change)
    assert heard == [(case.pk, State.CLOSED), (case.pk, State.ASSIGNED)]


def test_overdue_is_one_rule_for_a_case_and_for_the_database(make_case: Any) -> None:
    from django.utils import timezone

    late = make_case("assigned", at=timezone.now() - dt.timedelta(days=30), days=1)
    on_time = make_case("assigned", days=5)
    listed = set(Case.objects.overdue().values_list("pk", flat=True))
    for case in (late, on_time):
        one = overdue_at(
            timezone.now(), state=case.state, assigned_at=case.assigned_at, due_at=case.due_at,
            replied_at=case.replied_at, closed_at=case.closed_at,
        )  # fmt: skip
        assert one == case.is_overdue == (case.pk in listed)
    assert late.is_overdue and not on_time.is_overdue
