"""This year's militia reorganisation of Luoyang in the demo (the seed's third article): reference date
1 March, new-type forces (新质力量) at 20 % or more of the primary militia as the province's task says,
targets per county for the primary militia by category, and a muster of the city's emergency battalion.

The departments, units and members it needs are looked up by their canonical names and made, with
every model rule checked, only when missing (part A's demo makes the full roster; this one runs alone
too). The reorganisation and targets are written through their ledgers' forms, the muster through its
service. Deterministic; a second run creates nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db import models

from heluo.core.ledger import Ledger
from heluo.core.models import Division, Unit

from . import ledgers_reorganisation as ledgers
from .models import (
    ArmedForcesDepartment,
    DepartmentKind,
    MemberClass,
    MilitiaMember,
    MilitiaUnit,
    Reorganisation,
    UnitCategory,
    UnitLevel,
)
from .services.muster import Presence, record_muster

CITY = "410300000000"
# The province's task as the seed words it (基干民兵: the article's 基于 is a misprint).
TASK = (
    "按照省赋予我市的民兵队伍建设任务，今年我市普通民兵队伍建设任务保持不变，基干民兵队伍建设任务有所调整，"
    "其中民兵新质力量占比在20%以上。"
)
BATTALION = "洛阳市民兵应急营"
# (county code, emergency company's strength, new-type unit's category, its strength)
COUNTIES = [
    ("410304000000", 12, "drone", 6),
    ("410329000000", 12, "communications", 6),
    ("410306000000", 8, "psychological", 3),
]
BATTALION_STRENGTH = 20
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟强磊军洋勇杰涛明超刚华建国志文斌辉鹏飞东海宇浩"


class _Demo:
    def __init__(self, operator: Any, today: dt.date) -> None:
        self.operator = operator
        self.reference_date = dt.date(today.year, 3, 1)
        self.created: Counter[str] = Counter()
        self.serial = 0

    def count(self, model: type[models.Model]) -> None:
        self.created[str(model._meta.verbose_name_plural)] += 1

    def checked(self, row: models.Model) -> Any:
        """Save a row made here with every model rule checked, and count it."""
        row.is_demo = True  # type: ignore[attr-defined]
        row.full_clean()
        row._history_user = self.operator  # type: ignore[attr-defined]
        row.save()
        self.count(type(row))
        return row

    def save(self, ledger: Ledger, data: dict[str, Any]) -> Any:
        """One row through its ledger's form and save, as every way in writes it."""
        values = {k: (v.pk if isinstance(v, models.Model) else v) for k, v in data.items()}
        form = ledger.form(data=values, user=self.operator)
        if not form.is_valid():
            raise ValueError(f"{ledger.label}: {form.errors.as_text()}")
        form.instance.is_demo = True
        row = ledger.save(form, self.operator)
        self.count(ledger.model)
        return row

    def department(self, code: str, kind: str, parent: ArmedForcesDepartment | None) -> ArmedForcesDepartment:
        division = Division.objects.get(code=code)
        name = "洛阳军分区" if kind == DepartmentKind.MILITARY_SUBDISTRICT else f"{division.name}人民武装部"
        found = ArmedForcesDepartment.objects.filter(name=name).first()
        if found is not None:
            return found
        host = Unit.objects.filter(name=name).first()
        return self.checked(  # type: ignore[no-any-return]
            ArmedForcesDepartment(name=name, kind=kind, division=division, parent=parent, host_unit=host)
        )

    def unit(
        self, name: str, department: ArmedForcesDepartment, level: str, category: str, strength: int
    ) -> MilitiaUnit:
        found = MilitiaUnit.objects.filter(name=name).first()
        if found is not None:
            return found
        return self.checked(  # type: ignore[no-any-return]
            MilitiaUnit(
                name=name, department=department, division=department.division, level=level,
                category=UnitCategory.objects.get(code=category), is_primary=True, target_strength=strength,
            )
        )  # fmt: skip

    def members(self, unit: MilitiaUnit, n: int) -> list[MilitiaMember]:
        """The unit's members, made up to `n` when it has fewer: primary militia aged 20 to 27 on the
        reference date, on the roster since a year before it, two in three veterans or specialists."""
        on_roll = list(unit.members.filter(left_on__isnull=True).order_by("pk"))
        specialist = unit.category.is_specialist
        while len(on_roll) < n:
            self.serial += 1
            k = self.serial
            born = self.reference_date.replace(year=self.reference_date.year - 20 - k % 8) - dt.timedelta(
                days=k
            )
            on_roll.append(
                self.checked(
                    MilitiaMember(
                        name=SURNAMES[k % len(SURNAMES)] + GIVEN[(k * 7) % len(GIVEN)] + GIVEN[(k * 3) % len(GIVEN)],
                        gender="male", birth_date=born, division=unit.division, member_class=MemberClass.PRIMARY,
                        unit=unit, post="战斗员", is_veteran=k % 3 != 0 and not specialist,
                        specialty=unit.category.name.removesuffix("分队") if specialist else "",
                        specialty_matches=specialist and k % 3 != 0,
                        joined_on=self.reference_date - dt.timedelta(days=365), political_review="passed",
                    )
                )
            )  # fmt: skip
        return on_roll

    def load(self) -> Counter[str]:
        year = self.reference_date.year
        if Reorganisation.objects.filter(year=year, division__code=CITY).exists():
            return self.created
        city = self.department(CITY, DepartmentKind.MILITARY_SUBDISTRICT, None)
        battalion = self.unit(BATTALION, city, UnitLevel.BATTALION, "emergency", BATTALION_STRENGTH)
        called = self.members(battalion, BATTALION_STRENGTH)
        targets = []
        for code, strength, category, specialists in COUNTIES:
            department = self.department(code, DepartmentKind.COUNTY, city)
            county = department.division.name
            company = self.unit(f"{county}民兵应急连", department, UnitLevel.COMPANY, "emergency", strength)
            self.members(company, strength)
            kind = UnitCategory.objects.get(code=category)
            special = self.unit(
                f"{county}民兵{kind.name}", department, UnitLevel.PLATOON, category, specialists
            )
            self.members(special, specialists)
            targets += [
                (department.division, "emergency", strength),
                (department.division, category, specialists),
            ]
        # After the roster: saving the reorganisation checks its share.
        reorganisation = self.save(
            ledgers.reorganisation,
            {"name": f"{year}年洛阳市民兵整组", "year": year, "division": Division.objects.get(code=CITY),
             "reference_date": self.reference_date, "required_new_type_share": "20", "min_qualified_share": "60",
             "min_strength_share": "80", "min_muster_turnout": "90", "task": TASK},
        )  # fmt: skip
        for division, category, count in targets:
            self.save(
                ledgers.reorganisation_target,
                {"reorganisation": reorganisation, "division": division, "member_class": MemberClass.PRIMARY,
                 "category": UnitCategory.objects.get(code=category), "target_count": count},
            )  # fmt: skip
        presence = {m.pk: Presence(True) for m in called}
        presence[called[-1].pk] = Presence(False, "外出务工，已请假")
        recorded = record_muster(
            self.operator, reorganisation, battalion, self.reference_date + dt.timedelta(days=14),
            "洛阳市民兵训练基地", presence, is_demo=True,
        )  # fmt: skip
        self.count(type(recorded.muster))
        self.created[str(ledgers.muster_attendance.verbose_name_plural)] += len(presence)
        return self.created


def load(operator: Any, today: dt.date | None = None) -> Counter[str]:
    """Load this year's reorganisation of the city; empty when it is loaded."""
    return _Demo(operator, today or dt.date.today()).load()
