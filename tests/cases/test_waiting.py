"""The handler stops the clock while waiting on the other party (cases.sources: waits_on): allowed only
for a source that declares it, with a reason the supervisor sees, restarted by the handler or a supervisor,
the working days left counting again from the restart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from heluo.cases.models import Case, EventKind, State
from heluo.cases.services import transitions as act
from heluo.cases.sources import SOURCES, register_source
from heluo.core.workflow import TransitionRefused

from .conftest import local

WAITING_SOURCE = "test_waiting_source"


@pytest.fixture
def waiting_source() -> Iterator[str]:
    register_source(WAITING_SOURCE, "测试来源", waits_on="等待企业补充材料")
    yield WAITING_SOURCE
    SOURCES.pop(WAITING_SOURCE)


def test_the_handler_of_a_waiting_source_stops_the_clock_and_the_deadline_moves_by_the_days_paused(
    make_case: Any, users: dict[str, Any], waiting_source: str
) -> None:
    case = make_case("in_progress", at=local("2026-11-20 10:00"), days=5, source_kind=waiting_source)
    assert case.due_date == dt.date(2026, 11, 27)
    case = act.wait_case(users["wangge"], case, reason="营业执照复印件未提供", at=local("2026-11-23 09:00"))
    assert case.state == State.SUSPENDED and case.waiting and case.next_action_at is None
    assert case.events.get(kind=EventKind.WAITING).data == {"waiting_on": "等待企业补充材料"}
    # Two working days paused (Monday and Tuesday): the four left count again from Wednesday.
    case, warnings = act.end_waiting(users["wangge"], case, note="材料已补齐", at=local("2026-11-25 09:00"))
    assert case.state == State.IN_PROGRESS and not case.waiting and case.suspension_reason == ""
    assert warnings == [] and case.due_date == dt.date(2026, 12, 1)
    assert case.original_due_date == dt.date(2026, 12, 1)


def test_the_supervisor_sees_the_reason_on_the_case_page_and_its_timeline(
    make_case: Any, users: dict[str, Any], client_as: Any, waiting_source: str
) -> None:
    case = act.wait_case(
        users["wangge"], make_case("assigned", source_kind=waiting_source), reason="等待环评批复"
    )
    page = client_as("duban").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="suspension"' in page and page.count("等待环评批复") == 2
    assert 'data-testid="waiting-on"' in page and "等待企业补充材料" in page
    assert 'data-testid="act-resume"' in page  # a supervisor may restart it too
    handler_page = client_as("wangge").get(case.get_absolute_url()).content.decode()
    assert 'data-testid="act-end_wait"' in handler_page and 'data-testid="act-resume"' not in handler_page


def test_the_handler_stops_the_clock_through_the_page(
    make_case: Any, client_as: Any, waiting_source: str
) -> None:
    case = make_case("assigned", source_kind=waiting_source)
    assert 'data-testid="act-wait"' in client_as("wangge").get(case.get_absolute_url()).content.decode()
    response = client_as("wangge").post(f"/cases/cases/{case.pk}/act/wait/", {"wait-note": "等待补充材料"})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).suspension_reason == "等待补充材料"


def test_a_handler_of_another_source_may_not_stop_the_clock(make_case: Any, users: dict[str, Any]) -> None:
    root = get_user_model().objects.create_superuser("root", "", "x")
    case = make_case("in_progress", source_kind="patrol")
    version = case.row_version
    with pytest.raises(PermissionDenied):
        act.wait_case(users["wangge"], case, reason="等待")
    with pytest.raises(TransitionRefused):
        act.wait_case(root, case, reason="等待")
    assert Case.objects.get(pk=case.pk).row_version == version
    assert "wait" not in {t.name for t in act.allowed(users["wangge"], case)}


def test_the_handler_may_not_restart_a_supervisors_suspension(
    make_case: Any, users: dict[str, Any], waiting_source: str
) -> None:
    case = make_case("in_progress", source_kind=waiting_source)
    case = act.suspend_case(users["duban"], case, reason="等待法院判决")
    assert case.suspension_reason == "等待法院判决" and not case.waiting
    with pytest.raises(PermissionDenied):
        act.end_waiting(users["wangge"], case)
    case, _warnings = act.resume_case(users["duban"], case)
    assert case.state == State.IN_PROGRESS and case.suspension_reason == ""


def test_a_reason_is_required_to_stop_the_clock(
    make_case: Any, users: dict[str, Any], waiting_source: str
) -> None:
    case = make_case("in_progress", source_kind=waiting_source)
    with pytest.raises(ValidationError):
        act.wait_case(users["wangge"], case, reason="  ")
    assert Case.objects.get(pk=case.pk).state == State.IN_PROGRESS
