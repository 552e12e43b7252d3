"""The policy briefings of the demo: the seed's 全区重点企业座谈会, where 区发改委, 商务和工业信息化局, 科技局 and
金融工作局 explained the policies that favour enterprises, and a financing briefing after it. Dates,
places, the policies and the enterprises attending are invented and marked demo. Idempotent — a second
run creates nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db import transaction

from heluo.core.models import Division, Unit

from .models import Briefing, BriefingPolicy
from .services import record_briefing

LAOCHENG = "410302000000"
DEMO_NOTE = "演示数据：日期、地点、解读政策与参会企业为虚构。"
FDRC = "老城区发展和改革委员会"
COMMERCE = "老城区商务和工业信息化局"
SCIENCE = "老城区科学技术局"
FINANCE = "老城区金融工作局"
ENTERPRISES = (
    "洛阳古都发展集团有限公司",
    "特富特电磁科技（洛阳）有限公司",
    "洛阳万景祥牡丹产业科技有限公司",
    "洛阳市老城区奥菲花卉中心",
    "洛阳灰熊科技园",
)

# (date, title, place, organiser, departments, enterprises, [(policy, department)])
BRIEFINGS = (
    (
        dt.date(2019, 4, 18), "全区重点企业座谈会", "老城区人民政府会议室", "洛阳市老城区人民政府",
        (FDRC, COMMERCE, SCIENCE, FINANCE), ENTERPRISES,
        (
            ("促进民营经济健康发展的若干措施", FDRC),
            ("重点项目前期工作与要素保障政策", FDRC),
            ("工业企业技术改造奖补政策", COMMERCE),
            ("现代服务业发展扶持政策", COMMERCE),
            ("高新技术企业认定与研发费用加计扣除政策", SCIENCE),
            ("科技型中小企业评价与奖补政策", SCIENCE),
            ("中小企业融资担保与贷款贴息政策", FINANCE),
        ),
    ),
    (
        dt.date(2019, 8, 22), "政银企对接暨金融惠企政策解读会", "老城区金融服务中心", FINANCE,
        (FINANCE,), ENTERPRISES[:3],
        (("小微企业续贷与无还本续贷政策", FINANCE), ("应急转贷资金使用办法", FINANCE)),
    ),
)  # fmt: skip


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    created: Counter[str] = Counter()
    division = Division.objects.get(code=LAOCHENG)
    for day, title, place, organiser, departments, enterprises, policies in BRIEFINGS:
        if Briefing.objects.filter(title=title, date=day, is_demo=True).exists():
            continue
        briefing = Briefing(
            date=day, title=title, place=place, division=division, organiser=Unit.objects.get(name=organiser),
            notes=DEMO_NOTE, is_demo=True,
        )  # fmt: skip
        rows = [
            BriefingPolicy(title=name, department=Unit.objects.get(name=department), is_demo=True)
            for name, department in policies
        ]
        record_briefing(
            operator, briefing,
            departments=list(Unit.objects.filter(name__in=departments)),
            enterprises=list(Unit.objects.filter(name__in=enterprises)),
            policies=rows,
        )  # fmt: skip
        created[str(Briefing._meta.verbose_name_plural)] += 1
        created[str(BriefingPolicy._meta.verbose_name_plural)] += len(rows)
    return created
