"""Inspections' ledgers through the generic checks (the militia officer of 瀍河区 acts)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models

from heluo.militia import ledgers_inspections as ledgers
from tests.core.ledger_cases import LedgerViewCases

from .factories_c import (
    ACTOR,
    CHANHE,
    LUOLONG,
    VIEWER,
    department,
    finding,
    inspection,
    militia_reader,
    visit,
)


@pytest.fixture(autouse=True)
def _setup(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The viewer exists before each class's clients log in."""
    militia_reader()


def _code(in_scope: bool) -> str:
    return CHANHE if in_scope else LUOLONG


class TestInspectionViews(LedgerViewCases):
    ledger = ledgers.inspection
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        return inspection(_code(in_scope))

    def create_data(self) -> dict[str, Any]:
        return {"inspected_by": "洛阳军分区工作组", "led_by": "姜巍", "division": department().division_id,
                "started_on": "2026-02-10", "ended_on": "2026-02-13", "summary": "检查民兵整组"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "ended_on": "2026-02-09"}, "ended_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"inspected_by": obj.inspected_by, "led_by": "王中立", "division": obj.division_id,  # type: ignore[attr-defined]
                "started_on": "2026-02-10", "ended_on": "2026-02-14"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.inspected_by  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        visit(obj)  # type: ignore[arg-type]


class TestInspectionVisitViews(LedgerViewCases):
    ledger = ledgers.inspection_visit
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        return visit(inspection(_code(in_scope)))

    def create_data(self) -> dict[str, Any]:
        return {"inspection": inspection().pk, "place": "市民兵训练基地", "visited_on": "2026-02-11",
                "looked_at": "应急营训练"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "place": ""}, "place"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"inspection": obj.inspection_id, "place": obj.place, "visited_on": "2026-02-12",  # type: ignore[attr-defined]
                "looked_at": "器材储备"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.place  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        finding(obj.inspection, visit=obj)  # type: ignore[attr-defined]


class TestFindingViews(LedgerViewCases):
    ledger = ledgers.finding
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        return finding(inspection(_code(in_scope)))

    def create_data(self) -> dict[str, Any]:
        return {"inspection": inspection().pk, "text": "器材台账登记不全", "department": department().pk,
                "deadline_days": "15"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "deadline_days": "0"}, "deadline_days"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "inspection": obj.inspection_id,
            "text": f"{obj.text}（已核实）",
            "department": obj.department_id,  # type: ignore[attr-defined]
            "deadline_days": obj.deadline_days,  # type: ignore[attr-defined]  # the open case owns it
        }

    def search_text(self, obj: models.Model) -> str:
        return obj.text  # type: ignore[attr-defined]
