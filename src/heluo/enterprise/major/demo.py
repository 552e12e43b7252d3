"""The "5个1" major projects of the demo: the projects the seed article names (中国邮政快递物流中心 1亿元 8480
m², 天心文化产业园 about 5000 jobs, 安乐寨生态农业休闲旅游, 牡丹小镇 30亿元, 电子雷管芯片模组), each held by a
district leader with a responsible unit and a plan table. Leaders, plans and dates are invented and marked
demo; milestones still ahead are dated from the day the demo is loaded, and one milestone of 天心文化产业园
has slipped, so the scan opens its case. Idempotent — a second run creates nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from heluo.cases.models import Case
from heluo.core.models import Division, Person, Unit

from .models import MajorProject, Milestone, ProjectState
from .services import create_plan, open_slipped_milestone_cases

LAOCHENG = "410302000000"
DEMO_NOTE = "演示数据：分包领导、推进计划与日期为虚构。"

# Invented district leaders (区级领导) holding the projects: (name, position).
LEADERS = [("张卫东", "副区长（演示）"), ("李晓峰", "副区长（演示）"), ("王志刚", "区委常委（演示）")]


@dataclass(frozen=True)
class Plan:
    name: str
    division: str
    leader: int
    unit: str
    state: str
    start: dt.date
    end: dt.date | None
    investment: Decimal | None = None
    floor_area: Decimal | None = None
    jobs: int | None = None
    content: str = ""
    # (title, what done means, planned date or days from today, done on or None)
    milestones: tuple[tuple[str, str, dt.date | int, dt.date | None], ...] = ()


PROJECTS = (
    Plan(
        "中国邮政快递物流中心项目", LAOCHENG, 0, "老城区商务和工业信息化局", ProjectState.IN_OPERATION,
        dt.date(2017, 6, 1), dt.date(2019, 6, 30), Decimal("100000000"), Decimal("8480"), None,
        "建设综合办公楼、标准化操作分拨车间、仓储库房及配套设施，打造电子商务全产业链；已正式投产。",
        (
            ("立项备案", "取得项目备案证明", dt.date(2017, 9, 30), dt.date(2017, 9, 20)),
            ("主体结构封顶", "综合办公楼与分拨车间主体封顶", dt.date(2018, 6, 30), dt.date(2018, 6, 25)),
            ("分拨设备安装调试", "分拨线联调通过", dt.date(2018, 12, 31), dt.date(2019, 2, 28)),
            ("正式投产", "分拨中心投入运营", dt.date(2019, 4, 30), dt.date(2019, 4, 28)),
        ),
    ),
    Plan(
        "天心文化产业园项目", LAOCHENG, 1, "老城区发展和改革委员会", ProjectState.UNDER_CONSTRUCTION,
        dt.date(2018, 3, 1), None, None, None, 5000,
        "利用原厂区工业建筑，打造集餐饮、娱乐、休闲、影视于一体的文化产业园，全部建成后创造就业岗位约5000个。",
        (
            ("工业遗产保护规划评审", "保护与利用规划通过评审", dt.date(2018, 6, 30), dt.date(2018, 6, 15)),
            ("一期厂房改造完工", "一期厂房改造通过验收", dt.date(2019, 6, 30), dt.date(2019, 7, 20)),
            ("一期开园运营", "一期商户入驻并对外开放", dt.date(2019, 10, 31), dt.date(2019, 10, 1)),
            ("二期招商签约", "二期主力商户签约率达到80%", -30, None),
            ("全部建成", "园区全部建成运营", 365, None),
        ),
    ),
    Plan(
        "老城区安乐寨生态农业休闲旅游项目", LAOCHENG, 2, "洛阳市老城区人民政府", ProjectState.PREPARING,
        dt.date(2019, 3, 1), None, None, None, None,
        "老城区政府与上海洛阳商会签约，融合旅游、创意、文化、休闲娱乐等产业，形成多功能、复合型、创新性产业综合体。",
        (
            ("合作协议签约", "与上海洛阳商会签订合作协议", dt.date(2019, 3, 31), dt.date(2019, 3, 20)),
            ("规划方案编制", "规划方案通过区政府审定", dt.date(2019, 9, 30), dt.date(2019, 11, 15)),
            ("土地流转", "项目用地流转协议全部签订", 60, None),
        ),
    ),
    Plan(
        "牡丹小镇项目", LAOCHENG, 0, "洛阳市老城区人民政府", ProjectState.UNDER_CONSTRUCTION,
        dt.date(2019, 1, 1), None, Decimal("3000000000"), None, None,
        "按照“牡丹+”模式设计，建成产业、文化、旅游、社区功能“四位一体”的牡丹创新产业平台和5A级旅游景区。",
        (
            ("规划设计方案批复", "规划设计方案取得批复", dt.date(2019, 5, 31), dt.date(2019, 5, 20)),
            ("一期征地拆迁", "一期用地完成征收", dt.date(2019, 12, 31), dt.date(2019, 12, 20)),
            ("一期主体工程完工", "一期主体工程通过验收", 180, None),
        ),
    ),
    Plan(
        "电子雷管芯片模组项目", LAOCHENG, 2, "老城区科学技术局", ProjectState.PREPARING,
        dt.date(2019, 6, 1), None, None, None, None,
        "依托灰熊科技园推动电子雷管芯片模组项目落地。",
        (
            ("项目落地签约", "入园协议签订", dt.date(2019, 8, 31), dt.date(2019, 8, 30)),
            ("厂房装修改造", "生产厂房装修完成", dt.date(2019, 11, 30), dt.date(2019, 11, 25)),
            ("生产线安装", "首条生产线安装完成", 90, None),
        ),
    ),
)  # fmt: skip


def _leaders(operator: Any, created: Counter[str]) -> list[Person]:
    division = Division.objects.get(code=LAOCHENG)
    government = Unit.objects.get(name="洛阳市老城区人民政府")
    people = []
    for name, position in LEADERS:
        person = Person.objects.filter(name=name, division=division, is_demo=True).first()
        if person is None:
            person = Person(name=name, division=division, unit=government, position=position, is_demo=True)
            person._history_user = operator  # type: ignore[attr-defined]
            person.full_clean()
            person.save()
            created[str(Person._meta.verbose_name_plural)] += 1
        people.append(person)
    return people


def _date(planned: dt.date | int, today: dt.date) -> dt.date:
    return planned if isinstance(planned, dt.date) else today + dt.timedelta(days=planned)


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    created: Counter[str] = Counter()
    leaders = _leaders(operator, created)
    today = timezone.localdate()
    for plan in PROJECTS:
        if MajorProject.objects.filter(name=plan.name, is_demo=True).exists():
            continue
        unit = Unit.objects.get(name=plan.unit)
        project = MajorProject(
            name=plan.name, division=Division.objects.get(code=plan.division), investment=plan.investment,
            floor_area=plan.floor_area, jobs=plan.jobs, content=plan.content, leader=leaders[plan.leader],
            responsible_unit=unit, state=plan.state, start_date=plan.start, end_date=plan.end, notes=DEMO_NOTE,
            is_demo=True,
        )  # fmt: skip
        milestones = [
            Milestone(order=order, title=title, done_means=means, planned_date=_date(planned, today),
                      owner_unit=unit, actual_date=done, is_demo=True)
            for order, (title, means, planned, done) in enumerate(plan.milestones, start=1)
        ]  # fmt: skip
        create_plan(operator, project, milestones)
        created[str(MajorProject._meta.verbose_name_plural)] += 1
        created[str(Milestone._meta.verbose_name_plural)] += len(milestones)
    opened = open_slipped_milestone_cases()
    if opened:
        created[str(Case._meta.verbose_name_plural)] += opened
    return created
