"""Financing as the seed article writes it: 洛阳农商行 35亿元; 工商银行洛阳分行 不低于50亿元 for the district,
of which 不低于40亿元 for 古都集团; 平顶山银行洛阳分行 不低于20亿元; 5000余万元 of loans coordinated; the 2017
awards (national guiding fund 780万元, provincial award 500万元). Dates, terms and the single loans are
invented, marked demo, and their note says so. Idempotent, through the services."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from heluo.core.models import Division, Unit

from . import services
from .models import AmountKind, Award, AwardLevel, CoordinatedLoan, FinancingAgreement

LAOCHENG = "410302000000"
GOVERNMENT = "洛阳市老城区人民政府"
GUDU = "洛阳古都发展集团有限公司"
RURAL = "洛阳农商银行"
ICBC = "中国工商银行洛阳分行"
PINGDINGSHAN = "平顶山银行洛阳分行"

NOTE = "演示数据：金额出自报道，签约日期、期限为虚构。"
LOAN_NOTE = "演示数据：单笔贷款为虚构，合计与报道的“5000余万元”一致。"
AWARD_NOTE = "报道：2017年以洛邑古城为核心的特色商业区获评全省先进服务业“两区”。"

YI = Decimal(100_000_000)
WAN = Decimal(10_000)

# (enterprise, bank, amount in 万元, date)
LOANS = [
    ("特富特电磁科技（洛阳）有限公司", RURAL, 1500, dt.date(2019, 3, 12)),
    ("洛阳万景祥牡丹产业科技有限公司", RURAL, 1200, dt.date(2019, 4, 8)),
    ("洛阳市老城区奥菲花卉中心", PINGDINGSHAN, 800, dt.date(2019, 5, 20)),
    ("洛阳灰熊科技园", ICBC, 1000, dt.date(2019, 6, 3)),
    ("湖南大学设计研究院有限公司", RURAL, 760, dt.date(2019, 6, 28)),
]


def load_demo(operator: Any) -> Counter[str]:
    created: Counter[str] = Counter()
    names = {GOVERNMENT, GUDU, RURAL, ICBC, PINGDINGSHAN, *(loan[0] for loan in LOANS)}
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=names)}
    if len(units) < len(names):  # core's demo is not loaded
        return created
    laocheng = Division.objects.get(code=LAOCHENG)

    def agreement(
        name: str, bank: str, amount: Decimal, kind: str, signed: dt.date, **more: Any
    ) -> FinancingAgreement:
        found = FinancingAgreement.objects.filter(name=name, bank=units[bank]).first()
        if found is not None:
            return found
        created[str(FinancingAgreement._meta.verbose_name_plural)] += 1
        return services.create_row(operator, FinancingAgreement(
            name=name, bank=units[bank], counterpart=units[GOVERNMENT], amount=amount, amount_kind=kind,
            term_years=5, signed_on=signed, division=laocheng, notes=NOTE, is_demo=True, **more,
        ))  # fmt: skip

    agreement("老城区政府与洛阳农商行战略合作协议", RURAL, 35 * YI, AmountKind.EXACT, dt.date(2019, 3, 28))
    icbc = agreement(
        "老城区政府与工商银行洛阳分行、古都集团战略合作协议",
        ICBC,
        50 * YI,
        AmountKind.AT_LEAST,
        dt.date(2019, 5, 16),
    )
    agreement(
        "工商银行洛阳分行对古都集团融资支持", ICBC, 40 * YI, AmountKind.AT_LEAST, icbc.signed_on,
        beneficiary=units[GUDU], parent=icbc,
    )  # fmt: skip
    agreement(
        "老城区政府与平顶山银行洛阳分行战略合作协议",
        PINGDINGSHAN,
        20 * YI,
        AmountKind.AT_LEAST,
        dt.date(2019, 7, 9),
    )

    for enterprise, bank, amount, day in LOANS:
        if not CoordinatedLoan.objects.filter(enterprise=units[enterprise], granted_on=day).exists():
            services.create_row(operator, CoordinatedLoan(
                enterprise=units[enterprise], bank=units[bank], amount=amount * WAN, granted_on=day,
                division=laocheng, notes=LOAN_NOTE, is_demo=True,
            ))  # fmt: skip
            created[str(CoordinatedLoan._meta.verbose_name_plural)] += 1

    for name, level, amount in (
        ("国家服务业发展引导资金", AwardLevel.NATIONAL, 780 * WAN),
        ("河南省先进服务业“两区”奖励资金", AwardLevel.PROVINCIAL, 500 * WAN),
    ):
        if not Award.objects.filter(name=name, year=2017).exists():
            services.create_row(operator, Award(
                name=name, level=level, amount=amount, year=2017, beneficiary="以洛邑古城为核心的特色商业区",
                division=laocheng, notes=AWARD_NOTE, is_demo=True,
            ))  # fmt: skip
            created[str(Award._meta.verbose_name_plural)] += 1
    return created
