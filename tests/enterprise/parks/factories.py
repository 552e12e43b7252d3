"""Rows the science-park tests build: enterprises (core units), parks, stays, awards and yearly figures."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from typing import Any

from heluo.core.demo import synthetic_credit_code
from heluo.core.models import Division, Unit, UnitType
from heluo.enterprise.parks.models import EnterpriseYear, Industry, Park, ParkEnterprise, Qualification

XIGUAN = "410302001000"  # 西关街道, 老城区 (the actor laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)
_serial = itertools.count(1)
_rng = random.Random(7)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def enterprise(code: str = XIGUAN, *, credit_code: bool = True) -> Unit:
    return Unit.objects.create(
        name=f"洛阳测试科技有限公司{next(_serial)}",
        unit_type=UnitType.objects.get(code="enterprise"),
        division=division(code),
        credit_code=synthetic_credit_code(_rng, code) if credit_code else "",
    )


def park(code: str = XIGUAN, **fields: Any) -> Park:
    return Park.objects.create(name=f"测试科技园{next(_serial)}", division=division(code), **fields)


def stay(in_park: Park, unit: Unit | None = None, **fields: Any) -> ParkEnterprise:
    fields.setdefault("industry", Industry.EQUIPMENT)
    fields.setdefault("entered", dt.date(2017, 5, 1))
    return ParkEnterprise.objects.create(
        park=in_park, enterprise=unit or enterprise(in_park.division.code), **fields
    )


def year_row(unit: Unit, year: int = 2018, **fields: Any) -> EnterpriseYear:
    fields.setdefault("revenue", Decimal("1000000"))
    return EnterpriseYear.objects.create(enterprise=unit, year=year, **fields)


def qualification(code: str) -> Qualification:
    return Qualification.objects.get(code=code)
