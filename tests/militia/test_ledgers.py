"""The militia's ledgers through the generic checks: pages, API and Excel round trip, in and out of scope,
with and without the right. The viewer `lingdao` (a leader) is refused every militia page: only the
militia roles open the module."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from django.db import models

from heluo.militia import ledgers
from heluo.militia.models import EligibilityLimits, UnitCategory, UnitMove
from heluo.militia.services.members import move_member
from tests.core.ledger_cases import LedgerViewCases

from . import factories as f
from .conftest import CHANHE_OFFICER, CITY_OFFICER

_serial = count(1)


class KeptLedgerCases(LedgerViewCases):
    def test_a_kept_ledger_deletes_through_neither_way(self) -> None:
        # The generic check deletes as `admin`, whom the militia module refuses before any method is
        # looked at; the militia officer finds no way to delete either.
        obj = self.make(True)
        assert self.api().delete(self.api_url(obj.pk)).status_code == 405
        assert self.model().objects.filter(pk=obj.pk).exists()


class TestArmedForcesDepartmentViews(LedgerViewCases):
    ledger = ledgers.armed_forces_department
    actor = CHANHE_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return f.department(f.CHANHE if in_scope else f.LAOCHENG)

    def create_data(self) -> dict[str, Any]:
        return {"name": "瀍河测试街道武装部", "kind": "township", "division": f.division("410304004000").pk}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "name": ""}, "name"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "kind": "county", "division": obj.division_id, "address": "瀍河区某路1号"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        f.unit(department=obj)


class TestUnitCategoryViews(LedgerViewCases):
    ledger = ledgers.unit_category
    actor = CITY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        n = next(_serial)
        return UnitCategory.objects.create(code=f"test-{n}", name=f"测试分队类别{n}")

    def create_data(self) -> dict[str, Any]:
        return {
            "code": "space",
            "name": "测试航天分队",
            "counts_as_new_type": "on",
            "is_specialist": "on",
            "order": "200",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "code": "emergency"}, "code"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"code": obj.code, "name": obj.name, "counts_as_new_type": "on", "order": "5"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.code  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        f.unit(category=obj)


class TestEligibilityLimitsViews(KeptLedgerCases):
    ledger = ledgers.eligibility_limits
    actor = CITY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return EligibilityLimits.objects.create(
            effective_from=dt.date(2010, 1, 1) + dt.timedelta(days=next(_serial)),
            basis=f"测试通知{next(_serial)}",
        )

    def create_data(self) -> dict[str, Any]:
        return {"effective_from": "2026-03-01", "min_age": "18", "max_age": "45", "primary_max_age": "35",
                "primary_extended_max_age": "50", "basis": "2026年整组通知"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "effective_from": "2000-01-01"}, "effective_from"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"effective_from": obj.effective_from.isoformat(), "min_age": "18", "max_age": "40",  # type: ignore[attr-defined]
                "primary_max_age": "30", "primary_extended_max_age": "35", "basis": "更正"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.basis  # type: ignore[attr-defined]


class TestMilitiaUnitViews(LedgerViewCases):
    ledger = ledgers.militia_unit
    actor = CHANHE_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return f.unit(f.CHANHE if in_scope else f.LAOCHENG)

    def create_data(self) -> dict[str, Any]:
        return {"name": "瀍河区测试应急排", "department": f.department().pk, "division": f.division(f.CHANHE).pk,
                "level": "platoon", "category": f.category().pk, "is_primary": "on", "target_strength": "30"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "level": "army"}, "level"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "department": obj.department_id, "division": obj.division_id, "level": "platoon",  # type: ignore[attr-defined]
                "category": obj.category_id, "is_primary": "on", "target_strength": "40"}  # type: ignore[attr-defined]  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        f.member(unit=obj)


class TestMilitiaMemberViews(LedgerViewCases):
    ledger = ledgers.militia_member
    actor = CHANHE_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return f.member(f.CHANHE if in_scope else f.LAOCHENG)

    def create_data(self) -> dict[str, Any]:
        return {"name": "测试基干民兵", "gender": "male", "birth_date": "2001-06-01", "division": f.division(f.CHANHE).pk,
                "member_class": "primary", "unit": f.unit().pk, "post": "班长", "political_review": "passed",
                "joined_on": "2025-03-01"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        # 29 on the day joined: over the primary militia's 28
        return {**self.create_data(), "birth_date": "1996-02-28"}, "birth_date"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "birth_date": obj.birth_date.isoformat(), "division": obj.division_id,  # type: ignore[attr-defined]
                "member_class": "primary", "post": "副班长", "political_review": "passed",
                "joined_on": obj.joined_on.isoformat()}  # type: ignore[attr-defined]  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        UnitMove.objects.create(member=obj, direction="in", to_unit=f.unit(), moved_on=dt.date(2025, 3, 1))


class TestUnitMoveViews(KeptLedgerCases):
    ledger = ledgers.unit_move
    actor = CHANHE_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        code, officer = (f.CHANHE, CHANHE_OFFICER) if in_scope else (f.LAOCHENG, CITY_OFFICER)
        member = f.member(code)
        return move_member(member, f.unit(code), dt.date(2025, 4, 1), "测试入队", self.users[officer])

    def create_data(self) -> dict[str, Any]:
        return {
            "member": f.member().pk,
            "to_unit": f.unit().pk,
            "moved_on": "2025-05-01",
            "reason": "测试编入",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "to_unit": f.unit(is_primary=False).pk}, "to_unit"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "member": obj.member_id,
            "to_unit": obj.to_unit_id,
            "moved_on": "2025-04-02",
            "reason": "更正日期",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]
