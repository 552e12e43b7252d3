"""The militia demo (洛阳): 洛阳军分区 and the armed-forces department of every county and district of
Luoyang (and of 吉利区, which the provincial inspection visited), the city's emergency battalion, each
county's emergency company, township platoons, village squads of ordinary militia and specialist units of
several categories, with a few hundred synthetic members: every one eligible by age on 1 March of this
year, and the city's primary militia in new-type (新质力量) units between 21 % and 25 % of all primary
militia on the roster (UNITS: 72 of 322).

Written as the city's militia officer (`junfenqu`, core's demo account: the system operator is refused the
militia module) through the ledgers' forms and the services; deterministic (a fixed seed); a second run
creates nothing. Parts that build on it find the departments and units by name."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from heluo.core.demo import GIVEN, SURNAMES, synthetic_mobile
from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.identifiers import id_check_char
from heluo.core.ledger import Ledger
from heluo.core.models import Account, Division, Role, Unit
from heluo.core.services import accounts

from . import demo_c, demo_reorganisation, ledgers
from .models import ArmedForcesDepartment, MilitiaMember, MilitiaUnit, UnitCategory, UnitMove

LUOYANG = "410300000000"
JILI = "410306000000"  # merged into 孟津区 in 2021; its 人民武装部 is on the inspection's route
CITY_OFFICER = ("junfenqu", "洛阳军分区参谋")
SUBDISTRICT = "洛阳军分区"
BATTALION = "洛阳市民兵应急营"


@dataclass(frozen=True)
class DemoUnit:
    name: str  # "{county}" stands for the county's or district's name
    level: str
    category: str
    primary: bool
    members: int
    division: str = LUOYANG  # "" for every county and district


# The city's units, each county's emergency company, and the units of a few counties and townships.
UNITS = [
    DemoUnit(BATTALION, "battalion", "emergency", True, 40),
    DemoUnit("洛阳市民兵信息通信分队", "company", "communications", True, 20),
    DemoUnit("洛阳市民兵无人机分队", "platoon", "drone", True, 16),
    DemoUnit("洛阳市民兵网络分队", "platoon", "cyber", True, 12),
    DemoUnit("洛阳市民兵心理服务分队", "squad", "psychological", True, 8),
    DemoUnit("{county}民兵应急连", "company", "emergency", True, 10, ""),
    DemoUnit("瀍河回族区民兵无人机分队", "squad", "drone", True, 8, "410304000000"),
    DemoUnit("瀍河回族区民兵防化分队", "squad", "chemical_defence", True, 8, "410304000000"),
    DemoUnit("伊川县民兵信息通信分队", "squad", "communications", True, 8, "410329000000"),
    DemoUnit("伊川县民兵医疗救护分队", "squad", "medical", True, 8, "410329000000"),
    DemoUnit("洛龙区民兵抢险救援分队", "platoon", "rescue", True, 10, "410311000000"),
    DemoUnit("北窑街道民兵应急排", "platoon", "emergency", True, 8, "410304004000"),
    DemoUnit("开元路街道民兵应急排", "platoon", "emergency", True, 8, "410311002000"),
    DemoUnit("城关街道民兵应急排", "platoon", "emergency", True, 8, "410329001000"),
    DemoUnit("金家街社区普通民兵班", "squad", "ordinary", False, 8, "410304004002"),
    DemoUnit("定鼎门社区普通民兵班", "squad", "ordinary", False, 8, "410311002001"),
]


def this_years_reference(today: dt.date | None = None) -> dt.date:
    """1 March of this year: the day the demo's roster is eligible on (the reorganisation's reference)."""
    return dt.date((today or timezone.localdate()).year, 3, 1)


def load_demo(operator: Any) -> Counter[str]:
    """Departments, units and members, then this year's reorganisation with its targets and muster, then
    training, equipment and the provincial district's inspection, as the city's militia officer (militia rows are no one else's, the system operator's neither). Empty on a
    second run."""
    with transaction.atomic():
        officer = city_officer(operator)
        created = load_roster(officer)
        created += demo_reorganisation.load(officer)
        created += demo_c.load(officer)
        return created


def load_roster(officer: Any) -> Counter[str]:
    """The departments, units and members, written by `officer` (a militia officer of the city)."""
    return _Loader(officer).load()


def city_officer(operator: Any) -> Any:
    """The city's militia demo account (core's demo makes it; made here when this demo runs alone)."""
    found = Account.objects.filter(user__username=CITY_OFFICER[0]).select_related("user").first()
    if found is not None:
        return found.user
    account, _password = accounts.create_account(
        operator, username=CITY_OFFICER[0], display_name=CITY_OFFICER[1],
        roles=[Role.objects.get(code="militia_officer")], home_division=Division.objects.get(code=LUOYANG),
        unit=Unit.objects.filter(name=SUBDISTRICT).first(), password=DEMO_PASSWORD, is_demo=True,
    )  # fmt: skip
    return get_user_model().objects.get(pk=account.user_id)


def counties() -> list[Division]:
    """Luoyang's counties and districts valid today, and 吉利区."""
    today = timezone.localdate()
    valid = Division.objects.filter(level=3, path__startswith="4103").filter(
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=today)
    )
    return list(Division.objects.filter(models.Q(pk__in=valid) | models.Q(code=JILI)).order_by("code"))


