"""Every core ledger through the generic view checks (tests/core/ledger_cases.py)."""

from __future__ import annotations

import itertools
from typing import Any

from django.db import models

from heluo.core import ledgers
from heluo.core.models import Division, Grid, GridMembership, GridRole, Person, Role, Unit, UnitType, Zone
from heluo.core.services.accounts import create_account, system_operator

from .ledger_cases import LedgerViewCases

_serial = itertools.count(1)

XIGUAN = "410302001000"  # 西关街道, 老城区 (the actor laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def government() -> UnitType:
    return UnitType.objects.get(code="government")


class TestUnitViews(LedgerViewCases):
    ledger = ledgers.unit

    def make(self, in_scope: bool) -> models.Model:
        return Unit.objects.create(
            name=f"测试单位{next(_serial)}",
            unit_type=government(),
            division=division(XIGUAN if in_scope else KAIYUAN),
        )

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "老城区测试企业",
            "unit_type": UnitType.objects.get(code="enterprise").pk,
            "division": division(XIGUAN).pk,
            "credit_code": "91350100M000100Y43",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "credit_code": "91350100M000100Y44"}, "credit_code"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "name": f"{obj}（改）",
            "unit_type": government().pk,
            "division": division(XIGUAN).pk,
            "contact_phone": "0379-63221234",
        }

    def protect(self, obj: models.Model) -> None:
        Person.objects.create(name="依赖人员", division=division(XIGUAN), unit=obj)


class TestPersonViews(LedgerViewCases):
    ledger = ledgers.person

    def make(self, in_scope: bool) -> models.Model:
        return Person.objects.create(
            name=f"测试人员{next(_serial)}", division=division(XIGUAN if in_scope else KAIYUAN)
        )

    def create_data(self) -> dict[str, Any]:
        return {
            "name": "张测试",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "division": division(XIGUAN).pk,
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "id_number": "110105194912310021"}, "id_number"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": f"{obj}改", "division": division(XIGUAN).pk, "phone": "13812345678"}

    def protect(self, obj: models.Model) -> None:
        grid = Grid.objects.create(name=f"依赖网格{next(_serial)}", division=division(XIGUAN))
        GridMembership.objects.create(grid=grid, person=obj, role=GridRole.objects.get(code="grid_member"))


class TestGridViews(LedgerViewCases):
    ledger = ledgers.grid

    def make(self, in_scope: bool) -> models.Model:
        return Grid.objects.create(
            name=f"测试网格{next(_serial)}", division=division(XIGUAN if in_scope else KAIYUAN)
        )

    def create_data(self) -> dict[str, Any]:
        return {"name": "西关新网格", "division": division(XIGUAN).pk, "level": 2}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "division": division(KAIYUAN).pk}, "division"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": f"{obj}改", "division": division(XIGUAN).pk, "level": 3}

    def protect(self, obj: models.Model) -> None:
        Grid.objects.create(name=f"子网格{next(_serial)}", division=division(XIGUAN), parent=obj)


class TestGridMembershipViews(LedgerViewCases):
    ledger = ledgers.grid_membership

    def make(self, in_scope: bool) -> models.Model:
        code = XIGUAN if in_scope else KAIYUAN
        grid = Grid.objects.create(name=f"成员网格{next(_serial)}", division=division(code))
        person = Person.objects.create(name=f"成员{next(_serial)}", division=division(code))
        return GridMembership.objects.create(
            grid=grid, person=person, role=GridRole.objects.get(code="grid_member")
        )

    def search_text(self, obj: models.Model) -> str:
        return obj.person.name  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        grid = Grid.objects.create(name="成员新网格", division=division(XIGUAN))
        person = Person.objects.create(name="新成员", division=division(XIGUAN))
        return {
            "grid": grid.pk,
            "person": person.pk,
            "role": GridRole.objects.get(code="grid_leader").pk,
            "start": "2026-01-01",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "start": "2026-02-30"}, "start"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "grid": obj.grid_id,
            "person": obj.person_id,
            "role": obj.role_id,
            "start": "2025-06-01",
            "end": "2026-06-01",
        }  # type: ignore[attr-defined]


class TestZoneViews(LedgerViewCases):
    ledger = ledgers.zone
    actor = "admin"

    def make(self, in_scope: bool) -> models.Model:
        n = next(_serial)
        city = division("410300000000") if in_scope else self.other_city()
        return Zone.objects.create(code=f"zone-{n}", name=f"测试功能区{n}", city=city)

    def other_city(self) -> Division:
        return Division.objects.get_or_create(code="410100000000", defaults={"name": "郑州市", "level": 2})[0]

    def create_data(self) -> dict[str, Any]:
        return {
            "code": "new-zone",
            "name": "新功能区",
            "city": division("410300000000").pk,
            "streets": [division(XIGUAN).pk],
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "code": "不是代码"}, "code"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"code": obj.code, "name": f"{obj}改", "city": obj.city_id, "streets": [division(KAIYUAN).pk]}  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        create_account(system_operator(), username=f"zone{obj.pk}", home_zone=obj, password="x" * 12)


class TestDivisionViews(LedgerViewCases):
    ledger = ledgers.division
    actor = "admin"

    def make(self, in_scope: bool) -> models.Model:
        n = next(_serial) % 100
        if in_scope:
            return Division.objects.create(
                code=f"410302{900 + n:03d}000", name=f"测试街道{n}", level=4, parent=division("410302000000")
            )
        return Division.objects.create(code=f"4101{n:02d}000000", name=f"外市区县{n}", level=3)

    def create_data(self) -> dict[str, Any]:
        return {"code": "410302099000", "name": "新设街道", "level": 4, "parent": division("410302000000").pk}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "code": "410311099000"}, "code"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "code": obj.code,
            "name": f"{obj}改",
            "level": obj.level,
            "parent": obj.parent_id or "",
            "valid_to": "2026-01-01",
        }  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        Unit.objects.create(name="依赖单位", unit_type=government(), division=obj)


class TestAccountViews(LedgerViewCases):
    ledger = ledgers.account

    def make(self, in_scope: bool) -> models.Model:
        n = next(_serial)
        home = division(XIGUAN if in_scope else KAIYUAN)
        account, _ = create_account(
            system_operator(),
            username=f"user{n}",
            display_name=f"测试账号{n}",
            home_division=home,
            roles=[Role.objects.get(code="division_staff")],
            password="x" * 12,
        )
        return account

    def create_data(self) -> dict[str, Any]:
        return {
            "username": "xiguan01",
            "display_name": "西关工作人员",
            "home_division": division(XIGUAN).pk,
            "roles": [Role.objects.get(code="division_staff").pk],
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "roles": [Role.objects.get(code="city_admin").pk]}, "roles"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "username": obj.user.username,
            "display_name": "改名",
            "home_division": division(XIGUAN).pk,  # type: ignore[attr-defined]
            "roles": [Role.objects.get(code="grid_officer").pk],
            "is_active": "on",
        }

    def test_the_api_creates_an_account_active_as_the_page_does(self) -> None:
        answer = self.api().post(self.api_url(), {**self.create_data(), "is_active": False}, format="json")
        assert answer.status_code == 201, answer.json()
        assert answer.json()["is_active"] is True and answer.json()["temporary_password"]
