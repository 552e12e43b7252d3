"""The party-building demo (洛阳): the seed article's organisations — 洛龙区 定鼎门社区党委 with its 第二党支部
(about 30 members, 8 of them mobile members working away, 王兰华 among them) and 瀍河区 北窑街道党工委 with its
community organisations (金家街社区党委 among them) — their posts and terms, a few transfers, and the
demo logins of the 第二党支部's secretary (dingdingmen) and of 洛龙区's organisation department (zuzhibu).

Written through the ledgers' forms and the services, never raw rows; deterministic (a fixed seed); a
second run creates nothing. `load_demo` then loads the other parts' demos in order."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import models, transaction

from heluo.core.demo import GIVEN, SURNAMES, synthetic_mobile, synthetic_resident_id
from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.ledger import Ledger
from heluo.core.models import Account, Division, Person, Role, Unit
from heluo.core.services import accounts

from . import demo_alliance, demo_meetings, demo_points
from . import ledgers_org as ledgers
from .models import Member, MemberStatus, OrganisationKind, PartyOrganisation, Post, PostKind, Transfer
from .services.members import confirm_member
from .services.organisations import open_changeover_cases
from .services.transfers import issue_transfer, receive_transfer

DINGDINGMEN = "410311002001"  # 定鼎门社区, 开元路街道, 洛龙区
LUOLONG = "410311000000"
BEIYAO = "410304004000"  # 北窑街道, 瀍河回族区
JINJIAJIE = "410304004002"
JIAMAYING = "410304004003"
LIMINJIE = "410304004004"

SECOND_BRANCH = "中共定鼎门社区委员会第二支部委员会"
# Where the second branch's mobile members work, and how they are reached (the seed: 8 of them).
MOBILE = [
    "广东省深圳市", "浙江省杭州市", "江苏省苏州市", "上海市浦东新区", "北京市朝阳区", "广东省广州市",
    "浙江省宁波市", "河南省郑州市",
]  # fmt: skip
SECOND_BRANCH_MEMBERS = 30
# How a row reaches the organisation that makes it a demo row.
DEMO_ORGANISATION = {
    Member: "organisation__is_demo",
    Post: "organisation__is_demo",
    Transfer: "member__organisation__is_demo",
}


def load_demo(operator: Any) -> Counter[str]:
    """Load the organisations, posts, members, transfers and logins, then the meetings, dues and points,
    and the alliance with a village's 四议两公开 matter. Empty on a second run."""
    if PartyOrganisation.objects.filter(is_demo=True).exists():
        return Counter()
    with transaction.atomic():
        created = _Loader(operator).load()
        created += demo_meetings.load(operator)
        created += demo_points.load(operator)
        created += demo_alliance.load(operator)
        return created