class _Loader:
    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.rng = random.Random(20260301)
        self.reference = this_years_reference()
        self.created: Counter[str] = Counter()

    def save(self, ledger: Ledger, data: dict[str, Any]) -> Any:
        """One row through its ledger's form and save, as every way in writes it."""
        values = {k: (v.pk if isinstance(v, models.Model) else v) for k, v in data.items() if v is not None}
        form = ledger.form(data=values, user=self.actor)
        if not form.is_valid():
            raise ValueError(f"{ledger.label}: {form.errors.as_text()}")
        form.instance.is_demo = True
        row = ledger.save(form, self.actor)
        self.created[str(ledger.verbose_name_plural)] += 1
        return row

    def load(self) -> Counter[str]:
        city = self.department(SUBDISTRICT, "subdistrict", Division.objects.get(code=LUOYANG), None)
        departments = {LUOYANG: city}
        for county in counties():
            departments[county.code] = self.department(f"{county.name}人民武装部", "county", county, city)
        for spec in UNITS:
            for division in counties() if not spec.division else [Division.objects.get(code=spec.division)]:
                self.unit(spec, division, departments)
        return self.created

    def department(
        self, name: str, kind: str, division: Division, parent: ArmedForcesDepartment | None
    ) -> ArmedForcesDepartment:
        found = ArmedForcesDepartment.objects.filter(name=name).first()
        if found is not None:
            return found
        data = {"name": name, "kind": kind, "division": division, "parent": parent,
                "host_unit": Unit.objects.filter(name=name).first()}  # fmt: skip
        return self.save(ledgers.armed_forces_department, data)  # type: ignore[no-any-return]

    def unit(self, spec: DemoUnit, division: Division, departments: dict[str, ArmedForcesDepartment]) -> None:
        name = spec.name.format(county=division.name)
        if MilitiaUnit.objects.filter(name=name).exists():
            return
        county_code = division.code[:6] + "000000"
        data = {
            "name": name, "department": departments.get(county_code, departments[LUOYANG]), "division": division,
            "level": spec.level, "category": UnitCategory.objects.get(code=spec.category),
            "is_primary": spec.primary, "target_strength": spec.members + spec.members // 4,
        }  # fmt: skip
        unit = self.save(ledgers.militia_unit, data)
        for index in range(spec.members):
            self.member(unit, spec, index)

    def member(self, unit: MilitiaUnit, spec: DemoUnit, index: int) -> MilitiaMember:
        # Ages on 1 March: primary 19–26 (at most 27 until next March, within 28), ordinary 20–34.
        age = self.rng.randint(19, 26) if spec.primary else self.rng.randint(20, 34)
        born = dt.date(self.reference.year - age - 1, 6, 1) + dt.timedelta(days=self.rng.randrange(240))
        first17 = unit.division.code[:6] + born.strftime("%Y%m%d") + f"{self.rng.randrange(1000):03d}"
        specialist = spec.category not in {"emergency", "ordinary"}
        data = {
            "name": self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))),
            "gender": "female" if spec.category in {"psychological", "medical"} and index % 2 else "male",
            "id_number": first17 + id_check_char(first17), "birth_date": born,
            "phone": synthetic_mobile(self.rng), "division": unit.division,
            "member_class": "primary" if spec.primary else "ordinary", "unit": unit,
            "post": "班长" if index == 0 else "战斗员", "is_cadre": index == 0,
            "specialty": unit.category.name.removesuffix("分队") if specialist else "",
            "specialty_matches": specialist, "is_veteran": index % 4 == 0,
            "political_review": "passed", "joined_on": dt.date(self.reference.year - 1, 3, 1),
        }  # fmt: skip
        member = self.save(ledgers.militia_member, data)
        self.created[str(UnitMove._meta.verbose_name_plural)] += 1  # placed in the unit by a move
        return member  # type: ignore[no-any-return]
