"""The dust part of the Luoyang demo: 220 construction sites across the city's districts and counties,
their contractors (synthetic enterprises with valid, invented credit codes) and one dust grid per street
with its "一长三员"; then the package areas and waste records (demo_grids). Idempotent — a second run
creates nothing — and every row is marked demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import transaction

from heluo.core.demo import GIVEN, SURNAMES, synthetic_credit_code, synthetic_mobile, synthetic_resident_id
from heluo.core.models import (
    Account,
    CoordinateSystem,
    Division,
    Grid,
    GridLevel,
    GridMembership,
    GridRole,
    Person,
    Unit,
    UnitType,
)
from heluo.core.services.audit import audited_bulk_create

from .demo_consultation import load_consultation_demo
from .demo_enforcement import load_enforcement_demo
from .demo_grids import load_grids_and_waste
from .demo_inspections import load_demo as load_inspections
from .models import Site, SiteKind, SiteState
from .services import DUST_GRID_ROLES, create_sites

# District or county code → (how many sites, rough centre as GCJ-02 longitude, latitude).
DISTRICTS: dict[str, tuple[int, float, float]] = {
    "410311": (44, 112.47, 34.60),  # 洛龙区
    "410305": (25, 112.39, 34.66),  # 涧西区
    "410303": (20, 112.43, 34.67),  # 西工区
    "410302": (15, 112.48, 34.68),  # 老城区
    "410304": (15, 112.51, 34.70),  # 瀍河回族区
    "410307": (15, 112.79, 34.73),  # 偃师区
    "410308": (15, 112.44, 34.82),  # 孟津区
    "410371": (15, 112.34, 34.63),  # 洛阳高新区
    "410323": (8, 112.13, 34.72),  # 新安县
    "410324": (8, 111.62, 33.79),  # 栾川县
    "410325": (8, 112.09, 34.13),  # 嵩县
    "410326": (8, 112.47, 34.15),  # 汝阳县
    "410327": (8, 112.18, 34.51),  # 宜阳县
    "410328": (8, 111.65, 34.39),  # 洛宁县
    "410329": (8, 112.43, 34.42),  # 伊川县
}
PLACES = (
    "开元大道", "中州路", "九都路", "王城大道", "龙门大道", "西苑路", "牡丹大道", "古城路", "定鼎路",
    "太康路", "宜人路", "关林路", "滨河路", "政和路", "学子街", "长夏门街", "周山路", "唐宫路", "启明路",
    "凯旋路", "南昌路", "武汉路", "青岛路", "长春路", "丽新路", "华山路", "嵩山路", "衡山路", "孙旗屯路",
    "洛河南岸", "伊河西岸", "涧河东岸", "瀍河北岸", "城北片区", "东部新区", "产业集聚区", "高铁站片区",
)  # fmt: skip
PROJECTS: dict[str, tuple[str, ...]] = {
    SiteKind.BUILDING: (
        "安置房{n}期项目", "人才公寓项目", "商住小区{n}期工程", "中学新建教学楼工程", "社区综合服务中心项目",
        "医院门诊楼扩建工程", "标准化厂房项目", "保障性住房{n}期工程",
    ),
    SiteKind.MUNICIPAL: ("雨污分流改造工程", "供热管网改造工程", "老旧小区改造项目", "综合管廊工程", "游园提升工程"),
    SiteKind.ROAD: ("道路提升改造工程", "快速化改造工程", "跨河桥梁新建工程", "道路拓宽工程"),
    SiteKind.DEMOLITION: ("城中村改造拆迁项目", "棚户区改造拆迁项目"),
    SiteKind.WATER: ("河道综合治理工程", "水系连通工程", "堤防加固工程"),
    SiteKind.OTHER: ("光伏电站建设项目", "物流园建设项目", "停车场建设项目"),
}  # fmt: skip
KIND_WEIGHTS = {
    SiteKind.BUILDING: 45, SiteKind.MUNICIPAL: 20, SiteKind.ROAD: 15,
    SiteKind.DEMOLITION: 10, SiteKind.WATER: 5, SiteKind.OTHER: 5,
}  # fmt: skip
STATE_WEIGHTS = {
    SiteState.UNDER_CONSTRUCTION: 75, SiteState.PLANNED: 8, SiteState.SUSPENDED: 7, SiteState.COMPLETED: 10,
}  # fmt: skip
CONTRACTOR_WORDS = ("恒远", "宏基", "中原", "河洛", "伊洛", "天宇", "鼎盛", "华建", "国泰", "安居", "通达", "盛世",
                    "九州", "隆基", "永安", "瑞丰", "金诚", "嘉禾", "建兴", "昊天")  # fmt: skip
CONTRACTOR_KINDS = ("建设工程有限公司", "建筑工程有限公司", "市政工程有限公司", "路桥工程有限公司")
DEVELOPER_WORDS = ("洛浦", "牡丹城", "隋唐", "龙门", "邙山", "瀍涧")
ROLE_POSITIONS = {
    "grid_leader": "网格长",
    "grid_member": "网格员",
    "dust_inspector": "巡查员",
    "dust_supervisor": "监督员",
}
DEMO_NOTE = "演示数据：统一社会信用代码为虚构。"


class SiteDemo:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.created: Counter[str] = Counter()
        # Two fixed seeds: the plan (names, places, kinds) must come out the same on every run, whatever
        # the run creates, so identities (credit codes, people) draw from their own generator.
        self.rng = random.Random(20191102)
        self.identities = random.Random(20191103)
        self.enterprise = UnitType.objects.get(code="enterprise")

    def _created(self, model: type[Any], count: int) -> None:
        if count:
            self.created[str(model._meta.verbose_name_plural)] += count

    def units(self, names: list[tuple[str, str]]) -> dict[str, Unit]:
        """Demo enterprises by name (name, division code), created when missing."""
        existing = {unit.name: unit for unit in Unit.objects.filter(name__in=[name for name, _ in names])}
        divisions = {d.code: d for d in Division.objects.filter(code__in=[code for _, code in names])}
        new = []
        for name, code in names:
            if name not in existing:
                unit = Unit(
                    name=name, unit_type=self.enterprise, division=divisions[code],
                    credit_code=synthetic_credit_code(self.identities, code), notes=DEMO_NOTE, is_demo=True,
                )  # fmt: skip
                unit.full_clean()
                new.append(unit)
        audited_bulk_create(Unit, new, user=self.operator)
        self._created(Unit, len(new))
        return {unit.name: unit for unit in Unit.objects.filter(name__in=[name for name, _ in names])}

    def street_grids(self, streets: list[Division]) -> dict[int, Grid]:
        """One dust grid per street, with a 网格长 and three officers (一长三员)."""
        names = {street.pk: f"{street.display_name}扬尘治理网格" for street in streets}
        existing = {g.division_id: g for g in Grid.objects.filter(name__in=names.values(), is_demo=True)}
        new = [
            Grid(name=names[street.pk], division=street, level=GridLevel.SECOND, is_demo=True,
                 description="扬尘治理“一长三员”网格（演示）")
            for street in streets
            if street.pk not in existing
        ]  # fmt: skip
        audited_bulk_create(Grid, new, user=self.operator)
        self._created(Grid, len(new))
        grids = {
            g.division_id: g
            for g in Grid.objects.filter(name__in=names.values(), is_demo=True).select_related("division")
        }
        self.officers([grids[pk] for pk in grids if pk not in existing])
        return grids

    def officers(self, grids: list[Grid]) -> None:
        roles = {role.code: role for role in GridRole.objects.filter(code__in=DUST_GRID_ROLES)}
        accounts = account_people()
        people, memberships = [], []
        for grid in grids:
            for code in DUST_GRID_ROLES:
                if code == "grid_member" and grid.division_id in accounts:
                    # The demo's grid officer serves in their street's dust grid: its alarms reach them.
                    memberships.append(
                        GridMembership(grid=grid, person=accounts[grid.division_id], role=roles[code],
                                       start=dt.date(2019, 11, 1), is_demo=True)
                    )  # fmt: skip
                    continue
                rng = self.identities
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
                person = Person(
                    name=name, gender=rng.choice(["male", "female"]), id_type="resident_id",
                    id_number=synthetic_resident_id(rng, grid.division.code), phone=synthetic_mobile(rng),
                    division=grid.division, position=ROLE_POSITIONS[code], is_demo=True,
                )  # fmt: skip
                people.append(person)
                memberships.append(
                    GridMembership(
                        grid=grid, person=person, role=roles[code], start=dt.date(2019, 11, 1), is_demo=True
                    )
                )
        audited_bulk_create(Person, people, user=self.operator)
        for membership in memberships:
            membership.person_id = membership.person.pk
        audited_bulk_create(GridMembership, memberships, user=self.operator)
        self._created(Person, len(people))
        self._created(GridMembership, len(memberships))

    def sites(self) -> None:
        rng = self.rng
        divisions = Division.objects.filter(
            path__startswith="4103", valid_to__isnull=True, level__in=(3, 4, 5)
        )
        by_parent: dict[int | None, list[Division]] = {}
        counties = {}
        for division in divisions.order_by("code"):
            by_parent.setdefault(division.parent_id, []).append(division)
            if division.level == 3:
                counties[division.code[:6]] = division
        contractors = self.units(
            [(f"洛阳{word}{rng.choice(CONTRACTOR_KINDS)}", "410300000000") for word in CONTRACTOR_WORDS]
        )
        developers = self.units([(f"洛阳{word}置业有限公司", "410300000000") for word in DEVELOPER_WORDS])
        plans = []  # (name, district, street, community-or-street, kind)
        for code, (count, lon, lat) in DISTRICTS.items():
            district = counties[code]
            streets = by_parent.get(district.pk, [])
            for number in range(count):
                street = streets[number % len(streets)]
                communities = by_parent.get(street.pk, [])
                place = rng.choice(communities) if communities else street
                kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
                project = rng.choice(PROJECTS[kind]).format(n="一二三四五"[rng.randrange(5)])
                name = f"洛阳市{district.name}{rng.choice(PLACES)}{project}"
                plans.append((name, district, street, place, kind, lon, lat))
        grids = self.street_grids(
            sorted({street for _, _, street, _, _, _, _ in plans}, key=lambda d: d.code)
        )
        existing = set(Site.objects.values_list("name", "division_id"))
        taken: set[tuple[str, int]] = set()
        new = []
        for name, _district, street, place, kind, lon, lat in plans:
            unique = name
            section = 2
            while (unique, place.pk) in taken:
                unique, section = f"{name}（{section}标段）", section + 1
            taken.add((unique, place.pk))
            start = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(0, 600))
            site = Site(
                name=unique, kind=kind, division=place, address=f"{place.name}{rng.randrange(1, 300)}号",
                longitude=Decimal(f"{lon + rng.uniform(-0.04, 0.04):.6f}"),
                latitude=Decimal(f"{lat + rng.uniform(-0.03, 0.03):.6f}"),
                coordinate_system=CoordinateSystem.GCJ02,
                contractor=contractors[rng.choice(sorted(contractors))],
                developer=developers[rng.choice(sorted(developers))] if rng.random() < 0.6 else None,
                state=rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0],
                grid=grids[street.pk], start_date=start, end_date=start + dt.timedelta(days=rng.randrange(300, 900)),
                is_demo=True,
            )  # fmt: skip
            if (unique, place.pk) not in existing:
                new.append(site)
        create_sites(self.operator, new)
        self._created(Site, len(new))


def account_people() -> dict[int, Person]:
    """The people of the demo's grid officer accounts, by their home street."""
    accounts = Account.objects.filter(is_demo=True, roles__code="grid_officer", person__isnull=False)
    return {account.home_division_id: account.person for account in accounts.select_related("person")}


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Load the dust part of the Luoyang demo. Returns what was created (empty on a second run)."""
    demo = SiteDemo(operator)
    demo.sites()
    # Enforcement first: its blacklisted contractor's site is then put in a package area with the rest.
    return (
        demo.created
        + load_enforcement_demo(operator)
        + load_grids_and_waste(operator)
        + load_inspections(operator)
        + load_consultation_demo(operator)
    )
