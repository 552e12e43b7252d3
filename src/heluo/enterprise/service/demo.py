"""The service desk's part of the demo: chief service officers serving a dozen enterprises of 老城区,
their visits, and problems in every state — the two the article names (北郊建材大世界, 新型铜包铝排生产
项目) solved in 2019, the others around today: awaiting assignment, assigned, in progress, waiting on the
enterprise, overdue, replied, sent back after an unsatisfied follow-up call, closed and cancelled.

Every problem opens its case through the service and moves by the cases' acts, back-dated with `at`.
The officers other than the demo account's, the enterprises the article does not name and every row's
wording are invented and marked demo. Idempotent: nothing is added once demo assignments exist.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from heluo.cases.services import transitions as act
from heluo.core.models import Division, LedgerModel, Person, Unit, UnitType

from .models import OfficerAssignment, Problem, ProblemCategory, Satisfaction, Visit
from .services import FollowUpRecord, open_problem_case, record_follow_up

LAOCHENG = "410302000000"
INVENTED = "演示数据：虚构。"
# Enterprises the demo adds: (name, division code, invented). The first two are the article's.
ENTERPRISES = [
    ("北郊建材大世界", LAOCHENG, False),
    ("新型铜包铝排生产项目", LAOCHENG, False),
    ("洛阳西关电子商务有限公司", "410302001000", True),
    ("洛阳南关机械制造有限公司", "410302006000", True),
    ("洛阳东大街餐饮管理有限公司", LAOCHENG, True),
    ("洛阳金谷园物流有限公司", "410302008000", True),
    ("洛阳老城邙山建材有限公司", "410302008000", True),
]
CORE_ENTERPRISES = [
    "洛阳古都发展集团有限公司",
    "洛阳万景祥牡丹产业科技有限公司",
    "洛阳市老城区奥菲花卉中心",
    "特富特电磁科技（洛阳）有限公司",
    "洛阳灰熊科技园",
]
# Officers other than the demo account's person (invented): (name, phone).
OTHER_OFFICERS = [("李明华", "13838000001"), ("王晓东", "13838000002")]
# Who serves whom from when: (enterprise, officer index: 0 = the demo account's person).
SERVING = [
    ("北郊建材大世界", 0), ("新型铜包铝排生产项目", 0), ("洛阳古都发展集团有限公司", 0),
    ("洛阳万景祥牡丹产业科技有限公司", 0), ("特富特电磁科技（洛阳）有限公司", 0), ("洛阳灰熊科技园", 0),
    ("洛阳西关电子商务有限公司", 0), ("洛阳东大街餐饮管理有限公司", 0), ("洛阳市老城区奥菲花卉中心", 0),
    ("洛阳南关机械制造有限公司", 0), ("洛阳老城邙山建材有限公司", 1), ("洛阳金谷园物流有限公司", 2),
]  # fmt: skip
SINCE = dt.date(2018, 1, 2)

# (enterprise, category, description, responsible unit, raised: a date or days ago, what happens)
PROBLEMS: list[tuple[str, str, str, str, dt.date | int, str]] = [
    ("北郊建材大世界", "land", "北郊建材大世界项目用地手续办理进度慢，请求协调规划、国土部门加快办理。",
     "老城区发展和改革委员会", dt.date(2019, 3, 4), "closed"),
    ("新型铜包铝排生产项目", "power", "新型铜包铝排生产项目生产线投产需用电增容，供电线路接入需协调。",
     "老城区商务和工业信息化局", dt.date(2019, 4, 8), "closed"),
    ("洛阳万景祥牡丹产业科技有限公司", "funds", "牡丹深加工生产线扩建资金缺口，申请协调银行贷款和贴息。",
     "老城区金融工作局", 40, "closed"),
    ("洛阳市老城区奥菲花卉中心", "environment", "门前道路施工围挡遮挡店面，影响正常经营。",
     "西关街道办事处", 30, "closed_fairly"),
    ("特富特电磁科技（洛阳）有限公司", "approval", "申报高新技术企业认定，需要材料辅导。",
     "老城区科学技术局", 20, "replied"),
    ("洛阳古都发展集团有限公司", "funds", "古城保护项目融资对接，请求协调银行加快授信审批。",
     "老城区金融工作局", 15, "overdue"),
    ("洛阳东大街餐饮管理有限公司", "environment", "店外排烟管道整改标准不明确，多次整改未通过。",
     "老城区商务和工业信息化局", 14, "sent_back"),
    ("洛阳灰熊科技园", "power", "园区配电线路老化，夏季用电高峰频繁跳闸。",
     "老城区商务和工业信息化局", 3, "waiting"),
    ("洛阳西关电子商务有限公司", "approval", "食品经营许可证延续办理咨询。",
     "老城区商务和工业信息化局", 2, "in_progress"),
    ("洛阳南关机械制造有限公司", "land", "厂房租赁到期续租，与出租方协商困难。", "南关街道办事处", 1, "assigned"),
    ("洛阳金谷园物流有限公司", "other", "物流车辆进城通行证办理。", "邙山街道办事处", 1, "registered"),
    ("洛阳老城邙山建材有限公司", "other", "重复反映：厂区门前道路破损。", "邙山街道办事处", 6, "cancelled"),
]  # fmt: skip


class Loader:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.created: Counter[str] = Counter()
        self.now = timezone.localtime()
        users = get_user_model().objects
        self.officer_user = users.get(username="fuwuguan")
        self.supervisor = users.get(username="laocheng")

    def save(self, row: LedgerModel) -> Any:
        row.is_demo = True
        row._history_user = self.operator  # type: ignore[attr-defined]
        row.full_clean()
        row.save()
        self.created[str(type(row)._meta.verbose_name_plural)] += 1
        return row

    def moment(self, raised: dt.date | int, hours: int = 0, days: int = 0) -> dt.datetime:
        day = raised if isinstance(raised, dt.date) else self.now.date() - dt.timedelta(days=raised)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        return min(start + dt.timedelta(days=days, hours=hours), self.now)

    def enterprises(self) -> dict[str, Unit]:
        kind = UnitType.objects.get(code="enterprise")
        found = {unit.name: unit for unit in Unit.objects.filter(name__in=CORE_ENTERPRISES, unit_type=kind)}
        for name, code, invented in ENTERPRISES:
            unit = Unit.objects.filter(name=name, unit_type=kind).first()
            division = Division.objects.get(code=code)
            found[name] = unit or self.save(
                Unit(name=name, unit_type=kind, division=division, notes=INVENTED if invented else "")
            )
        return found

    def officers(self) -> list[Person]:
        own = self.officer_user.account.person
        others = []
        division = Division.objects.get(code=LAOCHENG)
        for name, phone in OTHER_OFFICERS:
            existing = Person.objects.filter(name=name, position="首席服务官", is_demo=True).first()
            person = Person(name=name, phone=phone, position="首席服务官", division=division)
            others.append(existing or self.save(person))
        return [own, *others]

    def load(self) -> Counter[str]:
        enterprises = self.enterprises()
        officers = self.officers()
        serving = {}
        for name, index in SERVING:
            serving[name] = officers[index]
            self.save(OfficerAssignment(officer=officers[index], enterprise=enterprises[name], start=SINCE))
        categories = {row.code: row for row in ProblemCategory.objects.all()}
        for name, category, description, unit_name, raised, fate in PROBLEMS:
            visit = self.save(Visit(
                officer=serving[name], enterprise=enterprises[name], date=self.moment(raised).date(),
                discussed=f"走访了解企业生产经营情况，企业反映：{description}",
            ))  # fmt: skip
            problem = self.save(Problem(
                enterprise=enterprises[name], category=categories[category], description=description,
                raised_on=visit.date, responsible_unit=Unit.objects.get(name=unit_name), visit=visit,
            ))  # fmt: skip
            open_problem_case(problem, at=self.moment(raised))
            problem.refresh_from_db()
            self.move(problem, raised, fate)
        return self.created

    def move(self, problem: Problem, raised: dt.date | int, fate: str) -> None:
        """Bring the problem's case to `fate` through the cases' acts, as its handler and the district's
        supervisor would have."""
        case = problem.case
        assert case is not None
        handler = case.handler.user if case.handler else self.officer_user
        at = self.moment
        if fate == "registered":
            return
        if fate == "cancelled":
            act.cancel_case(
                self.supervisor, case, reason="与此前反映的问题重复，合并办理。", at=at(raised, hours=2)
            )
            return
        if fate == "assigned":
            return
        case = act.accept_case(handler, case, at=at(raised, hours=2))
        if fate == "in_progress" or fate == "overdue":
            return
        if fate == "waiting":
            act.wait_case(handler, case, reason="等待企业补充材料：园区配电设施产权证明、用电负荷申请表。",
                          at=at(raised, days=1))  # fmt: skip
            return
        case = act.reply_case(
            handler, case, note="已协调相关部门办理，结果已告知企业。", at=at(raised, days=2)
        )
        if fate == "replied":
            return
        if fate == "sent_back":
            call = FollowUpRecord(at(raised, days=3).date(), "陈志远", Satisfaction.UNSATISFIED,
                                  "企业表示整改标准仍未明确。", "send_back")  # fmt: skip
            record_follow_up(self.supervisor, problem, call, at=at(raised, days=3))
            return
        satisfaction = Satisfaction.FAIRLY if fate == "closed_fairly" else Satisfaction.SATISFIED
        call = FollowUpRecord(
            at(raised, days=3).date(), "陈志远", satisfaction, "企业对办理结果表示认可。", "close"
        )
        record_follow_up(self.supervisor, problem, call, at=at(raised, days=3))


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Load the service desk's demo once (see the module's docstring); returns what was created."""
    if OfficerAssignment.objects.filter(is_demo=True).exists():
        return Counter()
    return Loader(operator).load()
