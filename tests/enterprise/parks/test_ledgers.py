"""The science parks' ledgers through the generic checks: pages, API and Excel round trip, in and out
of scope, with and without the right."""

from __future__ import annotations

from typing import Any

from django.db import models

from heluo.enterprise.parks import ledgers
from heluo.enterprise.parks.models import Qualification, QualificationAward
from tests.core.ledger_cases import LedgerViewCases

from .factories import KAIYUAN, XIGUAN, division, enterprise, park, qualification, stay, year_row


class TestParkViews(LedgerViewCases):
    ledger = ledgers.park

    def make(self, in_scope: bool) -> models.Model:
        return park(XIGUAN if in_scope else KAIYUAN, land_area="264", floor_area="43000")

    def create_data(self) -> dict[str, Any]:
        return {"name": "洛阳测试创新园", "division": division(XIGUAN).pk, "land_area": "120.5", "floor_area": "20000",
                "converted_from": "洛阳测试机械厂"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "land_area": "-3"}, "land_area"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "division": obj.division_id, "land_area": "300", "floor_area": "50000"}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        stay(obj)  # type: ignore[arg-type]


class TestParkEnterpriseViews(LedgerViewCases):
    ledger = ledgers.park_enterprise

    def make(self, in_scope: bool) -> models.Model:
        return stay(park(XIGUAN if in_scope else KAIYUAN))

    def create_data(self) -> dict[str, Any]:
        return {"park": park().pk, "enterprise": enterprise().pk, "industry": "internet", "incubating": "on",
                "entered": "2018-03-01"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "left": "2017-01-01"}, "left"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"park": obj.park_id, "enterprise": obj.enterprise_id, "industry": "materials",  # type: ignore[attr-defined]
                "entered": "2017-05-01", "left": "2019-12-31"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]


class TestQualificationViews(LedgerViewCases):
    ledger = ledgers.qualification

    def make(self, in_scope: bool) -> models.Model:
        return Qualification.objects.create(code="test_title", name="测试资质", order=200)

    def create_data(self) -> dict[str, Any]:
        return {"code": "provincial_engineering_centre", "name": "省级工程技术研究中心", "order": "45"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "code": "high_tech"}, "code"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"code": obj.code, "name": "测试资质（改）", "order": "210"}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        QualificationAward.objects.create(enterprise=enterprise(), qualification=obj, obtained=2018)  # type: ignore[misc]


class TestQualificationAwardViews(LedgerViewCases):
    ledger = ledgers.qualification_award

    def make(self, in_scope: bool) -> models.Model:
        unit = enterprise(XIGUAN if in_scope else KAIYUAN)
        return QualificationAward.objects.create(
            enterprise=unit, qualification=qualification("high_tech"), obtained=2018
        )

    def create_data(self) -> dict[str, Any]:
        return {"enterprise": enterprise().pk, "qualification": qualification("neeq_showcase").pk,
                "obtained": "2017", "valid_until": "2019"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "valid_until": "2016"}, "valid_until"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"enterprise": obj.enterprise_id, "qualification": obj.qualification_id,  # type: ignore[attr-defined]
                "obtained": "2018", "valid_until": "2020"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]


class TestEnterpriseYearViews(LedgerViewCases):
    ledger = ledgers.enterprise_year

    def make(self, in_scope: bool) -> models.Model:
        return year_row(enterprise(XIGUAN if in_scope else KAIYUAN))

    def create_data(self) -> dict[str, Any]:
        return {"enterprise": enterprise().pk, "year": "2018", "revenue": "3200000", "rd_spend": "150000",
                "employees": "25", "ip_applications": "2"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "revenue": "-1"}, "revenue"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"enterprise": obj.enterprise_id, "year": "2018", "revenue": "4100000", "rd_spend": "0",  # type: ignore[attr-defined]
                "employees": "30", "ip_applications": "0"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.enterprise.name  # type: ignore[attr-defined]