class _Loader:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.rng = random.Random(20191101)
        self.created: Counter[str] = Counter()

    def division(self, code: str) -> Division:
        return Division.objects.get(code=code)

    def save(self, ledger: Ledger, data: dict[str, Any], instance: models.Model | None = None) -> Any:
        """One row through its ledger's form and save, as every way in writes it."""
        values = {k: (v.pk if isinstance(v, models.Model) else v) for k, v in data.items() if v is not None}
        form = ledger.form(data=values, instance=instance, user=self.operator)
        if not form.is_valid():
            raise ValueError(f"{ledger.label}: {form.errors.as_text()}")
        form.instance.is_demo = True
        row = ledger.save(form, self.operator)
        if instance is None:
            self.created[str(ledger.verbose_name_plural)] += 1
        return row

    def organisation(
        self, name: str, kind: str, field: str, code: str, parent: Any = None, **extra: Any
    ) -> Any:
        unit = Unit.objects.filter(name=name).first()
        data = {"name": name, "kind": kind, "field": field, "division": self.division(code), "parent": parent,
                "unit": unit, **extra}  # fmt: skip
        return self.save(ledgers.party_organisation, data)

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2)))
        )

    def member(self, branch: PartyOrganisation, name: str = "", **extra: Any) -> Member:
        code = branch.division.code
        joined = dt.date(self.rng.randint(1978, 2021), self.rng.randint(1, 12), 1)
        data: dict[str, Any] = {
            "organisation": branch, "name": name or self.name(), "gender": self.rng.choice(["male", "female"]),
            "id_number": synthetic_resident_id(self.rng, code), "phone": synthetic_mobile(self.rng),
            "status": MemberStatus.FULL, "joined_on": joined, "confirmed_on": joined.replace(year=joined.year + 1),
            "dues_category": self.rng.choice(["in_service", "in_service", "retired", "unemployed"]),
            "monthly_income": f"{self.rng.randrange(1800, 9000, 50)}.00",
        }  # fmt: skip
        data.update(extra)
        if data["status"] == MemberStatus.PROBATIONARY:
            data["confirmed_on"] = None
        if data["dues_category"] != "in_service" and data["dues_category"] != "retired":
            data["monthly_income"] = None
        return self.save(ledgers.member, data)  # type: ignore[no-any-return]

    def post(self, organisation: PartyOrganisation, member: Member, kind: str, start: dt.date) -> Post:
        return self.save(
            ledgers.post, {"organisation": organisation, "member": member, "kind": kind, "start": start}
        )  # type: ignore[no-any-return]

    def person_for(self, member: Member, position: str) -> Person:
        """The core Person behind a member who holds a post (so an account can be linked to it)."""
        person = Person.objects.filter(name=member.name, division=member.organisation.division).first()
        if person is None:
            person = Person(name=member.name, division=member.organisation.division, phone=member.phone,
                            position=position, is_demo=True)  # fmt: skip
            person._history_user = self.operator
            person.full_clean()
            person.save()
        Member.objects.filter(pk=member.pk).update(person=person)
        member.person = person
        return person

    def form_branch(self, branch: PartyOrganisation, established_on: dt.date) -> PartyOrganisation:
        """Set a branch's founding day once its members are on the roll (the formation rule checks it)."""
        data = {name: getattr(branch, name) for name in ("name", "kind", "field", "parent", "division", "unit",
                                                          "term_started_on", "notes")}  # fmt: skip
        return self.save(
            ledgers.party_organisation, {**data, "established_on": established_on}, instance=branch
        )  # type: ignore[no-any-return]

    # --- the organisations -------------------------------------------------------------------------

    def load(self) -> Counter[str]:
        second = self.dingdingmen()
        self.beiyao()
        self.accounts(second)
        self.transfers(second)
        # A term ending within the notice period becomes a case, as the hourly scan would make it.
        open_changeover_cases()
        # The rows the services wrote (confirmation, transfers) are demo rows as well.
        for model in (Member, Post, Transfer):
            model.objects.filter(is_demo=False, **{DEMO_ORGANISATION[model]: True}).update(is_demo=True)
        return self.created

    def dingdingmen(self) -> PartyOrganisation:
        committee = self.organisation(
            "中共定鼎门社区委员会", OrganisationKind.COMMITTEE, "community", DINGDINGMEN,
            established_on=dt.date(2001, 7, 1), term_started_on=dt.date(2022, 1, 18),
        )  # fmt: skip
        first = self.organisation(
            "中共定鼎门社区委员会第一支部委员会", OrganisationKind.BRANCH, "community", DINGDINGMEN, parent=committee,
            term_started_on=dt.date(2022, 1, 18),
        )  # fmt: skip
        second = self.organisation(
            SECOND_BRANCH, OrganisationKind.BRANCH, "community", DINGDINGMEN, parent=committee,
            term_started_on=dt.date(2022, 1, 18),
        )  # fmt: skip
        for _ in range(6):
            self.member(first)
        self.form_branch(first, dt.date(2003, 7, 1))
        roll = [self.member(second, name="王兰华", gender="female", joined_on=dt.date(1996, 7, 1),
                            confirmed_on=dt.date(1997, 7, 1), dues_category="retired", monthly_income="3600.00")]  # fmt: skip
        for index, place in enumerate(MOBILE):
            roll.append(
                self.member(
                    second, is_mobile=True, mobile_location=place, mobile_contact=f"微信 ddm{index + 1:02d}",
                    contact_branch=second, joined_on=dt.date(2008 + index, 6, 1),
                    confirmed_on=dt.date(2009 + index, 6, 1), dues_category="in_service",
                )
            )  # fmt: skip
        for _ in range(SECOND_BRANCH_MEMBERS - len(roll) - 2):
            roll.append(self.member(second))
        # Two probationary members: one admitted long enough ago is confirmed through the service.
        waiting = self.member(second, status=MemberStatus.PROBATIONARY, joined_on=dt.date(2024, 6, 28))
        self.member(second, status=MemberStatus.PROBATIONARY, joined_on=dt.date(2026, 6, 30))
        confirm_member(self.operator, waiting, on=dt.date(2025, 6, 30))
        self.form_branch(second, dt.date(2003, 7, 1))
        # The branch committee (支委会: 3 to 5) of a branch of 7 or more full members.
        secretary, deputy, committee_member = roll[9], roll[10], roll[11]
        self.post(second, secretary, PostKind.SECRETARY, dt.date(2022, 1, 18))
        self.post(second, deputy, PostKind.DEPUTY_SECRETARY, dt.date(2022, 1, 18))
        self.post(second, committee_member, PostKind.COMMITTEE_MEMBER, dt.date(2022, 1, 18))
        self.person_for(secretary, "第二党支部书记")
        first_secretary = first.members.order_by("pk").first()
        self.post(first, first_secretary, PostKind.SECRETARY, dt.date(2022, 1, 18))
        self.post(committee, first_secretary, PostKind.COMMITTEE_MEMBER, dt.date(2022, 1, 18))
        self.post(committee, secretary, PostKind.COMMITTEE_MEMBER, dt.date(2022, 1, 18))
        return second

    def beiyao(self) -> None:
        working = self.organisation(
            "中共北窑街道工作委员会", OrganisationKind.WORKING_COMMITTEE, "organ", BEIYAO,
            established_on=dt.date(1998, 3, 1), term_started_on=dt.date(2024, 3, 15),
        )  # fmt: skip
        organ = self.organisation(
            "中共北窑街道机关支部委员会", OrganisationKind.BRANCH, "organ", BEIYAO, parent=working
        )
        gao = self.member(
            organ, name="高峰", gender="male", joined_on=dt.date(1995, 6, 1), confirmed_on=dt.date(1996, 6, 1)
        )
        for _ in range(5):
            self.member(organ)
        self.form_branch(organ, dt.date(1998, 3, 1))
        self.post(working, gao, PostKind.SECRETARY, dt.date(2024, 3, 15))
        self.person_for(gao, "党工委书记")
        for name, code in (("中共金家街社区委员会", JINJIAJIE), ("中共夹马营社区委员会", JIAMAYING),
                           ("中共利民街社区委员会", LIMINJIE)):  # fmt: skip
            community = self.organisation(name, OrganisationKind.COMMITTEE, "community", code, parent=working,
                                          established_on=dt.date(2002, 5, 1), term_started_on=dt.date(2021, 12, 20))  # fmt: skip
            branch = self.organisation(f"{name.removesuffix('委员会')}第一支部委员会", OrganisationKind.BRANCH,
                                       "community", code, parent=community)  # fmt: skip
            roll = [self.member(branch) for _ in range(self.rng.randint(8, 14))]
            self.form_branch(branch, dt.date(2002, 5, 1))
            self.post(branch, roll[0], PostKind.SECRETARY, dt.date(2021, 12, 20))
            self.post(branch, roll[1], PostKind.COMMITTEE_MEMBER, dt.date(2021, 12, 20))
            self.post(branch, roll[2], PostKind.COMMITTEE_MEMBER, dt.date(2021, 12, 20))
            self.post(community, roll[0], PostKind.SECRETARY, dt.date(2021, 12, 20))

    # --- logins and transfers ----------------------------------------------------------------------

    def accounts(self, second: PartyOrganisation) -> None:
        secretary = Post.objects.get(organisation=second, kind=PostKind.SECRETARY).member
        existing = Account.objects.filter(user__username="dingdingmen").first()
        party_secretary = Role.objects.get(code="party_secretary")
        if existing is not None:
            # 定鼎门社区's demo login (core) is also the second branch's secretary.
            roles = [*existing.roles.all(), party_secretary]
            accounts.update_account(
                self.operator, existing, roles=roles, person=existing.person or secretary.person
            )
            if existing.person_id != secretary.person_id:
                Member.objects.filter(pk=secretary.pk).update(person=existing.person)
        else:
            accounts.create_account(
                self.operator, username="dingdingmen", display_name="定鼎门社区第二党支部书记", roles=[party_secretary],
                home_division=self.division(DINGDINGMEN), person=secretary.person, password=DEMO_PASSWORD, is_demo=True,
            )  # fmt: skip
        beiyao = Account.objects.filter(user__username="beiyao", person__isnull=True).first()
        gao = Member.objects.filter(name="高峰", person__isnull=False).first()
        if beiyao is not None and gao is not None:
            accounts.update_account(self.operator, beiyao, person=gao.person)
        if not Account.objects.filter(user__username="zuzhibu").exists():
            person = Person(
                name="洛龙区委组织部组织员", division=self.division(LUOLONG), position="组织员", is_demo=True
            )
            person._history_user = self.operator
            person.full_clean()
            person.save()
            accounts.create_account(
                self.operator, username="zuzhibu", display_name="洛龙区委组织部",
                roles=[Role.objects.get(code="organisation_department")], home_division=self.division(LUOLONG),
                person=person, password=DEMO_PASSWORD, is_demo=True,
            )  # fmt: skip
            self.created[str(Account._meta.verbose_name_plural)] += 1

    def transfers(self, second: PartyOrganisation) -> None:
        movers = list(
            second.members.filter(is_mobile=False, status=MemberStatus.FULL, posts__isnull=True).order_by(
                "-pk"
            )[:2]
        )
        jinjiajie = PartyOrganisation.objects.get(name="中共金家街社区第一支部委员会")
        # One moved to 金家街 (received in time), one letter to 深圳 still pending.
        letter = issue_transfer(self.operator, movers[0], counterpart="", counterpart_organisation=jinjiajie,
                                issued_on=dt.date(2025, 3, 3))  # fmt: skip
        receive_transfer(self.operator, letter, on=dt.date(2025, 3, 20))
        issue_transfer(self.operator, movers[1], counterpart="中共深圳市南山区某社区党支部", across_provinces=True,
                       issued_on=dt.date(2026, 10, 9))  # fmt: skip
        self.created[str(ledgers.transfer.verbose_name_plural)] += 3
