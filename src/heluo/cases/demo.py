"""Supervision's part of the Luoyang demo: a few hundred cases over the last 90 days, across the demo
units and divisions, in every state — some closed on time, late or within an extension, some returned,
suspended or cancelled, some overdue and escalated by a scan at the end.

Every case is made through the services (numbers, timeline, history, notifications as in real use),
back-dated with their `at`. Idempotent: nothing is added once demo cases exist. Deterministic: a fixed
random seed, so every machine gets the same cases (the dates follow today).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import Case, CaseCategory, State
from heluo.cases.services import transitions as act
from heluo.cases.services.registration import Registration, register_case
from heluo.cases.services.scan import scan
from heluo.core.models import Account, Division, Notification, Unit, UnitType

CASES = 240
DAYS = 90

# Units the demo adds so that every district of the demo has someone to give cases to.
EXTRA_UNITS = [
    ("开元路街道办事处", "410311002000"),
    ("洛龙区住房和城乡建设局", "410311000000"),
    ("孟津区城市管理局", "410308000000"),
]
# Responsible units (and how often they get a case).
RESPONSIBLE = [
    ("定鼎门社区居民委员会", 6),
    ("开元路街道办事处", 5),
    ("洛龙区住房和城乡建设局", 4),
    ("孟津区城市管理局", 3),
    ("洛阳市住房和城乡建设局", 4),
    ("洛阳市城市管理局", 4),
    ("邙山街道办事处", 3),
    ("西关街道办事处", 3),
    ("南关街道办事处", 3),
    ("老城区发展和改革委员会", 2),
    ("老城区商务和工业信息化局", 2),
    ("金家街社区居民委员会", 2),
    ("中共北窑街道工作委员会", 1),
]
MATTERS = [
    ("dust", "inspection", "{place}工地裸土未覆盖，渣土车未密闭运输"),
    ("dust", "monitoring_alarm", "{place}扬尘在线监测PM10连续超标"),
    ("dust", "patrol", "{place}施工围挡破损，出入口未冲洗车辆"),
    ("city_management", "patrol", "{place}占道经营、乱堆乱放反弹"),
    ("city_management", "instruction", "{place}背街小巷环境卫生整治"),
    ("environment", "monitoring_alarm", "{place}餐饮油烟扰民投诉"),
    ("enterprise", "enterprise_problem", "{place}企业反映用地手续办理缓慢"),
    ("enterprise", "enterprise_problem", "{place}企业反映融资对接需协调"),
    ("livelihood", "patrol", "{place}老旧小区路灯损坏需维修"),
    ("safety", "inspection", "{place}燃气管道安全隐患整改"),
    ("construction", "instruction", "{place}城市书房建设进度滞后"),
    ("party", "instruction", "{place}党建联盟项目清单落实"),
]
# (fate, weight): where a case's story stops.
FATES = [
    ("closed_on_time", 34),
    ("closed_late", 10),
    ("closed_extended", 7),
    ("replied", 8),
    ("returned", 5),
    ("in_progress", 12),
    ("assigned", 10),
    ("suspended", 4),
    ("cancelled", 3),
    ("registered", 7),
]


class CasesDemo:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.rng = random.Random(20261125)
        self.now = timezone.now()
        self.created: Counter[str] = Counter()
        self.supervisor = Account.objects.select_related("user").get(user__username="duban").user
        self.officer = Account.objects.filter(user__username="wangge").first()

    def units(self) -> list[Unit]:
        government = UnitType.objects.get(code="government")
        for name, code in EXTRA_UNITS:
            division = Division.objects.get(code=code)
            if not Unit.objects.filter(name=name, division=division).exists():
                unit = Unit(name=name, unit_type=government, division=division, is_demo=True)
                unit._history_user = self.operator  # type: ignore[attr-defined]
                unit.save()
                self.created[str(Unit._meta.verbose_name_plural)] += 1
        weighted = []
        for name, weight in RESPONSIBLE:
            unit = Unit.objects.filter(name=name).first()
            if unit is not None:
                weighted += [unit] * weight
        return weighted

    def moment(self, day: dt.datetime, hours: float) -> dt.datetime:
        return min(day + dt.timedelta(hours=hours), self.now - dt.timedelta(minutes=5))

    def handler_for(self, unit: Unit) -> Account | None:
        # The grid officer of 开元路 handles some of 定鼎门社区's cases; elsewhere the unit answers.
        if self.officer is not None and unit.name == "定鼎门社区居民委员会" and self.rng.random() < 0.5:
            return self.officer
        return None

    def one(self, number: int, unit: Unit, supervising: Unit | None) -> None:
        rng = self.rng
        category_code, source, pattern = rng.choice(MATTERS)
        children = list(unit.division.children.filter(valid_to__isnull=True).order_by("code")[:12])
        division = rng.choice(children) if children and rng.random() < 0.6 else unit.division
        registered = self.now - dt.timedelta(days=rng.uniform(0.2, DAYS), hours=rng.uniform(0, 8))
        registered = registered.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))
        fate = rng.choices([f for f, _w in FATES], weights=[w for _f, w in FATES])[0]
        registration = Registration(
            title=pattern.format(place=division.display_name), category=CaseCategory.objects.get(code=category_code),
            division=division, source_kind=source, priority=rng.choice([1, 1, 1, 2, 2, 3]),
            supervising_unit=supervising, time_limit_days=rng.choice([3, 5, 5, 7, 10, 15]),
            description="演示数据：事项内容为虚构。",
            requirements="按期整改到位，附整改前后照片，书面回复办理结果。",
        )  # fmt: skip
        case = register_case(self.supervisor, registration, at=registered, is_demo=True)
        self.created[str(Case._meta.verbose_name_plural)] += 1
        if fate == "registered":
            return
        assigned = self.moment(registered, rng.uniform(0.5, 20))
        case, _w = act.assign_case(self.supervisor, case, unit=unit, handler=self.handler_for(unit),
                                   days=case.time_limit_days, at=assigned)  # fmt: skip
        self.story(case, fate, assigned)

    def story(self, case: Case, fate: str, assigned: dt.datetime) -> None:
        rng, worker, boss = self.rng, self.operator, self.supervisor
        if case.handler is not None:
            worker = case.handler.user
        assert case.due_at is not None
        span = (case.due_at - assigned).total_seconds() / 3600
        if fate == "assigned" or self.moment(assigned, 2) >= self.now - dt.timedelta(minutes=10):
            return
        case = act.accept_case(
            worker, case, note="已收到，正在安排处理。", at=self.moment(assigned, rng.uniform(1, 6))
        )
        if fate == "cancelled":
            act.cancel_case(boss, case, reason="经核实为重复登记，予以撤销。", at=self.moment(assigned, 8))
            return
        if fate == "suspended":
            act.suspend_case(
                boss, case, reason="需等待上级部门审批结果，暂停计时。", at=self.moment(assigned, 10)
            )
            return
        if fate == "in_progress":
            return
        if fate == "closed_extended":
            asked = self.moment(assigned, span * 0.6)
            case = act.request_extension(worker, case, until=case.due_date + dt.timedelta(days=7),
                                         reason="涉及多部门协调，申请延期。", at=asked)  # fmt: skip
            case, _w = act.extend_deadline(boss, case, until=case.due_date + dt.timedelta(days=7),
                                           reason="同意延期一周。", at=self.moment(asked, 3))  # fmt: skip
            span += 24 * 7
        hours = {"closed_on_time": span * rng.uniform(0.3, 0.9), "closed_late": span + rng.uniform(24, 120),
                 "closed_extended": span - rng.uniform(10, 60)}.get(fate, span * rng.uniform(0.3, 1.1))  # fmt: skip
        replied = self.moment(assigned, hours)
        case = act.reply_case(worker, case, note="已按要求整改完毕，现场已复查。", at=replied)
        if fate == "returned":
            act.return_case(
                boss, case, reason="整改照片不清晰，请补充现场照片后重新回复。", at=self.moment(replied, 5)
            )
            return
        if fate.startswith("closed"):
            act.close_case(
                boss, case, note="经核查，整改到位，同意办结。", at=self.moment(replied, rng.uniform(1, 6))
            )


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Load the supervision demo once (see the module docstring). Returns what was created."""
    if (
        Case.objects.filter(is_demo=True).exists()
        or not Account.objects.filter(user__username="duban").exists()
    ):
        return Counter()
    demo = CasesDemo(operator)
    units = demo.units()
    supervising = Unit.objects.filter(name="中共洛阳市委组织部").first()
    for number in range(CASES):
        demo.one(number, demo.rng.choice(units), supervising)
    report = scan()
    demo.created[_("supervision acts (reminders, overdue notices, escalations)")] += sum(report.acts.values())
    read_finished_cases_messages(demo.now)
    return demo.created


def read_finished_cases_messages(now: dt.datetime) -> None:
    """The demo's past: what was said about the cases closed or cancelled since has been read; the
    inbox holds what still needs someone."""
    finished = Case.objects.filter(is_demo=True, state__in=[State.CLOSED, State.CANCELLED])
    keys = [act.case_key(case) for case in finished]
    Notification.objects.filter(key__in=keys, read_at__isnull=True).update(read_at=now)
