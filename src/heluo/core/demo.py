"""The Luoyang demo: divisions (today's and 2019's), zones, the units the seed article names, people,
grids and one account per role. Idempotent — a second run creates nothing — and every row is marked demo.

Places are attached by division code, never by name (定鼎门社区 410311002001 lies under 开元路街道).
Identity numbers and credit codes of demo rows are synthetic (valid check digits, invented digits);
the real people the article names are recorded without any document number.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import transaction

from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.identifiers import credit_code_check_char, id_check_char
from heluo.core.models import (
    Account,
    Division,
    Grid,
    GridMembership,
    GridRole,
    Person,
    Role,
    Unit,
    UnitType,
    Zone,
)
from heluo.core.services import accounts, divisions

LUOYANG = "410300000000"

ZONES = {
    "gaoxin": ("洛阳高新区", ["410371001000", "410371002000", "410371003000"]),
    # 伊滨区 runs streets and towns the statistical codes file under 洛龙区.
    "yibin": (
        "伊滨区",
        ["410311012000", "410311021000", "410311194000", "410311195000", "410311197000", "410311199000"],
    ),
}

# (name, unit type, division code, parent unit name, has a (synthetic) credit code)
UNITS: list[tuple[str, str, str, str, bool]] = [
    ("中共洛阳市委组织部", "government", "410300000000", "", False),
    ("中共洛阳市委宣传部", "government", "410300000000", "", False),
    ("洛阳市住房和城乡建设局", "government", "410300000000", "", False),
    ("洛阳市城市管理局", "government", "410300000000", "", False),
    ("洛阳军分区", "military", "410300000000", "", False),
    ("洛阳市民兵训练基地", "military", "410300000000", "洛阳军分区", False),
    ("洛阳市民兵应急营", "military", "410300000000", "洛阳军分区", False),
    ("洛阳市监狱", "prison", "410304000000", "", False),
    ("河南省洛阳正骨医院", "hospital", "410304000000", "", False),
    ("中共瀍河回族区委组织部", "government", "410304000000", "", False),
    ("中共北窑街道工作委员会", "party_organisation", "410304004000", "", False),
    ("金家街社区居民委员会", "residents_committee", "410304004002", "", False),
    ("瀍河回族区人民武装部", "armed_forces_department", "410304000000", "洛阳军分区", False),
    ("伊川县人民武装部", "armed_forces_department", "410329000000", "洛阳军分区", False),
    ("吉利区人民武装部", "armed_forces_department", "410306000000", "洛阳军分区", False),
    ("定鼎门社区居民委员会", "residents_committee", "410311002001", "", False),
    ("中共定鼎门社区委员会", "party_organisation", "410311002001", "", False),
    (
        "中共定鼎门社区委员会第二支部委员会",
        "party_organisation",
        "410311002001",
        "中共定鼎门社区委员会",
        False,
    ),
    ("洛阳市老城区人民政府", "government", "410302000000", "", False),
    ("老城区发展和改革委员会", "government", "410302000000", "洛阳市老城区人民政府", False),
    ("老城区商务和工业信息化局", "government", "410302000000", "洛阳市老城区人民政府", False),
    ("老城区科学技术局", "government", "410302000000", "洛阳市老城区人民政府", False),
    ("老城区金融工作局", "government", "410302000000", "洛阳市老城区人民政府", False),
    ("邙山街道办事处", "government", "410302008000", "洛阳市老城区人民政府", False),
    ("西关街道办事处", "government", "410302001000", "洛阳市老城区人民政府", False),
    ("南关街道办事处", "government", "410302006000", "洛阳市老城区人民政府", False),
    ("洛阳古都发展集团有限公司", "enterprise", "410302000000", "", True),
    ("中铁四局集团有限公司", "enterprise", "410300000000", "", True),
    ("洛阳万景祥牡丹产业科技有限公司", "enterprise", "410302008000", "", True),
    ("洛阳市老城区奥菲花卉中心", "enterprise", "410302001000", "", True),
    ("河南建业住宅建设有限公司", "enterprise", "410300000000", "", True),
    ("洛阳中科信息产业研究院", "public_institution", "410302000000", "", True),
    ("特富特电磁科技（洛阳）有限公司", "enterprise", "410302000000", "", True),
    ("洛阳灰熊科技园", "enterprise", "410302000000", "", True),
    ("湖南大学设计研究院有限公司", "enterprise", "410300000000", "", True),
    ("洛阳农商银行", "financial_institution", "410300000000", "", True),
    ("中国工商银行洛阳分行", "financial_institution", "410300000000", "", True),
    ("平顶山银行洛阳分行", "financial_institution", "410300000000", "", True),
]

# The demo's chief service officer (首席服务官), invented: (name, division code, unit name, position).
SERVICE_OFFICER = ("陈志远", "410302000000", "老城区商务和工业信息化局", "首席服务官")

# People the article names, with their unit and position; no document numbers.
NAMED_PEOPLE = [
    ("王兰华", "410311002001", "中共定鼎门社区委员会第二支部委员会", "党员"),
    ("高峰", "410304004000", "中共北窑街道工作委员会", "党工委书记"),
    ("赵书政", "410300000000", "洛阳市住房和城乡建设局", "党组书记、局长"),
]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌辉鹏飞晓东海燕丹颖鑫宇浩然子涵梓轩雨欣佳怡"

# The militia officers' own records (fictional names), so that cases can be assigned to them.
MILITIA_OFFICER_PEOPLE = {"wuzhuang": ("李卫东", "干事"), "junfenqu": ("张振华", "参谋")}

# Streets whose grids the demo fills: 开元路, 北窑, 吉利 (formerly 吉利区) and two of 老城区.
GRID_STREETS = ["410311002000", "410304004000", "410308004000", "410302001000", "410302008000"]

# (username, display name, role, home division code or zone code, unit name)
ACCOUNTS = [
    ("admin", "市级管理员", "city_admin", LUOYANG, ""),
    ("laocheng", "老城区管理员", "district_admin", "410302000000", "洛阳市老城区人民政府"),
    ("gaoxin", "高新区管理员", "district_admin", "zone:gaoxin", ""),
    ("zhujian", "住建局扬尘专员", "department_staff", LUOYANG, "洛阳市住房和城乡建设局"),
    ("luolong", "洛龙区工作人员", "division_staff", "410311000000", ""),
    ("mengjin", "孟津区工作人员", "division_staff", "410308000000", ""),
    ("wangge", "开元路街道网格员", "grid_officer", "410311002000", ""),
    ("duban", "市督办员", "supervisor", LUOYANG, "中共洛阳市委组织部"),
    ("dingdingmen", "定鼎门社区负责人", "unit_leader", "410311002001", "定鼎门社区居民委员会"),
    ("beiyao", "北窑街道党工委书记", "party_secretary", "410304004000", "中共北窑街道工作委员会"),
    ("wuzhuang", "瀍河区人武部干事", "militia_officer", "410304000000", "瀍河回族区人民武装部"),
    ("junfenqu", "洛阳军分区参谋", "militia_officer", LUOYANG, "洛阳军分区"),
    ("lingdao", "市领导（只读）", "leader", LUOYANG, ""),
    ("fuwuguan", "老城区首席服务官", "chief_service_officer", "410302000000", "老城区商务和工业信息化局"),
]


def synthetic_credit_code(rng: random.Random, division_code: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    organisation = "".join(rng.choice("0123456789") for _ in range(8)) + rng.choice(alphabet[:10])
    first17 = "91" + division_code[:6] + organisation
    return first17 + credit_code_check_char(first17)


def synthetic_resident_id(rng: random.Random, division_code: str) -> str:
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 40 * 365))
    first17 = division_code[:6] + born.strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
    return first17 + id_check_char(first17)


def synthetic_mobile(rng: random.Random) -> str:
    return rng.choice(["135", "138", "139", "150", "158", "186", "187"]) + f"{rng.randrange(0, 10**8):08d}"


class DemoLoader:
    """Loads the demo once; counts what it created, so a second run can say it created nothing."""

    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.created: Counter[str] = Counter()
        # A fixed seed: the demo is the same on every machine.
        self.rng = random.Random(20191101)

    def division(self, code: str) -> Division:
        return Division.objects.get(code=code)

    def _save(self, obj: Any) -> Any:
        obj.is_demo = True
        obj._history_user = self.operator
        obj.full_clean()
        obj.save()
        self.created[str(type(obj)._meta.verbose_name_plural)] += 1
        return obj

    def load_divisions(self) -> None:
        report = divisions.load_divisions(LUOYANG, user=self.operator, is_demo=True)
        if report.created or report.historic:
            self.created[str(Division._meta.verbose_name_plural)] += report.created + report.historic

    def load_zones(self) -> None:
        city = self.division(LUOYANG)
        for code, (name, streets) in ZONES.items():
            zone = Zone.objects.filter(code=code).first() or self._save(Zone(code=code, name=name, city=city))
            zone.streets.add(*Division.objects.filter(code__in=streets))

    def load_units(self) -> None:
        types = {t.code: t for t in UnitType.objects.all()}
        for name, type_code, division_code, parent_name, has_code in UNITS:
            division = self.division(division_code)
            if Unit.objects.filter(name=name, division=division).exists():
                continue
            self._save(
                Unit(
                    name=name,
                    unit_type=types[type_code],
                    division=division,
                    parent=Unit.objects.filter(name=parent_name).first() if parent_name else None,
                    credit_code=synthetic_credit_code(self.rng, division_code) if has_code else "",
                    notes="演示数据：统一社会信用代码为虚构。" if has_code else "",
                )
            )

    def person(self, name: str, division_code: str, **fields: Any) -> Person:
        division = self.division(division_code)
        existing = Person.objects.filter(name=name, division=division, is_demo=True).first()
        return existing or self._save(Person(name=name, division=division, **fields))

    def load_people_and_grids(self) -> None:
        for name, division_code, unit_name, position in NAMED_PEOPLE:
            self.person(name, division_code, unit=Unit.objects.get(name=unit_name), position=position)
        leader_role = GridRole.objects.get(code="grid_leader")
        member_role = GridRole.objects.get(code="grid_member")
        for street_code in GRID_STREETS:
            street = self.division(street_code)
            for number, community in enumerate(street.children.order_by("code")[:3], start=1):
                name = f"{street.display_name}第{number}网格"
                grid = Grid.objects.filter(name=name, division=community).first()
                grid = grid or self._save(Grid(name=name, division=community, description=community.name))
                for role, count in ((leader_role, 1), (member_role, 2)):
                    for _ in range(count - grid.memberships.filter(role=role).count()):
                        person = self._save(self.synthetic_person(community.code))
                        self._save(
                            GridMembership(grid=grid, person=person, role=role, start=dt.date(2019, 3, 1))
                        )

    def synthetic_person(self, division_code: str) -> Person:
        name = self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
        )
        return Person(
            name=name,
            gender=self.rng.choice(["male", "female"]),
            id_type="resident_id",
            id_number=synthetic_resident_id(self.rng, division_code),
            phone=synthetic_mobile(self.rng),
            division=self.division(division_code),
            position="网格员",
        )

    def load_accounts(self) -> None:
        for username, display_name, role_code, home, unit_name in ACCOUNTS:
            if Account.objects.filter(user__username=username).exists():
                continue
            zone = Zone.objects.get(code=home.removeprefix("zone:")) if home.startswith("zone:") else None
            person = None
            if role_code == "grid_officer":
                # The grid officer is a member of the first grid of their street.
                person = (
                    GridMembership.objects.filter(grid__division__path__startswith=home[:9]).first().person
                )  # type: ignore[union-attr]
            elif role_code == "militia_officer":
                # A case's handler is a person: the module's shortfall and finding cases go to the officer.
                name, position = MILITIA_OFFICER_PEOPLE[username]
                person = self.person(name, home, unit=Unit.objects.get(name=unit_name), position=position)
            elif role_code == "chief_service_officer":
                name, division_code, officer_unit, position = SERVICE_OFFICER
                person = self.person(
                    name, division_code, unit=Unit.objects.get(name=officer_unit), position=position
                )
            accounts.create_account(
                self.operator,
                username=username,
                display_name=display_name,
                roles=[Role.objects.get(code=role_code)],
                home_division=None if zone else self.division(home),
                home_zone=zone,
                unit=Unit.objects.get(name=unit_name) if unit_name else None,
                person=person,
                password=DEMO_PASSWORD,
                is_demo=True,
            )
            self.created[str(Account._meta.verbose_name_plural)] += 1


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Load core's part of the Luoyang demo. Returns what was created (empty on a second run)."""
    loader = DemoLoader(operator)
    loader.load_divisions()
    loader.load_zones()
    loader.load_units()
    loader.load_people_and_grids()
    loader.load_accounts()
    return loader.created
