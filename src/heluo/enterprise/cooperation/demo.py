"""The cooperation ledger of 老城区 as the seed article writes it, year by year (2016–2019), through the
services. The article gives each year's totals and names 2019's seven projects with their partners; the
projects behind the earlier totals and every project's own amounts are invented, marked demo, and their
note says so. Carried over: 2017's one continuing project is complete in 2018's ledger. Idempotent."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from heluo.core.models import Division, Unit

from . import rules, services
from .models import CooperationProgress, CooperationProject

LAOCHENG = "410302000000"
GOVERNMENT = "洛阳市老城区人民政府"
GUDU = "洛阳古都发展集团有限公司"
CREC4 = "中铁四局集团有限公司"
WANJINGXIANG = "洛阳万景祥牡丹产业科技有限公司"
AOFEI = "洛阳市老城区奥菲花卉中心"
JIANYE = "河南建业住宅建设有限公司"
ZHONGKE = "洛阳中科信息产业研究院"
TEFUTE = "特富特电磁科技（洛阳）有限公司"
HUIXIONG = "洛阳灰熊科技园"
HUNAN = "湖南大学设计研究院有限公司"
MANGSHAN = "邙山街道办事处"
XIGUAN = "西关街道办事处"
NANGUAN = "南关街道办事处"

INVENTED = "演示数据：项目及金额为虚构，仅与报道公布的年度合计一致。"
NAMED = "项目名称与合作双方出自报道；各项目投资额、进度为演示数据。"

YI = Decimal(100_000_000)

# (name, local party, partners, total investment in 亿元, {year: (state, completed investment in 亿元)})
Row = tuple[str, str, tuple[str, ...], str, dict[int, tuple[str, str]]]
C, GO, UC = rules.COMPLETED, rules.CONTINUING, rules.UNDER_CONSTRUCTION

PROJECTS: list[Row] = [
    # 2016: 6 projects, 17.1亿元, all complete.
    ("东南隅历史街区保护性改造项目", GOVERNMENT, (GUDU,), "3.5", {2016: (C, "3.5")}),
    ("西关片区棚户区改造配套道路项目", XIGUAN, (CREC4,), "2.8", {2016: (C, "2.8")}),
    ("洛邑古城一期文化街区项目", GOVERNMENT, (GUDU,), "4.2", {2016: (C, "4.2")}),
    ("邙山牡丹种植基地项目", MANGSHAN, (WANJINGXIANG,), "1.6", {2016: (C, "1.6")}),
    ("电磁材料生产线技术改造项目", GOVERNMENT, (TEFUTE,), "3.0", {2016: (C, "3.0")}),
    ("南关滨河步道整治项目", NANGUAN, (JIANYE,), "2.0", {2016: (C, "2.0")}),
    # 2017: 13 projects, 33.1亿元; 12 complete, 30.1亿元 completed, 1 continuing (carried into 2018).
    ("洛邑古城二期文化商业街区项目", GOVERNMENT, (GUDU,), "4.0", {2017: (GO, "1.0"), 2018: (C, "4.0")}),
    ("丽景门广场提升改造项目", GOVERNMENT, (GUDU,), "3.2", {2017: (C, "3.2")}),
    ("西大街历史风貌修缮项目", XIGUAN, (GUDU,), "2.5", {2017: (C, "2.5")}),
    ("智慧城管平台项目", GOVERNMENT, (ZHONGKE,), "1.8", {2017: (C, "1.8")}),
    ("九都路沿线棚户区改造项目", GOVERNMENT, (CREC4,), "4.1", {2017: (C, "4.1")}),
    ("邙山牡丹文化观光园项目", MANGSHAN, (WANJINGXIANG,), "2.0", {2017: (C, "2.0")}),
    ("西关花卉市场升级项目", XIGUAN, (AOFEI,), "1.5", {2017: (C, "1.5")}),
    ("金业路城市综合体项目", GOVERNMENT, (JIANYE,), "3.6", {2017: (C, "3.6")}),
    ("老城区科技孵化器项目", GOVERNMENT, (HUIXIONG,), "2.2", {2017: (C, "2.2")}),
    ("电磁屏蔽材料扩产项目", GOVERNMENT, (TEFUTE,), "1.9", {2017: (C, "1.9")}),
    ("瀍河东岸生态修复项目", GOVERNMENT, (CREC4,), "2.8", {2017: (C, "2.8")}),
    ("南关农贸市场改造项目", NANGUAN, (JIANYE,), "1.5", {2017: (C, "1.5")}),
    ("城市设计导则编制及示范项目", GOVERNMENT, (HUNAN,), "2.0", {2017: (C, "2.0")}),
    # 2018: 12 projects (11 new and 2017's continuing one), 21.35亿元; 9 complete, 11.85亿元, 3 continuing.
    ("背街小巷整治项目", GOVERNMENT, (CREC4,), "0.8", {2018: (C, "0.8")}),
    ("邙山乡村旅游道路项目", MANGSHAN, (WANJINGXIANG,), "0.65", {2018: (C, "0.65")}),
    ("洛邑古城夜游亮化项目", GOVERNMENT, (GUDU,), "1.2", {2018: (C, "1.2")}),
    ("西关社区养老服务中心项目", XIGUAN, (JIANYE,), "0.5", {2018: (C, "0.5")}),
    ("电子雷管芯片模组项目", GOVERNMENT, (TEFUTE,), "0.9", {2018: (C, "0.9")}),
    ("灰熊科技园二期标准厂房项目", GOVERNMENT, (HUIXIONG,), "0.7", {2018: (C, "0.7")}),
    ("城建项目设计研发中心项目", GOVERNMENT, (HUNAN,), "0.6", {2018: (C, "0.6")}),
    ("南关花卉展示中心项目", NANGUAN, (AOFEI,), "0.9", {2018: (C, "0.9")}),
    ("古城墙遗址公园项目", GOVERNMENT, (GUDU,), "5.0", {2018: (GO, "0.7")}),
    ("瀍河片区城市更新项目", GOVERNMENT, (CREC4,), "3.5", {2018: (GO, "0.5")}),
    ("智慧农业科研基地项目", GOVERNMENT, (ZHONGKE,), "2.6", {2018: (GO, "0.4")}),
]

# 2019: the seven projects the article names, 76.5亿元, under construction.
NAMED_2019: list[Row] = [
    ("隋唐大运河遗址公园及隋唐大运河博物馆项目", GUDU, (CREC4,), "20", {2019: (UC, "3.0")}),
    ("洛阳万景祥创新牡丹产业园建设项目", MANGSHAN, (WANJINGXIANG,), "5", {2019: (UC, "1.2")}),
    ("奥菲花卉项目", XIGUAN, (AOFEI,), "1.5", {2019: (UC, "0.6")}),
    ("南关公园扩建项目", GUDU, (NANGUAN,), "2", {2019: (UC, "0.5")}),
    ("牡丹小镇项目", GOVERNMENT, (JIANYE,), "30", {2019: (UC, "4.5")}),
    ("瀍河沟域经济带项目", GOVERNMENT, (JIANYE,), "15", {2019: (UC, "1.0")}),
    ("洛阳高效智慧农耕示范园项目", GOVERNMENT, (ZHONGKE,), "3", {2019: (UC, "0.8")}),
]


def load_demo(operator: Any) -> Counter[str]:
    created: Counter[str] = Counter()
    rows = [*PROJECTS, *NAMED_2019]
    names = {party for _n, party, *_rest in rows} | {p for row in rows for p in row[2]}
    units = {unit.name: unit for unit in Unit.objects.filter(name__in=names).select_related("division")}
    if len(units) < len(names):  # core's demo is not loaded: nothing to cooperate with
        return created
    laocheng = Division.objects.get(code=LAOCHENG)
    for row in rows:
        name, party, partners, total, years = row
        local_party = units[party]
        project = CooperationProject.objects.filter(name=name, local_party=local_party).first()
        if project is None:
            first, last = min(years), max(years)
            project = services.create_project(
                operator,
                name=name,
                local_party=local_party,
                partners=[units[partner] for partner in partners],
                total_investment=Decimal(total) * YI,
                # A street office's project lies in its street; the others in the district.
                division=local_party.division
                if local_party.division.path.startswith(laocheng.path)
                else laocheng,
                entry_year=first,
                start_date=dt.date(first, 3, 1),
                end_date=dt.date(last, 12, 31)
                if years[last][0] == rules.COMPLETED
                else dt.date(last + 2, 12, 31),
                notes=NAMED if row in NAMED_2019 else INVENTED,
                is_demo=True,
            )
            created[str(CooperationProject._meta.verbose_name_plural)] += 1
        for year, (state, done) in years.items():
            if not project.progress.filter(year=year).exists():
                services.record_progress(
                    project,
                    year,
                    state=state,
                    completed_investment=Decimal(done) * YI,
                    user=operator,
                    is_demo=True,
                )
                created[str(CooperationProgress._meta.verbose_name_plural)] += 1
    return created
