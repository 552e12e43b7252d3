"""Training's ledgers through the generic checks: pages, API and Excel round trip, in and out of scope,
with and without the right (the militia officer of 瀍河区 acts; a read-only militia account views)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from heluo.militia import ledgers_training as ledgers
from heluo.militia.models import TrainingAttendance
from tests.core.ledger_cases import LedgerViewCases

from .conftest import CITY_OFFICER
from .factories_c import (
    ACTOR,
    CHANHE,
    LUOLONG,
    VIEWER,
    category,
    member,
    militia_reader,
    session,
    subject,
    unit,
)


@pytest.fixture(autouse=True)
def _setup(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The viewer exists before each class's clients log in."""
    militia_reader()


def _code(in_scope: bool) -> str:
    return CHANHE if in_scope else LUOLONG


class TestTrainingSubjectViews(LedgerViewCases):
    ledger = ledgers.training_subject
    actor, viewer = CITY_OFFICER, VIEWER  # the outline is the city's

    def make(self, in_scope: bool) -> models.Model:
        return subject()

    def create_data(self) -> dict[str, Any]:
        return {"name": "无人机操控训练", "audience": "specialist", "category": category("drone").pk,
                "required_hours": "32", "order": "5"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "category": ""}, "category"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "audience": "primary", "required_hours": "100", "order": "1"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        session(unit(), subject=obj)


def test_a_district_officer_may_not_change_the_citys_outline(client_as: Any) -> None:
    row = subject()
    answer = client_as(ACTOR).post(
        ledgers.training_subject.url("edit", row.pk),
        {"name": row.name, "audience": "primary", "required_hours": "1", "order": "1"},
    )
    assert "全市民兵基础数据只能由市级人武部门修改" in answer.content.decode() or answer.status_code == 403
    row.refresh_from_db()
    assert row.required_hours != 1


class TestTrainingSessionViews(LedgerViewCases):
    ledger = ledgers.training_session
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        return session(unit(_code(in_scope)), trainer=f"教练{_code(in_scope)}")

    def create_data(self) -> dict[str, Any]:
        return {"unit": unit().pk, "subject": subject().pk, "held_on": "2026-03-12", "hours": "4",
                "place": "市民兵训练基地", "trainer": "王教练"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "hours": "30"}, "hours"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"unit": obj.unit_id, "subject": obj.subject_id, "held_on": "2026-03-13", "hours": "6",  # type: ignore[attr-defined]
                "place": "瀍河区人武部训练场", "trainer": "李教练"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.trainer  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        TrainingAttendance.objects.create(session=obj, member=member(obj.unit))  # type: ignore[attr-defined]


class TestTrainingAttendanceViews(LedgerViewCases):
    ledger = ledgers.training_attendance
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        of = unit(_code(in_scope))
        return TrainingAttendance.objects.create(session=session(of), member=member(of), assessment="good")

    def create_data(self) -> dict[str, Any]:
        of = unit()
        return {
            "session": session(of).pk,
            "member": member(of).pk,
            "present": "on",
            "assessment": "excellent",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "assessment": "outstanding"}, "assessment"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"session": obj.session_id, "member": obj.member_id, "present": "on", "assessment": "pass"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]
