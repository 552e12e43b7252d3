"""The ledgers of dues arrangements, reductions and payments and of points rules, entries and closed years
through the generic checks: pages, API and Excel round trip, in and out of scope, with and without the
right."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.db import models

from heluo.party import ledgers_dues_points as ledgers
from heluo.party.models import DuesPayment, PointsEntry, PointsRule, PointsYear
from heluo.party.services import points
from tests.core.ledger_cases import LedgerViewCases

from . import factories as f
from . import factories_c as c
from .conftest import PARTY_OFFICER

_serial = itertools.count(1)


def _branch(in_scope: bool = True) -> Any:
    return f.organisation(f.XIGUAN if in_scope else f.KAIYUAN)


class TestDuesArrangementViews(LedgerViewCases):
    ledger = ledgers.dues_arrangement
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return c.arrangement(_branch(in_scope), quarterly_allowed=True)

    def create_data(self) -> dict[str, Any]:
        return {"organisation": _branch().pk, "quarterly_allowed": "on", "farmer_amount": "0.50",
                "records_from": "2026-01-01"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "farmer_amount": "1.50"}, "farmer_amount"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "farmer_amount": "0.30", "notes": "支委会决定"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.organisation.name  # type: ignore[attr-defined]


class TestDuesReductionViews(LedgerViewCases):
    ledger = ledgers.dues_reduction
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return c.reduction(f.member(_branch(in_scope)), dt.date(2026, 1, 1), exempt=True)

    def create_data(self) -> dict[str, Any]:
        return {"member": f.member(_branch()).pk, "start": "2026-03-01", "end": "2026-08-01", "amount": "1.00",
                "approved_by": "支部委员会", "reason": "因病生活困难"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "exempt": "on"}, "amount"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"member": obj.member_id, "start": "2026-02-01", "exempt": "on", "approved_by": "支部委员会",  # type: ignore[attr-defined]
                "reason": "失业"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]


class TestDuesPaymentViews(LedgerViewCases):
    ledger = ledgers.dues_payment
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        who = f.member(_branch(in_scope), monthly_income=Decimal("3000"))
        return DuesPayment.objects.create(
            member=who,
            month=dt.date(2026, 10, 1),
            amount=Decimal("15.00"),
            paid_on=dt.date(2026, 10, 8),
            paid_by=who,
        )

    def create_data(self) -> dict[str, Any]:
        who = f.member(_branch(), monthly_income=Decimal("4200"))
        return {"member": who.pk, "month": "2026-11-01", "amount": "42.00", "paid_on": "2026-12-01",
                "paid_by": who.pk, "method": "wechat"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        data = self.create_data()
        return {**data, "paid_by": f.member(_branch()).pk}, "paid_by"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "member": obj.member_id,
            "month": "2026-10-01",
            "amount": "15.00",
            "paid_on": "2026-10-09",  # type: ignore[attr-defined]
            "paid_by": obj.member_id,
            "method": "alipay",
            "note": "补记",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]


class TestPointsRuleViews(LedgerViewCases):
    ledger = ledgers.points_rule
    actor = "admin"

    def make(self, in_scope: bool) -> models.Model:
        return PointsRule.objects.create(
            code=f"test_rule_{next(_serial)}", name=f"测试规则{next(_serial)}", category="task",
            points_per_unit=Decimal("2"),
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"code": f"reading_{next(_serial)}", "name": "读书笔记", "category": "task", "points_per_unit": "1",
                "unit": "each", "yearly_cap": "12"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "points_per_unit": "-1"}, "points_per_unit"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "code": obj.code,
            "name": obj.name,
            "category": "task",
            "points_per_unit": "3",
            "unit": "hour",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        points.add_manual_points(
            f.member(_branch()), obj.code, Decimal("2"), "交办任务", "支部委员会", None, year=2026
        )  # type: ignore[attr-defined]


class TestPointsEntryViews(LedgerViewCases):
    ledger = ledgers.points_entry
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return points.add_manual_points(f.member(_branch(in_scope)), "bonus", Decimal("3"), "志愿服务表现突出",
                                        "支部委员会", None, year=2026)  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"member": f.member(_branch()).pk, "year": "2026", "rule": PointsRule.objects.get(code="bonus").pk,
                "points": "4", "reason": "抗疫志愿服务", "approved_by": "支部委员会"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "approved_by": ""}, "approved_by"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"member": obj.member_id, "year": "2026", "rule": obj.rule_id, "points": "5",  # type: ignore[attr-defined]
                "reason": "抗疫志愿服务（更正）", "approved_by": "支部委员会"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]


class TestPointsYearViews(LedgerViewCases):
    ledger = ledgers.points_year
    actor = PARTY_OFFICER

    def make(self, in_scope: bool) -> models.Model:
        return PointsYear.objects.create(
            organisation=_branch(in_scope), year=2025, closed_on=dt.date(2026, 1, 10)
        )

    def create_data(self) -> dict[str, Any]:
        return {"organisation": _branch().pk, "year": "2025", "closed_on": "2026-01-10"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "year": "2030"}, "year"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "year": "2025", "closed_on": "2026-01-12"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.organisation.name  # type: ignore[attr-defined]


def test_an_entry_from_a_source_is_not_changed_through_the_ledger() -> None:
    entry = points.add_manual_points(
        f.member(_branch()), "bonus", Decimal("3"), "表彰", "支部委员会", None, year=2026
    )
    assert ledgers.points_entry.change_refusal(None, entry) is None
    PointsEntry.objects.filter(pk=entry.pk).update(content_type_id=1, object_id=1)
    entry.refresh_from_db()
    assert "来源" in (ledgers.points_entry.change_refusal(None, entry) or "")
