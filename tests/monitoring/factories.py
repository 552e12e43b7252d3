"""Rows the monitoring tests build (in the pytest-django database, with the core demo loaded)."""

from __future__ import annotations

import itertools
from typing import Any

from heluo.core.models import Division, Unit, UnitType
from heluo.dust.models import Site, SiteKind
from heluo.monitoring.models import Monitor

XIGUAN = "410302001000"  # 西关街道, 老城区 (laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)

_serial = itertools.count(1)


def site(code: str = XIGUAN) -> Site:
    place = Division.objects.get(code=code)
    unit = Unit.objects.create(
        name=f"监测测试施工单位{next(_serial)}",
        unit_type=UnitType.objects.get(code="enterprise"),
        division=place,
    )
    return Site.objects.create(
        name=f"监测测试工地{next(_serial)}", kind=SiteKind.BUILDING, division=place, contractor=unit
    )


def monitor(code: str = XIGUAN, **fields: Any) -> Monitor:
    fields.setdefault("mn", f"FACT{next(_serial):08d}")
    fields.setdefault("pw", "123456")
    return Monitor.objects.create(site=site(code), **fields)
