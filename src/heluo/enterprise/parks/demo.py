"""The science parks of the demo: 灰熊科技园 as the article describes it in 2018 — 105 enterprises, the
qualifications it counts, 61 IP applications, and its incubating enterprises' revenue (1.38亿元), R&D
(760万元) and employees (800人以上). 特富特 is the article's; every other enterprise and every figure
behind the totals is invented and marked demo (their credit codes are synthetic). Idempotent: a second
run creates nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import transaction

from heluo.core.demo import synthetic_credit_code
from heluo.core.models import Division, Unit, UnitType

from .models import Industry, Park, Qualification
from .services import admit_enterprise, award_qualification, record_year, register_park

LAOCHENG = "410302000000"
PARK = "灰熊科技园"
TEFUTE = "特富特电磁科技（洛阳）有限公司"
ENTERPRISES = 105
# How many of the park's enterprises hold each qualification in 2018 (特富特 holds the first of those it
# names in the article: high-tech since 2018, its academician workstation and its 河洛英才 team).
HOLDERS = {
    "high_tech": 4,
    "provincial_tech_sme": 14,
    "national_tech_sme": 11,
    "municipal_rd_centre": 1,
    "ip_strong": 1,
    "neeq_showcase": 7,
    "academician_workstation": 1,
    "heluo_talent_team": 1,
    "student_startup": 3,
}
TEFUTE_HOLDS = ("high_tech", "academician_workstation", "heluo_talent_team")
# (year obtained, valid until) of the invented awards: tech SMEs are assessed each year, titles run three
# years, platforms stay open. 特富特 obtained its three in 2018.
TERMS: dict[str, tuple[int, int | None]] = {
    "high_tech": (2016, 2018),
    "provincial_tech_sme": (2018, 2018),
    "national_tech_sme": (2018, 2018),
    "municipal_rd_centre": (2016, None),
    "ip_strong": (2017, 2019),
    "neeq_showcase": (2017, 2019),
    "academician_workstation": (2018, None),
    "heluo_talent_team": (2018, None),
    "student_startup": (2017, None),
}
IP_APPLICATIONS_2018 = 61
INCUBATING = 40
# The incubating enterprises' 2018 totals, and 2017's (invented) for the chart.
TOTALS = {
    2018: {"revenue": Decimal(138_000_000), "rd_spend": Decimal(7_600_000), "employees": 826},
    2017: {"revenue": Decimal(104_500_000), "rd_spend": Decimal(5_120_000), "employees": 690},
}
INDUSTRY_MIX = [
    (Industry.EQUIPMENT, 36, "智能装备有限公司"),
    (Industry.INTERNET, 30, "网络科技有限公司"),
    (Industry.ELECTRONICS, 12, "电子科技有限公司"),
    (Industry.MATERIALS, 10, "新材料有限公司"),
    (Industry.SERVICES, 9, "信息技术服务有限公司"),
    (Industry.CULTURE, 8, "文化创意有限公司"),
]
SYLLABLES = "瑞华恒创博智远鼎泰源达星启联信宏峰润新嘉朗拓锐晟航维诚卓越睿德天翔骏"


def load_demo(operator: Any) -> Counter[str]:
    if Park.objects.filter(name=PARK).exists():
        return Counter()
    with transaction.atomic():
        return _Loader(operator).load()


class _Loader:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        # A fixed seed: the demo is the same on every machine.
        self.rng = random.Random(20181231)
        self.created: Counter[str] = Counter()
        self.district = Division.objects.get(code=LAOCHENG)

    def count(self, row: Any) -> Any:
        self.created[str(type(row)._meta.verbose_name_plural)] += 1
        return row

    def load(self) -> Counter[str]:
        park = self.count(
            register_park(
                PARK, self.district, user=self.operator, is_demo=True,
                operator=Unit.objects.filter(name="洛阳灰熊科技园").first(),
                land_area=Decimal(264), floor_area=Decimal(43_000), converted_from="洛阳起重机械厂",
                description="由洛阳起重机械厂转型升级后改建而成,以科技园为平台促创新、带产业;"
                "装备制造业和互联网两大产业优势凸显。",
            )
        )  # fmt: skip
        tefute = Unit.objects.get(name=TEFUTE)
        stays = [self.count(admit_enterprise(park, tefute, industry=Industry.ELECTRONICS,
                                             entered=dt.date(2017, 3, 16), user=self.operator, is_demo=True))]  # fmt: skip
        for industry, unit in self.invented_enterprises():
            entered = dt.date(self.rng.randint(2014, 2018), self.rng.randint(1, 10), self.rng.randint(1, 28))
            stays.append(
                self.count(admit_enterprise(park, unit, industry=industry, entered=entered, user=self.operator,
                                            is_demo=True, incubating=len(stays) <= INCUBATING))
            )  # fmt: skip
        self.award(stays)
        self.record_years(stays)
        return self.created

    def invented_enterprises(self) -> list[tuple[str, Unit]]:
        kind = UnitType.objects.get(code="enterprise")
        taken = set(Unit.objects.values_list("name", flat=True))
        made = []
        for industry, how_many, suffix in INDUSTRY_MIX:
            for _n in range(how_many - (1 if industry == Industry.ELECTRONICS else 0)):  # 特富特 is one
                name = ""
                while not name or name in taken:
                    name = "洛阳" + "".join(self.rng.sample(SYLLABLES, 2)) + suffix
                taken.add(name)
                unit = Unit(
                    name=name, unit_type=kind, division=self.district,
                    credit_code=synthetic_credit_code(self.rng, LAOCHENG), notes="演示数据：企业与统一社会信用代码均为虚构。",
                    is_demo=True,
                )  # fmt: skip
                unit._history_user = self.operator  # type: ignore[attr-defined]
                unit.full_clean()
                unit.save()
                made.append((industry, self.count(unit)))
        return made

    def award(self, stays: list[Any]) -> None:
        """Each qualification to as many enterprises as the article counts, 特富特 first where it holds it;
        the others drawn among the invented enterprises (student start-ups among the incubating ones)."""
        qualifications = {q.code: q for q in Qualification.objects.filter(code__in=HOLDERS)}
        tefute, others = stays[0], stays[1:]
        for code, holders in HOLDERS.items():
            chosen = [tefute] if code in TEFUTE_HOLDS else []
            pool = [s for s in others if s.incubating] if code == "student_startup" else others
            chosen += self.rng.sample(pool, holders - len(chosen))
            for stay in chosen:
                obtained, valid_until = (2018, TERMS[code][1] and 2020) if stay is tefute else TERMS[code]
                self.count(award_qualification(stay.enterprise, qualifications[code], obtained,
                                               valid_until=valid_until, user=self.operator, is_demo=True))  # fmt: skip

    def record_years(self, stays: list[Any]) -> None:
        """2018's rows of every enterprise (61 IP applications among them) and 2017's of those in the park
        then; the incubating enterprises' rows add up to the year's totals."""
        ip = split(IP_APPLICATIONS_2018, len(stays), self.rng, step=1)
        for year, totals in TOTALS.items():
            present = [s for s in stays if s.entered.year <= year]
            incubating = [s for s in present if s.incubating]
            revenue = split(int(totals["revenue"]), len(incubating), self.rng, step=10_000)
            rd_spend = split(int(totals["rd_spend"]), len(incubating), self.rng, step=1_000)
            employees = split(int(totals["employees"]), len(incubating), self.rng, step=1, least=3)
            shares = {s.pk: (revenue[i], rd_spend[i], employees[i]) for i, s in enumerate(incubating)}
            for index, stay in enumerate(present):
                money, rd, people = shares.get(stay.pk) or self.grown_enterprise()
                self.count(record_year(stay.enterprise, year, revenue=Decimal(money), rd_spend=Decimal(rd),
                                       employees=people, ip_applications=ip[index] if year == 2018 else 0,
                                       user=self.operator, is_demo=True))  # fmt: skip

    def grown_enterprise(self) -> tuple[int, int, int]:
        """Figures of an enterprise past incubation (not in the incubating totals)."""
        revenue = self.rng.randint(300, 9000) * 10_000
        return revenue, revenue * self.rng.randint(2, 6) // 100, self.rng.randint(20, 300)


def split(total: int, parts: int, rng: random.Random, *, step: int, least: int = 0) -> list[int]:
    """`total` (a multiple of `step`) in `parts` random shares, each a multiple of `step` and at least
    `least`, adding up exactly."""
    if parts == 0:
        return []
    floor = -(-least // step)
    spare = total // step - floor * parts
    weights = [rng.random() + 0.2 for _n in range(parts)]
    shares = [floor + int(spare * w / sum(weights)) for w in weights]
    shares[0] += total // step - sum(shares)
    return [share * step for share in shares]
