"""Rows the monitoring tests build (in the pytest-django database, with the core demo loaded)."""

from __future__ import annotations

import itertools
from typing import Any

from heluo.core.models import Division
from heluo.monitoring.models import Monitor, MonitoringPoint

XIGUAN = "410302001000"  # 西关街道, 老城区 (laocheng's district)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区 (outside it)

_serial = itertools.count(1)


def point(code: str = XIGUAN) -> MonitoringPoint:
    return MonitoringPoint.objects.create(
        name=f"监测测试点{next(_serial)}", division=Division.objects.get(code=code)
    )


def monitor(code: str = XIGUAN, **fields: Any) -> Monitor:
    fields.setdefault("mn", f"FACT{next(_serial):08d}")
    fields.setdefault("pw", "123456")
    return Monitor.objects.create(point=point(code), **fields)
