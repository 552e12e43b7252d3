"""Rows the training, equipment and inspection tests build (part C): departments, units and members of
their own on part A's departments, subjects, sessions, items, inspections."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from heluo.core.models import Role
from heluo.core.services.accounts import create_account, system_operator
from heluo.militia.models import (
    ArmedForcesDepartment,
    Audience,
    EquipmentCheck,
    EquipmentItem,
    Finding,
    Inspection,
    InspectionVisit,
    MemberClass,
    MilitiaMember,
    MilitiaUnit,
    TrainingSession,
    TrainingSubject,
)
from heluo.militia.services.inspections import open_finding_case

from .factories import category, department, division

CHANHE = "410304000000"  # 瀍河回族区: the militia officer wuzhuang's district
LUOLONG = "410311000000"  # 洛龙区: outside it
ACTOR = "wuzhuang"
VIEWER = "militia_reader_c"
_serial = itertools.count(1)


def militia_reader() -> None:
    """A 瀍河区 account that may view the militia rows but change none (no built-in role does that)."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="militia readers (test)")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="militia", codename__startswith="view_")
    )
    role = Role.objects.create(
        code="militia_reader_c", name="民兵只读（测试）", modules=["core", "militia"], group=group
    )
    create_account(system_operator(), username=VIEWER, roles=[role], home_division=division(CHANHE),
                   password="x" * 12, is_demo=True)  # fmt: skip


def unit(code: str = CHANHE, of: ArmedForcesDepartment | None = None, **fields: Any) -> MilitiaUnit:
    fields.setdefault("name", f"测试民兵应急连{next(_serial)}")
    fields.setdefault("level", "company")
    fields.setdefault("category", category())
    return MilitiaUnit.objects.create(department=of or department(code), division=division(code), **fields)


def member(of: MilitiaUnit, **fields: Any) -> MilitiaMember:
    fields.setdefault("name", f"测试民兵{next(_serial)}")
    fields.setdefault("birth_date", dt.date(2000, 5, 1))
    fields.setdefault("joined_on", dt.date(2024, 3, 1))
    return MilitiaMember.objects.create(
        unit=of, division=of.division, member_class=MemberClass.PRIMARY, **fields
    )


def subject(audience: str = Audience.PRIMARY, hours: str = "96", **fields: Any) -> TrainingSubject:
    fields.setdefault("name", f"测试训练科目{next(_serial)}")
    return TrainingSubject.objects.create(audience=audience, required_hours=Decimal(hours), **fields)


def session(
    of: MilitiaUnit, on: dt.date = dt.date(2026, 3, 10), hours: str = "8", **fields: Any
) -> TrainingSession:
    fields.setdefault("subject", TrainingSubject.objects.filter(audience=Audience.PRIMARY).first())
    fields.setdefault("place", "市民兵训练基地")
    return TrainingSession.objects.create(unit=of, held_on=on, hours=Decimal(hours), **fields)


def item(code: str = CHANHE, **fields: Any) -> EquipmentItem:
    fields.setdefault("name", f"测试器材{next(_serial)}")
    fields.setdefault("category", "rescue")
    fields.setdefault("quantity", 10)
    fields.setdefault("kept_at", "人武部器材库")
    fields.setdefault("department", department(code))
    return EquipmentItem.objects.create(**fields)


def check(of: EquipmentItem, on: dt.date, **fields: Any) -> EquipmentCheck:
    fields.setdefault("checked_by", "器材保管员")
    fields.setdefault("quantity_found", of.quantity)
    return EquipmentCheck.objects.create(item=of, checked_on=on, **fields)


def inspection(code: str = CHANHE, **fields: Any) -> Inspection:
    fields.setdefault("inspected_by", f"测试检查组{next(_serial)}")
    fields.setdefault("started_on", dt.date(2026, 2, 10))
    fields.setdefault("ended_on", dt.date(2026, 2, 13))
    return Inspection.objects.create(division=division(code), **fields)


def visit(of: Inspection, **fields: Any) -> InspectionVisit:
    fields.setdefault("place", f"测试地点{next(_serial)}")
    fields.setdefault("visited_on", of.started_on)
    return InspectionVisit.objects.create(inspection=of, **fields)


def finding(of: Inspection, **fields: Any) -> Finding:
    """A finding with its case, as the ledger's saver leaves it."""
    fields.setdefault("text", f"测试问题{next(_serial)}")
    fields.setdefault("department", department(of.division.code))
    row = Finding.objects.create(inspection=of, **fields)
    open_finding_case(row)
    return row


CITY_OFFICER = "militia_city_c"


def city_militia_officer() -> str:
    """A militia officer of the whole city (军分区), who sees the city's inspection; returns the login."""
    create_account(system_operator(), username=CITY_OFFICER, roles=[Role.objects.get(code="militia_officer")],
                   home_division=division("410300000000"), password="x" * 12, is_demo=True)  # fmt: skip
    return CITY_OFFICER
