"""The service desk's ledgers through the generic checks: pages, API and Excel round trip, in and out of
scope, with and without permission. Problem categories and time limits are the city's to edit."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.db import models

from heluo.core.models import Division, Person, Unit, UnitType
from heluo.enterprise.service import ledgers
from heluo.enterprise.service.models import (
    OfficerAssignment,
    Problem,
    ProblemCategory,
    Stage,
    TimeLimit,
    Visit,
)
from heluo.enterprise.service.services import open_problem_case
from tests.core.ledger_cases import LedgerViewCases

LAOCHENG = "410302000000"
LUOLONG = "410311000000"
_numbers = itertools.count(1)


def enterprise(in_scope: bool = True) -> Unit:
    return Unit.objects.create(
        name=f"测试企业{next(_numbers)}号有限公司", unit_type=UnitType.objects.get(code="enterprise"),
        division=Division.objects.get(code=LAOCHENG if in_scope else LUOLONG),
    )  # fmt: skip


def officer() -> Person:
    return Person.objects.create(name="测试服务官", division=Division.objects.get(code=LAOCHENG))


def department() -> Unit:
    return Unit.objects.get(name="老城区发展和改革委员会")


class TestProblemCategoryViews(LedgerViewCases):
    ledger = ledgers.problem_category
    actor = "admin"

    def make(self, in_scope: bool) -> models.Model:
        number = next(_numbers)
        return ProblemCategory.objects.create(code=f"test-{number}", name=f"测试类别{number}")

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        number = next(_numbers)
        return {"code": f"new-{number}", "name": f"新类别{number}", "order": 60}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "name": "资金"}, "name"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"code": obj.code, "name": obj.name + "（改）", "order": 70}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        TimeLimit.objects.create(stage=Stage.DONE, category=obj, working_days=3)  # type: ignore[misc]


class TestTimeLimitViews(LedgerViewCases):
    ledger = ledgers.time_limit
    actor = "admin"

    def make(self, in_scope: bool) -> models.Model:
        category = ProblemCategory.objects.create(
            code=f"tl-{next(_numbers)}", name=f"时限类别{next(_numbers)}"
        )
        return TimeLimit.objects.create(stage=Stage.DONE, category=category, working_days=3, note="测试时限")

    def search_text(self, obj: models.Model) -> str:
        return "测试时限"

    def create_data(self) -> dict[str, Any]:
        return {
            "stage": Stage.OPINION,
            "category": ProblemCategory.objects.get(code="land").pk,
            "working_days": 3,
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "working_days": 0}, "working_days"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"stage": obj.stage, "category": obj.category_id, "working_days": 4}  # type: ignore[attr-defined]


class TestOfficerAssignmentViews(LedgerViewCases):
    ledger = ledgers.officer_assignment

    def make(self, in_scope: bool) -> models.Model:
        return OfficerAssignment.objects.create(officer=officer(), enterprise=enterprise(in_scope),
                                                start=dt.date(2020, 1, 1))  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {"officer": officer().pk, "enterprise": enterprise().pk, "start": "2021-03-01"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "end": "2021-01-01"}, "end"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"officer": obj.officer_id, "enterprise": obj.enterprise_id, "start": "2020-01-01",  # type: ignore[attr-defined]
                "end": "2022-12-31"}  # fmt: skip


class TestVisitViews(LedgerViewCases):
    ledger = ledgers.visit

    def make(self, in_scope: bool) -> models.Model:
        return Visit.objects.create(officer=officer(), enterprise=enterprise(in_scope), date=dt.date(2021, 5, 6),
                                    discussed=f"走访测试{next(_numbers)}")  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.discussed  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "officer": officer().pk,
            "enterprise": enterprise().pk,
            "date": "2021-05-07",
            "discussed": "了解用工",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "discussed": ""}, "discussed"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"officer": obj.officer_id, "enterprise": obj.enterprise_id, "date": "2021-05-06",  # type: ignore[attr-defined]
                "discussed": "了解用工和融资"}  # fmt: skip

    def protect(self, obj: models.Model) -> None:
        Problem.objects.create(enterprise=obj.enterprise, category=ProblemCategory.objects.get(code="funds"),  # type: ignore[attr-defined]
                               description="走访中反映", raised_on=dt.date(2021, 5, 6),
                               responsible_unit=department(), visit=obj)  # fmt: skip


class TestProblemViews(LedgerViewCases):
    ledger = ledgers.problem

    def make(self, in_scope: bool) -> models.Model:
        problem = Problem.objects.create(
            enterprise=enterprise(in_scope), category=ProblemCategory.objects.get(code="power"),
            description=f"用电增容问题{next(_numbers)}", raised_on=dt.date(2021, 6, 1), responsible_unit=department(),
        )  # fmt: skip
        open_problem_case(problem)
        problem.refresh_from_db()
        return problem

    def search_text(self, obj: models.Model) -> str:
        return obj.description  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {"enterprise": enterprise().pk, "category": ProblemCategory.objects.get(code="land").pk,
                "description": "厂房用地手续", "raised_on": "2021-06-02", "responsible_unit": department().pk}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "raised_on": "2021-02-30"}, "raised_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"enterprise": obj.enterprise_id, "category": obj.category_id,  # type: ignore[attr-defined]
                "description": obj.description + "（补充）", "raised_on": "2021-06-01",  # type: ignore[attr-defined]
                "responsible_unit": department().pk}  # fmt: skip


def test_a_district_may_not_change_the_time_limits(client_as: Any) -> None:
    row = TimeLimit.objects.get(stage=Stage.DONE, category=None)
    response = client_as("laocheng").post(
        ledgers.time_limit.url("edit", row.pk), {"stage": "done", "working_days": 9}
    )
    assert response.status_code == 403 and TimeLimit.objects.get(pk=row.pk).working_days == 5
