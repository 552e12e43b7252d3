"""Equipment reserves' ledgers through the generic checks (the militia officer of 瀍河区 acts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import models

from heluo.militia import ledgers_equipment as ledgers
from tests.core.ledger_cases import LedgerViewCases

from .factories_c import (
    ACTOR,
    CHANHE,
    LUOLONG,
    VIEWER,
    check,
    department,
    item,
    militia_reader,
)

DAY = dt.date(2026, 1, 15)


@pytest.fixture(autouse=True)
def _setup(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The viewer exists before each class's clients log in."""
    militia_reader()


def _code(in_scope: bool) -> str:
    return CHANHE if in_scope else LUOLONG


class TestEquipmentItemViews(LedgerViewCases):
    ledger = ledgers.equipment_item
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        return item(_code(in_scope))

    def create_data(self) -> dict[str, Any]:
        return {"name": "便携式发电机", "category": "rescue", "quantity": "6", "measure": "台", "condition": "good",
                "department": department().pk, "kept_at": "人武部器材库", "check_every_days": "90"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "check_every_days": "0"}, "check_every_days"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "category": "rescue", "quantity": "8", "measure": "台", "condition": "repair",  # type: ignore[attr-defined]
                "department": obj.department_id, "kept_at": "人武部器材库", "check_every_days": "30"}  # type: ignore[attr-defined]  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        check(obj, DAY)  # type: ignore[arg-type]


class TestEquipmentCheckViews(LedgerViewCases):
    ledger = ledgers.equipment_check
    actor, viewer = ACTOR, VIEWER

    def make(self, in_scope: bool) -> models.Model:
        return check(item(_code(in_scope)), DAY, checked_by=f"保管员{_code(in_scope)}")

    def create_data(self) -> dict[str, Any]:
        return {"item": item().pk, "checked_on": "2026-02-01", "checked_by": "器材保管员", "quantity_found": "9",
                "condition": "good", "findings": "少1件,已报告"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "checked_on": "不是日期"}, "checked_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"item": obj.item_id, "checked_on": "2026-02-02", "checked_by": obj.checked_by,  # type: ignore[attr-defined]
                "quantity_found": "10", "condition": "repair", "findings": "两台待修"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.checked_by  # type: ignore[attr-defined]
