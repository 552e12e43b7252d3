"""Militia rows for tests: a department, unit and member of 瀍河区 (wuzhuang's) or of 老城区 (not theirs)."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from heluo.core.models import Division
from heluo.militia.models import ArmedForcesDepartment, MilitiaMember, MilitiaUnit, UnitCategory

CHANHE = "410304000000"
LAOCHENG = "410302000000"
_serial = count(1)


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def department(code: str = CHANHE, **fields: Any) -> ArmedForcesDepartment:
    return ArmedForcesDepartment.objects.create(
        **{"name": f"测试人民武装部{next(_serial)}", "kind": "county", "division": division(code), **fields}
    )


def category(code: str = "emergency") -> UnitCategory:
    return UnitCategory.objects.get(code=code)


def unit(code: str = CHANHE, **fields: Any) -> MilitiaUnit:
    dept = fields.pop("department", None) or department(code)
    values = {
        "name": f"测试民兵分队{next(_serial)}", "department": dept, "division": division(code), "level": "squad",
        "category": category(fields.pop("category_code", "emergency")), "is_primary": True, "target_strength": 10,
    }  # fmt: skip
    return MilitiaUnit.objects.create(**{**values, **fields})


def member(code: str = CHANHE, **fields: Any) -> MilitiaMember:
    values = {
        "name": f"测试民兵{next(_serial)}", "birth_date": dt.date(2000, 5, 1), "division": division(code),
        "member_class": "primary", "joined_on": dt.date(2024, 3, 1),
    }  # fmt: skip
    return MilitiaMember.objects.create(**{**values, **fields})
