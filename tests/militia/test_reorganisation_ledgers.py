"""The reorganisation's ledgers through the generic checks: pages, API and Excel round trip, in and out
of scope (wuzhuang sees 瀍河; 伊川 is outside), with and without the right (a militia reader)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import models

from heluo.militia import ledgers_reorganisation as ledgers
from heluo.militia.models import MusterAttendance
from tests.core.ledger_cases import LedgerViewCases

from .factories_b import (  # noqa: F401  (users, militia_users, militia_accounts: fixtures)
    CHANHE,
    CITY,
    READER,
    YICHUAN,
    division,
    member,
    militia_accounts,
    militia_users,
    muster,
    reorganisation,
    target,
    unit,
    users,
)

_years = itertools.count(2030)
_serial = itertools.count(1)


class MilitiaLedgerCases(LedgerViewCases):
    actor = "wuzhuang"
    viewer = READER


class TestReorganisationViews(MilitiaLedgerCases):
    ledger = ledgers.reorganisation

    def make(self, in_scope: bool) -> models.Model:
        return reorganisation(CHANHE if in_scope else YICHUAN, year=next(_years))

    def create_data(self) -> dict[str, Any]:
        return {"name": "瀍河区民兵整组（新建）", "year": next(_years), "division": division(CHANHE).pk,
                "reference_date": "2030-03-01", "required_new_type_share": "20", "min_qualified_share": "60",
                "min_strength_share": "80", "min_muster_turnout": "90", "task": "省赋予的建设任务"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "required_new_type_share": "120"}, "required_new_type_share"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": f"{obj}（改）", "year": obj.year, "division": obj.division_id,  # type: ignore[attr-defined]
                "reference_date": "2030-03-02", "required_new_type_share": "25", "min_qualified_share": "60",
                "min_strength_share": "80", "min_muster_turnout": "90", "task": ""}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        target(obj, obj.division.code, 5)  # type: ignore[arg-type, attr-defined]


class TestReorganisationTargetViews(MilitiaLedgerCases):
    ledger = ledgers.reorganisation_target

    def make(self, in_scope: bool) -> models.Model:
        code = CHANHE if in_scope else YICHUAN
        row = target(reorganisation(code, year=next(_years)), code, 12, "drone")
        row.notes = f"目标测试{next(_serial)}"
        row.save()
        return row

    def create_data(self) -> dict[str, Any]:
        return {"reorganisation": reorganisation(CHANHE, year=next(_years)).pk, "division": division(CHANHE).pk,
                "member_class": "primary", "category": unit(CHANHE, "drone").category_id, "target_count": "6"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "division": division(CITY).pk}, "division"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "reorganisation": obj.reorganisation_id,
            "division": obj.division_id,  # type: ignore[attr-defined]
            "member_class": "primary",
            "category": obj.category_id,
            "target_count": "8",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.notes  # type: ignore[attr-defined]


class TestMusterViews(MilitiaLedgerCases):
    ledger = ledgers.muster

    def make(self, in_scope: bool) -> models.Model:
        code, year = CHANHE if in_scope else YICHUAN, next(_years)
        called = unit(code, name=f"集结测试分队{next(_serial)}")
        return muster(reorganisation(code, year=year), called, held_on=dt.date(year, 3, 15))

    def create_data(self) -> dict[str, Any]:
        year = next(_years)
        return {"reorganisation": reorganisation(CHANHE, year=year).pk, "unit": unit(CHANHE).pk,
                "held_on": f"{year}-03-15", "place": "瀍河区民兵训练场"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        data = self.create_data()
        return {**data, "held_on": f"{int(data['held_on'][:4]) - 1}-03-15"}, "held_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "reorganisation": obj.reorganisation_id,
            "unit": obj.unit_id,  # type: ignore[attr-defined]
            "held_on": obj.held_on.replace(day=16).isoformat(),
            "place": "瀍河区人民武装部",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.unit.name  # type: ignore[attr-defined]


class TestMusterAttendanceViews(MilitiaLedgerCases):
    ledger = ledgers.muster_attendance

    def make(self, in_scope: bool) -> models.Model:
        code, year = CHANHE if in_scope else YICHUAN, next(_years)
        called = unit(code)
        held = muster(reorganisation(code, year=year), called, held_on=dt.date(year, 3, 15))
        return MusterAttendance.objects.create(muster=held, member=member(called))

    def create_data(self) -> dict[str, Any]:
        called, year = unit(CHANHE), next(_years)
        held = muster(reorganisation(CHANHE, year=year), called, held_on=dt.date(year, 3, 15))
        return {"muster": held.pk, "member": member(called).pk, "present": "on"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "present": False}, "absence_reason"  # absent without a reason

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "muster": obj.muster_id,
            "member": obj.member_id,
            "present": False,
            "absence_reason": "因病请假",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]
