"""Rows the city study room tests build: year plans, rooms, hours and statistics."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from heluo.core.models import Division
from heluo.studyrooms.models import MonthlyStatistics, OpeningHours, Room, YearPlan

LAOCHENG = "410302000000"  # 老城区 (the actor laocheng's district)
XIGUAN = "410302001000"  # 西关街道, 老城区
LUOLONG = "410311000000"  # 洛龙区 (outside it)
KAIYUAN = "410311002000"  # 开元路街道, 洛龙区
_serial = itertools.count(1)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def plan(code: str = LAOCHENG, year: int = 2019, **fields: Any) -> YearPlan:
    fields.setdefault("planned_rooms", 5)
    fields.setdefault("deadline", dt.date(year, 8, 31))
    return YearPlan.objects.create(year=year, division=division(code), **fields)


def room(code: str = XIGUAN, **fields: Any) -> Room:
    fields.setdefault("address", "测试路1号")
    fields.setdefault("seats", 40)
    fields.setdefault("name", f"测试城市书房{next(_serial)}")
    return Room.objects.create(division=division(code), **fields)


def hours(
    of: Room, weekday: int = 0, opens: str = "09:00", closes: str = "21:00", **fields: Any
) -> OpeningHours:
    return OpeningHours.objects.create(
        room=of,
        weekday=weekday,
        opens=dt.time.fromisoformat(opens),
        closes=dt.time.fromisoformat(closes),
        **fields,
    )


def month_row(of: Room, month: dt.date = dt.date(2019, 5, 1), **fields: Any) -> MonthlyStatistics:
    fields.setdefault("visits", 1200)
    return MonthlyStatistics.objects.create(room=of, month=month, **fields)
