"""The alliance's and 四议两公开's part of the Luoyang demo, through the ledgers' forms and the services:
瀍河区 北窑街道党工委's “红引擎” alliance of 16 member units (among them 区委组织部, 河南省洛阳正骨医院,
洛阳市监狱, 金家街社区) with its resource, need and project lists — residents' needs matched, three of
them accepted into projects — and its joint activities (党建培训, 文艺活动, 法治宣传); and 孟津区 会盟镇
扣马村's 四议两公开 matter carried to step 5 (决议公开). The organisations come from part A's demo when it
has run; what is missing is made here through the organisation ledger."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from heluo.core.ledger import Ledger
from heluo.core.models import Division, Unit

from . import ledgers_alliance as ledgers
from . import ledgers_org
from .models import (
    Alliance,
    AllianceMember,
    Match,
    MatterStep,
    Member,
    Need,
    OrganisationKind,
    PartyOrganisation,
    Project,
    Resource,
)
from .services import alliance as alliance_services
from .services import villages

BEIYAO = "410304004000"  # 瀍河回族区 北窑街道
JINJIAJIE = "410304004002"  # 金家街社区
JIAMAYING = "410304004003"  # 夹马营社区
LIMINJIE = "410304004004"  # 利民街社区
CHANHE = "410304000000"  # 瀍河回族区
KOUMA = "410308101201"  # 孟津区 会盟镇 扣马村
ALLIANCE_NAME = "“红引擎”党建联盟"

# (name in the alliance, kind, Heluo unit name or "", contact, [(category, resource, capacity, place
# division, service area or "" for its own division, "*" for anywhere)])
UNITS: tuple[tuple[str, str, str, str, tuple[tuple[str, str, int, str, str], ...]], ...] = (
    ("区委组织部", "organ", "中共瀍河回族区委组织部", "组织科", (
        ("education", "党员教育培训师资", 50, CHANHE, CHANHE),)),
    ("河南省洛阳正骨医院", "hospital", "河南省洛阳正骨医院", "医务科", (
        ("medical", "骨科义诊和健康讲座", 200, CHANHE, CHANHE),
        ("volunteer", "医护志愿服务队", 40, CHANHE, CHANHE))),
    ("洛阳市监狱", "institution", "洛阳市监狱", "政治处", (
        ("legal", "警示教育基地参观", 120, CHANHE, "*"),)),
    ("金家街社区", "community", "金家街社区居民委员会", "社区党委", (
        ("venue", "党群服务中心活动室", 30, JINJIAJIE, ""),)),
    ("夹马营社区", "community", "", "社区党支部", (("venue", "社区文化广场", 200, JIAMAYING, ""),)),
    ("利民街社区", "community", "", "社区党支部", (("venue", "社区议事厅", 25, LIMINJIE, ""),)),
    ("瀍河回族区司法局", "organ", "", "法律援助中心", (
        ("legal", "法律援助和法律咨询", 100, CHANHE, CHANHE),
        ("legal", "人民调解员驻点", 30, CHANHE, BEIYAO))),
    ("瀍河回族区民政局", "organ", "", "养老服务科", (("elderly", "居家养老上门服务", 40, CHANHE, BEIYAO),)),
    ("瀍河回族区文化广电和旅游局", "organ", "", "文化馆", (("culture", "文艺演出小分队", 300, CHANHE, CHANHE),)),
    ("瀍河回族区市场监督管理局", "organ", "", "食品安全科", (("volunteer", "食品安全宣传", 150, CHANHE, CHANHE),)),
    ("瀍河回族区人民医院", "hospital", "", "公共卫生科", (("medical", "慢性病随访", 100, CHANHE, CHANHE),)),
    ("北窑街道社区卫生服务中心", "hospital", "", "家庭医生团队", (("medical", "家庭医生签约服务", 150, BEIYAO, BEIYAO),)),
    ("瀍河回族区实验小学", "school", "", "少先队大队部", (("education", "假期托管课堂", 60, BEIYAO, BEIYAO),)),
    ("瀍河回族区第二实验小学", "school", "", "德育处", (("education", "青少年课后辅导", 40, BEIYAO, BEIYAO),)),
    ("国网洛阳供电公司瀍河供电中心", "enterprise", "", "党建办", (("volunteer", "安全用电上门检查", 80, CHANHE, BEIYAO),)),
    ("中国邮政洛阳市瀍河区分公司", "enterprise", "", "党支部", (("material", "爱心物资配送", 50, CHANHE, CHANHE),)),
)  # fmt: skip

# (raised by, place, category, need, size, the resource to accept or "")
NEEDS: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("金家街社区居民", JINJIAJIE, "medical", "老年人骨科义诊", 60, "骨科义诊和健康讲座"),
    ("金家街社区居民", JINJIAJIE, "legal", "老旧小区物业纠纷法律咨询", 30, "法律援助和法律咨询"),
    ("夹马营社区居民", JIAMAYING, "education", "双职工家庭暑期托管", 40, "假期托管课堂"),
    ("利民街社区居民", LIMINJIE, "elderly", "独居老人上门照料", 20, ""),
    ("金家街社区居民", JINJIAJIE, "volunteer", "老旧小区安全用电检查", 50, ""),
)

# (kind, title, days before today, place, hours)
ACTIVITIES = (
    ("training", "“红引擎”党建联盟党务干部培训", 70, "北窑街道党群服务中心", "3"),
    ("arts", "“颂党恩 跟党走”联盟文艺汇演", 45, "夹马营社区文化广场", "2.5"),
    ("law", "宪法宣传周法治宣传进社区", 20, "金家街社区", "2"),
)


def load(operator: Any) -> Counter[str]:
    """Load the alliance and the village matter (nothing on a second run). Returns what was created."""
    if Alliance.objects.filter(name=ALLIANCE_NAME, is_demo=True).exists():
        return Counter()
    with transaction.atomic():
        loader = _Loader(operator, timezone.localdate())
        loader.load_alliance()
        loader.load_village_matter()
        return loader.created


def _division(code: str) -> Division:
    return Division.objects.get(code=code)


class _Loader:
    def __init__(self, operator: Any, today: dt.date) -> None:
        self.operator = operator
        self.today = today
        self.created: Counter[str] = Counter()

    def save(self, ledger: Ledger, data: dict[str, Any]) -> Any:
        """A row through its ledger's form and save, as a page would write it (marked as demo data)."""
        form_class: Any = ledger.form
        form = form_class(data, user=self.operator)
        if not form.is_valid():
            raise ValidationError(f"{ledger.label}: {form.errors.as_text()}")
        form.instance.is_demo = True
        row = ledger.save(form, self.operator)
        self.created[str(ledger.verbose_name_plural)] += 1
        return row

    def organisation(
        self, name_part: str, kind: str, code: str, name: str, field: str, parent: Any
    ) -> PartyOrganisation:
        """Part A's organisation of that name if its demo made it, else a new one."""
        found = PartyOrganisation.objects.filter(name__contains=name_part, kind=kind).order_by("pk").first()
        if found is not None:
            return found
        return self.save(
            ledgers_org.party_organisation,
            {"name": name, "kind": kind, "field": field, "parent": parent.pk if parent else "",
             "division": _division(code).pk},
        )  # fmt: skip

    def load_alliance(self) -> None:
        lead = self.organisation("北窑街道", OrganisationKind.WORKING_COMMITTEE, BEIYAO, "中共北窑街道工作委员会",
                                 "community", None)  # fmt: skip
        community = self.organisation("金家街社区", OrganisationKind.COMMITTEE, JINJIAJIE, "中共金家街社区委员会",
                                      "community", lead)  # fmt: skip
        alliance = self.save(
            ledgers.alliance,
            {"name": ALLIANCE_NAME, "organisation": lead.pk, "founded_on": "2021-06-18", "stale_after_days": 90,
             "description": "北窑街道党工委牵头,辖区机关、医院、学校、社区、企业等16家单位结对共建,"
                            "建立资源、需求、项目三张清单,推动党建资源向基层一线集聚。"},
        )  # fmt: skip
        resources = self.load_units(alliance)
        self.load_needs(alliance, resources)
        self.load_activities(alliance, community)

    def load_units(self, alliance: Alliance) -> dict[str, Resource]:
        resources: dict[str, Resource] = {}
        for index, (name, kind, unit_name, contact, offers) in enumerate(UNITS):
            unit = Unit.objects.filter(name=unit_name).first() if unit_name else None
            joined = dt.date(2021, 6, 18) if index < 10 else dt.date(2022, 3, 1)
            member = self.save(
                ledgers.alliance_member,
                {"alliance": alliance.pk, "unit": unit.pk if unit else "", "name": name, "kind": kind,
                 "joined_on": joined.isoformat(), "contact_name": contact},
            )  # fmt: skip
            for category, title, capacity, place, area in offers:
                resources[title] = self.save(
                    ledgers.resource,
                    {"alliance": alliance.pk, "member": member.pk, "category": category, "title": title,
                     "capacity": capacity, "division": _division(place).pk,
                     "service_area": _division(area).pk if area not in ("", "*") else "", "anywhere": area == "*",
                     "available_from": "2026-01-01", "state": "available"},
                )  # fmt: skip
        return resources

    def load_needs(self, alliance: Alliance, resources: dict[str, Resource]) -> None:
        accepted: list[tuple[Need, Resource]] = []
        for raised_by, place, category, title, size, chosen in NEEDS:
            need = self.save(
                ledgers.need,
                {"alliance": alliance.pk, "raised_by": raised_by, "category": category, "title": title,
                 "size": size, "division": _division(place).pk, "wanted_from": self.today.replace(day=1).isoformat()},
            )  # fmt: skip
            if chosen:
                accepted.append((need, resources[chosen]))
        self.created[str(Match._meta.verbose_name_plural)] += alliance_services.propose_matches(alliance)
        for need, resource in accepted:
            match = Match.objects.get(need=need, resource=resource)
            alliance_services.accept_match(self.operator, match, on=self.today - dt.timedelta(days=30))
            self.created[str(Project._meta.verbose_name_plural)] += 1
        first = Project.objects.filter(alliance=alliance).order_by("pk").first()
        if first is not None:
            self._progress(first)
        _mark_demo(Match.objects.filter(need__alliance=alliance))
        _mark_demo(Project.objects.filter(alliance=alliance))

    def _progress(self, project: Project) -> None:
        form_class: Any = ledgers.project.form
        form = form_class(
            {"alliance": project.alliance_id, "name": project.name, "owner": project.owner_id,
             "need": project.need_id or "", "plan": "每月第一个周六在金家街社区党群服务中心开展骨科义诊,全年12次。",
             "progress": 60, "state": "under_way",
             "started_on": project.started_on.isoformat() if project.started_on else ""},
            instance=project, user=self.operator,
        )  # fmt: skip
        if not form.is_valid():
            raise ValidationError(form.errors.as_text())
        ledgers.project.save(form, self.operator)

    def load_activities(self, alliance: Alliance, community: PartyOrganisation) -> None:
        organisers = list(AllianceMember.objects.filter(alliance=alliance).order_by("pk"))
        members = list(self.participants(community))
        for index, (kind, title, days, place, hours) in enumerate(ACTIVITIES):
            held = self.save(
                ledgers.joint_activity,
                {"alliance": alliance.pk, "kind": kind, "title": title,
                 "held_on": (self.today - dt.timedelta(days=days)).isoformat(), "place": place, "hours": hours,
                 "organiser": organisers[index].pk},
            )  # fmt: skip
            for member in members[index : index + 6]:
                self.save(
                    ledgers.activity_participant, {"activity": held.pk, "member": member.pk, "hours": ""}
                )

    def participants(self, community: PartyOrganisation) -> models.QuerySet[Member]:
        """Members on the rolls of the community's tree (part A's demo); a few made here when it has none."""
        roll = Member.objects.filter(organisation__path__startswith=community.path, left_on__isnull=True)
        if roll.count() < 8:
            for number, name in enumerate(
                ("李红梅", "张建国", "王秀兰", "刘志强", "陈玉芳", "赵卫东", "孙丽娟", "周海军")
            ):
                self.save(
                    ledgers_org.member,
                    {"organisation": community.pk, "name": name, "gender": "female" if number % 2 == 0 else "male",
                     "status": "full", "joined_on": f"{2000 + number}-07-01", "confirmed_on": f"{2001 + number}-07-01",
                     "dues_category": "retired"},
                )  # fmt: skip
        return roll.order_by("pk")[:8]

    def load_village_matter(self) -> None:
        town = self.organisation(
            "会盟镇", OrganisationKind.COMMITTEE, "410308101000", "中共会盟镇委员会", "rural", None
        )
        branch = self.organisation(
            "扣马村", OrganisationKind.BRANCH, KOUMA, "中共扣马村支部委员会", "rural", town
        )
        matter = self.save(
            ledgers.village_matter,
            {"organisation": branch.pk, "title": "扣马村集体经济合作社建设果蔬冷库项目",
             "description": "利用村集体闲置用地建设500吨果蔬冷库,由村集体经济合作社经营,收益用于村内公益事业。",
             "secretary_is_chair": True},
        )  # fmt: skip
        day = self.today - dt.timedelta(days=60)
        steps = (
            {"step": 1, "joint": True, "held_on": day, "expected": 7, "present": 7, "in_favour": 7,
             "minutes": "村党支部书记、村委会主任主持召开党支部委员会和村民委员会联席会议,提议建设果蔬冷库。"},
            {"step": 3, "held_on": day + dt.timedelta(days=10), "expected": 32, "present": 27, "in_favour": 25,
             "against": 1, "abstained": 1, "minutes": "党员大会审议冷库建设方案。"},
            {"step": 4, "held_on": day + dt.timedelta(days=20), "assembly": "representatives", "expected": 45,
             "present": 38, "in_favour": 35, "against": 2, "abstained": 1, "minutes": "村民代表会议表决通过。"},
            {"step": 5, "published_on": day + dt.timedelta(days=22), "published_where": "扣马村村务公开栏、村民微信群"},
        )  # fmt: skip
        for values in steps:
            villages.record_step(self.operator, MatterStep(matter=matter, is_demo=True, **values))
            self.created[str(MatterStep._meta.verbose_name_plural)] += 1


def _mark_demo(rows: models.QuerySet[Any]) -> None:
    """Rows a service made for the demo, marked as demo data like the rest."""
    rows.update(is_demo=True)
