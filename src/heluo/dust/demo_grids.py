"""The dual grids and construction waste of the Luoyang demo.

The article names 17 county-level cadres (县级干部) each holding a city-level package area (包片区域,
分片一包到底) with more than a hundred staff, but not who they are: the cadres' names and posts here are
invented, as are their staff (seven to each area). The package areas cover Luoyang's districts and
counties (洛龙区 and 涧西区, the busiest, have two each); every demo site goes to the area covering its
district. Waste removals over the last 90 days and cover records follow, a few left uncovered past the
limit so that their cases open. Idempotent, made through dust's services, every row marked demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.utils import timezone

from heluo.cases.models import Case
from heluo.core.demo import GIVEN, SURNAMES, synthetic_mobile, synthetic_resident_id
from heluo.core.models import Division, Person

from .models import CoverRecord, CoverTarget, PackageArea, PackageStaffRole, Site, SiteState, WasteRemoval
from .services import assign_package_area, create_package_area, create_waste_records, open_uncovered_cases

CITY = "410300000000"
# Package area → the districts or counties it covers (6-digit codes); a second area of a district takes
# the district's sites in turn.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("洛龙区北片包片区域", ("410311",)), ("洛龙区南片包片区域", ("410311",)),
    ("涧西区东片包片区域", ("410305",)), ("涧西区西片包片区域", ("410305",)),
    ("西工区包片区域", ("410303",)), ("老城区包片区域", ("410302",)), ("瀍河回族区包片区域", ("410304",)),
    ("偃师区包片区域", ("410307",)), ("孟津区包片区域", ("410308",)), ("洛阳高新区包片区域", ("410371",)),
    ("新安县包片区域", ("410323",)), ("栾川县包片区域", ("410324",)), ("嵩县包片区域", ("410325",)),
    ("汝阳县包片区域", ("410326",)), ("宜阳县包片区域", ("410327",)), ("洛宁县包片区域", ("410328",)),
    ("伊川县包片区域", ("410329",)),
)  # fmt: skip
CADRE_POSTS = (
    "市政府副秘书长", "市住房和城乡建设局局长", "市住房和城乡建设局副局长", "市城市管理局副局长",
    "市生态环境局副局长", "市自然资源和规划局副局长", "市交通运输局副局长", "市水利局副局长",
    "市住房和城乡建设局总工程师", "市城乡建设督查室主任",
)  # fmt: skip
STAFF_ROLES = (
    PackageStaffRole.LIAISON, PackageStaffRole.INSPECTOR, PackageStaffRole.INSPECTOR, PackageStaffRole.INSPECTOR,
    PackageStaffRole.TECHNICIAN, PackageStaffRole.TECHNICIAN, PackageStaffRole.INSPECTOR,
)  # fmt: skip
STAFF_POSITIONS = {
    PackageStaffRole.LIAISON: "包片联络员",
    PackageStaffRole.INSPECTOR: "扬尘督导员",
    PackageStaffRole.TECHNICIAN: "扬尘治理技术人员",
}
HAULIERS = (
    "洛阳通达渣土运输有限公司",
    "洛阳恒远建筑垃圾清运有限公司",
    "洛阳伊洛环卫运输有限公司",
    "洛阳鼎盛运输有限公司",
)
DISPOSAL = ("孙旗屯建筑垃圾消纳场", "伊滨建筑垃圾资源化利用厂", "孟津建筑垃圾消纳场", "偃师建筑垃圾消纳场")
COVER_PLACES = ("东侧土方", "北侧裸土", "基坑周边", "西侧砂石料堆", "临时道路两侧", "拆除物料堆")


class GridDemo:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.created: Counter[str] = Counter()
        self.rng = random.Random(20200315)

    def _person(self, division: Division, position: str) -> Person:
        rng = self.rng
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        person = Person(
            name=name, gender=rng.choice(["male", "female"]), id_type="resident_id",
            id_number=synthetic_resident_id(rng, division.code), phone=synthetic_mobile(rng), division=division,
            position=position, is_demo=True,
        )  # fmt: skip
        person.full_clean()
        person.save()
        return person

    def package_areas(self) -> None:
        """The 17 package areas with their cadres and staff; every demo site in the area of its district."""
        if PackageArea.objects.filter(is_demo=True).exists():
            return
        city = Division.objects.get(code=CITY)
        counties = {
            d.code[:6]: d
            for d in Division.objects.filter(level=3, path__startswith="4103", valid_to__isnull=True)
        }
        by_district: dict[str, list[PackageArea]] = {}
        for number, (name, codes) in enumerate(AREAS):
            cadre = self._person(city, CADRE_POSTS[number % len(CADRE_POSTS)])
            staff = [
                (self._person(counties[codes[0]], STAFF_POSITIONS[role]), str(role)) for role in STAFF_ROLES
            ]
            area = create_package_area(
                self.operator, PackageArea(name=name, cadre=cadre, is_demo=True,
                                           notes="演示数据：包片领导及人员姓名为虚构。"),
                [counties[code] for code in codes], staff,
            )  # fmt: skip
            for code in codes:
                by_district.setdefault(code, []).append(area)
            self.created[str(PackageArea._meta.verbose_name_plural)] += 1
            self.created[str(Person._meta.verbose_name_plural)] += 1 + len(staff)
        sites = Site.objects.filter(is_demo=True, package_area__isnull=True).select_related(
            "division", "package_area"
        )
        chosen: dict[int, list[Site]] = {}
        for index, site in enumerate(sites.order_by("pk")):
            areas = by_district.get(site.division.code[:6])
            if areas:
                area = areas[index % len(areas)]
                chosen.setdefault(area.pk, []).append(site)
        for area in PackageArea.objects.filter(pk__in=chosen):
            assign_package_area(self.operator, area, chosen[area.pk])

    def waste(self) -> None:
        """Removals over the last 90 days and cover records, a few still uncovered past the limit."""
        if WasteRemoval.objects.filter(is_demo=True).exists():
            return
        rng = self.rng
        now = timezone.now()
        today = timezone.localdate()
        working = list(Site.objects.filter(is_demo=True, state=SiteState.UNDER_CONSTRUCTION).order_by("pk"))
        removals, covers = [], []
        for site in working:
            if rng.random() < 0.5:
                for _ in range(rng.randrange(2, 8)):
                    removals.append(WasteRemoval(
                        site=site, date=today - dt.timedelta(days=rng.randrange(0, 90)),
                        volume=Decimal(rng.randrange(80, 900)) / 10, transport_company=rng.choice(HAULIERS),
                        vehicle=f"豫C{rng.choice('ABDFGK')}{rng.randrange(1000, 9999)}",
                        disposal_place=rng.choice(DISPOSAL), is_demo=True,
                    ))  # fmt: skip
            if rng.random() < 0.3:
                reported = now - dt.timedelta(hours=rng.randrange(2, 90 * 24))
                # Most are covered within hours; a few stay open, some of them past the limit.
                hours = rng.choice((1, 2, 3, 4, 6, 8, 12, None))
                covered = reported + dt.timedelta(hours=hours) if hours is not None else None
                covers.append(CoverRecord(
                    site=site, target=rng.choice(list(CoverTarget)), description=rng.choice(COVER_PLACES),
                    reported_at=reported, covered_at=covered if covered is None or covered < now else None,
                    is_demo=True,
                ))  # fmt: skip
        create_waste_records(self.operator, removals, covers)
        self.created[str(WasteRemoval._meta.verbose_name_plural)] += len(removals)
        self.created[str(CoverRecord._meta.verbose_name_plural)] += len(covers)
        opened = open_uncovered_cases(now)
        if opened:
            self.created[str(Case._meta.verbose_name_plural)] += opened


def load_grids_and_waste(operator: Any) -> Counter[str]:
    """Load the package areas, their cadres and staff, and the waste records (empty on a second run)."""
    demo = GridDemo(operator)
    demo.package_areas()
    demo.waste()
    return demo.created
