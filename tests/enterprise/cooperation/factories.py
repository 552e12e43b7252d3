"""Small builders of the cooperation ledger's rows for the tests."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Any

from heluo.core.models import Division, Unit, UnitType
from heluo.enterprise.cooperation.models import CooperationProgress, CooperationProject

_serial = itertools.count(1)

LAOCHENG = "410302000000"  # 老城区, the actor laocheng's district
XIGUAN = "410302001000"  # 西关街道, in 老城区
LUOLONG = "410311000000"  # 洛龙区, outside it
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区

YI = Decimal(100_000_000)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def unit(code: str = LAOCHENG, kind: str = "enterprise") -> Unit:
    return Unit.objects.create(
        name=f"测试合作单位{next(_serial)}",
        unit_type=UnitType.objects.get(code=kind),
        division=division(code),
    )


def project(
    code: str = LAOCHENG, *, total: Decimal = 2 * YI, entry_year: int = 2017, **fields: Any
) -> CooperationProject:
    fields.setdefault("local_party", unit(code, "government"))
    made = CooperationProject.objects.create(
        name=f"测试地企合作项目{next(_serial)}",
        division=division(code),
        total_investment=total,
        entry_year=entry_year,
        **fields,
    )
    made.partners.add(unit(code))
    return made


def progress(
    made: CooperationProject, year: int, state: str, completed: Decimal | None
) -> CooperationProgress:
    return CooperationProgress.objects.create(
        project=made, year=year, state=state, completed_investment=completed
    )
