"""Training's, equipment's and inspections' part of the Luoyang demo, through the ledgers' forms and the
services: the seed's inspection — 河南省军区工作组 led by 陈兆明, from the 10th of February to the day
before the article (the 13th), ahead of the reorganisation's reference date of 1 March — at 瀍河回族区
人民武装部, 市民兵训练基地, 伊川县人民武装部 and 吉利区人民武装部, looking at the reorganisation, the
equipment reserves and the training of the city's emergency battalion and the counties' emergency
companies, with two findings (each opening its case); the battalion's and three companies' sessions this
year with attendance (吉利区's company behind its hours); equipment items with their checks (one overdue,
one never checked).

Departments, units and members come from part A's demo when it has run (looked up by their canonical
names); what is missing is made here with the same fields, validated."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from heluo.core.ledger import Ledger
from heluo.core.models import Division, Unit

from . import ledgers_equipment, ledgers_inspections, ledgers_training
from .models import (
    ArmedForcesDepartment,
    Audience,
    DepartmentKind,
    Inspection,
    MemberClass,
    MilitiaMember,
    MilitiaUnit,
    Reorganisation,
    TrainingSubject,
    UnitCategory,
    UnitLevel,
)

CITY = "410300000000"
TEAM = "河南省军区工作组"
BASE = "市民兵训练基地"
# Departments by canonical name: (name, kind, division code).
SUBDISTRICT = ("洛阳军分区", DepartmentKind.MILITARY_SUBDISTRICT, CITY)
CHANHE = ("瀍河回族区人民武装部", DepartmentKind.COUNTY, "410304000000")
YICHUAN = ("伊川县人民武装部", DepartmentKind.COUNTY, "410329000000")
JILI = ("吉利区人民武装部", DepartmentKind.COUNTY, "410306000000")
# Units: (name, level, department, hours a session, day of the month): the battalion and two companies
# train 10 hours on the 1st of every month and stay ahead of the outline; 吉利区's company trains 3 hours
# on the 15th and is behind it whatever the day.
UNITS = (
    ("洛阳市民兵应急营", UnitLevel.BATTALION, SUBDISTRICT, "10", 1),
    ("瀍河回族区民兵应急连", UnitLevel.COMPANY, CHANHE, "10", 1),
    ("伊川县民兵应急连", UnitLevel.COMPANY, YICHUAN, "10", 1),
    ("吉利区民兵应急连", UnitLevel.COMPANY, JILI, "3", 15),
)
BEHIND = "吉利区民兵应急连"
# Invented members, three a unit, for the attendance records (part A's demo fills the rosters).
MEMBERS = ("张", "王", "李")
GIVEN = ("建军", "卫东", "志强")
ASSESSMENTS = ("excellent", "good", "good", "pass")
# (name, category, quantity, measure, department, kept at, days since the last check or None: never)
ITEMS = (
    ("救生衣", "rescue", 200, "件", YICHUAN, "人武部战备器材库", 30),
    ("冲锋舟", "rescue", 4, "艘", YICHUAN, "人武部战备器材库", 45),
    ("便携式发电机", "rescue", 6, "台", JILI, "人武部战备器材库", 200),
    ("对讲机", "communications", 60, "部", CHANHE, "人武部器材室", 20),
    ("防化服", "chemical", 40, "套", CHANHE, "人武部器材室", None),
    ("侦察无人机", "drone", 3, "架", SUBDISTRICT, "军分区器材仓库", 60),
)
# (department, place or "", day of February, what was looked at)
VISITS = (
    (CHANHE, "", 10, "民兵整组工作和瀍河回族区民兵应急连训练"),
    (None, BASE, 11, "市民兵应急营训练"),
    (YICHUAN, "", 12, "战备器材储备和伊川县民兵应急连训练"),
    (JILI, "", 13, "民兵整组工作和战备器材储备"),
)
# (text, responsible department, the visit's day, working days)
FINDINGS = (
    ("吉利区民兵应急连训练时间未达到大纲要求,训练计划落实不到位", JILI, 13, 20),
    ("部分战备器材未按季度检查,器材储备台账登记不全", JILI, 13, 15),
)


def load(operator: Any) -> Counter[str]:
    """Load the inspection, training and equipment (nothing on a second run). Returns what was created."""
    if Inspection.objects.filter(inspected_by=TEAM, is_demo=True).exists():
        return Counter()
    with transaction.atomic():
        loader = _Loader(operator, timezone.localdate())
        loader.load_training()
        loader.load_equipment()
        loader.load_inspection()
        return loader.created


class _Loader:
    def __init__(self, operator: Any, today: dt.date) -> None:
        self.operator = operator
        self.today = today
        self.created: Counter[str] = Counter()

    def save(self, ledger: Ledger, data: dict[str, Any]) -> Any:
        """A row through its ledger's form and save, as a page would write it (marked as demo data)."""
        form_class: Any = ledger.form
        form = form_class(data, user=self.operator)
        if not form.is_valid():
            raise ValidationError(f"{ledger.label}: {form.errors.as_text()}")
        form.instance.is_demo = True
        row = ledger.save(form, self.operator)
        self.created[str(ledger.verbose_name_plural)] += 1
        return row

    def base_row(self, model: type[models.Model], lookup: dict[str, Any], **fields: Any) -> Any:
        """Part A's row if its demo made it, else one made here, validated and marked as demo data."""
        found = model._default_manager.filter(**lookup).order_by("pk").first()
        if found is not None:
            return found
        row = model(**lookup, **fields, is_demo=True)
        row.full_clean()
        row._history_user = self.operator  # type: ignore[attr-defined]
        row.save()
        self.created[str(model._meta.verbose_name_plural)] += 1
        return row

    def department(self, spec: tuple[str, str, str]) -> ArmedForcesDepartment:
        name, kind, code = spec
        parent = None if kind == DepartmentKind.MILITARY_SUBDISTRICT else self.department(SUBDISTRICT)
        return self.base_row(
            ArmedForcesDepartment, {"name": name}, kind=kind, division=Division.objects.get(code=code),
            parent=parent, host_unit=Unit.objects.filter(name=name).order_by("pk").first(),
        )  # fmt: skip

    def unit(self, name: str, level: str, spec: tuple[str, str, str]) -> MilitiaUnit:
        department = self.department(spec)
        return self.base_row(
            MilitiaUnit, {"name": name}, level=level, department=department, division=department.division,
            category=UnitCategory.objects.get(code="emergency"), is_primary=True,
            target_strength=120 if level == UnitLevel.BATTALION else 40,
        )  # fmt: skip

    def members(self, unit: MilitiaUnit, index: int) -> list[MilitiaMember]:
        members = []
        for n, family in enumerate(MEMBERS):
            members.append(
                self.base_row(
                    MilitiaMember,
                    {"name": f"{family}{GIVEN[(index + n) % 3]}", "unit": unit},
                    birth_date=dt.date(1996 + index + n, 3 + n, 8),
                    division=unit.division,
                    member_class=MemberClass.PRIMARY,
                    joined_on=dt.date(2022, 3, 1),
                    is_veteran=n == 0,
                    political_review="passed",
                )
            )
        return members

    def load_training(self) -> None:
        subject = TrainingSubject.objects.filter(audience=Audience.PRIMARY).order_by("order", "pk").first()
        if subject is None:
            subject = self.save(ledgers_training.training_subject,
                                {"name": "共同科目训练", "audience": "primary", "required_hours": "96"})  # fmt: skip
        for index, (name, level, spec, hours, day) in enumerate(UNITS):
            unit = self.unit(name, level, spec)
            members = self.members(unit, index)
            for month in range(1, self.today.month + 1):
                held = dt.date(self.today.year, month, day)
                if held > self.today:
                    break
                session = self.save(
                    ledgers_training.training_session,
                    {"unit": unit.pk, "subject": subject.pk, "held_on": held.isoformat(), "hours": hours,
                     "place": BASE if level == UnitLevel.BATTALION else f"{spec[0]}训练场", "trainer": "军事教员"},
                )  # fmt: skip
                for n, member in enumerate(members):
                    present = (month + n) % 5 != 0
                    self.save(
                        ledgers_training.training_attendance,
                        {"session": session.pk, "member": member.pk, "present": present,
                         "assessment": ASSESSMENTS[(month + n) % 4] if present else ""},
                    )  # fmt: skip

    def load_equipment(self) -> None:
        for name, category, quantity, measure, spec, kept_at, days in ITEMS:
            item = self.save(
                ledgers_equipment.equipment_item,
                {"name": name, "category": category, "quantity": quantity, "measure": measure, "condition": "good",
                 "department": self.department(spec).pk, "kept_at": kept_at, "check_every_days": 90},
            )  # fmt: skip
            if days is not None:
                self.save(
                    ledgers_equipment.equipment_check,
                    {"item": item.pk, "checked_on": (self.today - dt.timedelta(days=days)).isoformat(),
                     "checked_by": "器材保管员", "quantity_found": quantity, "condition": "good",
                     "findings": "数量相符,状况良好"},
                )  # fmt: skip

    def load_inspection(self) -> None:
        year = self.today.year
        city = Division.objects.get(code=CITY)
        reorganisation = self.base_row(
            Reorganisation, {"year": year, "division": city}, name=f"{year}年洛阳市民兵整组",
            reference_date=dt.date(year, 3, 1),
            task="普通民兵队伍建设任务保持不变,基干民兵队伍建设任务有所调整,民兵新质力量占比在20%以上。",
        )  # fmt: skip
        inspection = self.save(
            ledgers_inspections.inspection,
            {"inspected_by": TEAM, "led_by": "陈兆明", "division": city.pk,
             "started_on": dt.date(year, 2, 10).isoformat(), "ended_on": dt.date(year, 2, 13).isoformat(),
             "reorganisation": reorganisation.pk,
             "summary": "听取市民兵整组工作汇报,对民兵整组工作及战备器材储备、市民兵应急营和县、区民兵应急连"
                        "训练等情况进行检查调研。"},
        )  # fmt: skip
        visits = {}
        for spec, place, day, looked_at in VISITS:
            visits[day] = self.save(
                ledgers_inspections.inspection_visit,
                {"inspection": inspection.pk, "department": self.department(spec).pk if spec else "",
                 "place": place, "visited_on": dt.date(year, 2, day).isoformat(), "looked_at": looked_at},
            )  # fmt: skip
        for text, spec, day, days in FINDINGS:
            self.save(
                ledgers_inspections.finding,
                {"inspection": inspection.pk, "visit": visits[day].pk, "text": text,
                 "department": self.department(spec).pk, "deadline_days": days},
            )  # fmt: skip
