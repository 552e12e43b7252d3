"""The alliance's and 四议两公开's ledgers through the generic checks: pages, API and Excel round trip,
in and out of scope, with and without the right."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from heluo.party import ledgers_alliance as ledgers
from heluo.party.models import ActivityParticipant, Match, MatterStep, Project
from tests.core.ledger_cases import LedgerViewCases

from .conftest import PARTY_OFFICER
from .factories import KAIYUAN, XIGUAN, division, member, organisation
from .factories_d import activity, alliance, matter, need, resource, unit


def _code(in_scope: bool) -> str:
    return XIGUAN if in_scope else KAIYUAN


class TestAllianceViews(LedgerViewCases):
    ledger = ledgers.alliance

    def make(self, in_scope: bool) -> models.Model:
        return alliance(_code(in_scope))

    def create_data(self) -> dict[str, Any]:
        return {"name": "红引擎", "organisation": organisation(XIGUAN).pk, "stale_after_days": "90"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "stale_after_days": "0"}, "stale_after_days"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"name": obj.name, "organisation": obj.organisation_id, "stale_after_days": "60",  # type: ignore[attr-defined]
                "founded_on": "2021-06-30"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        unit(obj)  # type: ignore[arg-type]


class TestAllianceMemberViews(LedgerViewCases):
    ledger = ledgers.alliance_member

    def make(self, in_scope: bool) -> models.Model:
        return unit(alliance(_code(in_scope)))

    def create_data(self) -> dict[str, Any]:
        return {
            "alliance": alliance().pk,
            "name": "河南省洛阳正骨医院",
            "kind": "hospital",
            "joined_on": "2021-07-01",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "left_on": "2020-01-01"}, "left_on"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"alliance": obj.alliance_id, "name": obj.name, "kind": "school", "joined_on": "2022-01-01",  # type: ignore[attr-defined]
                "contact_name": "张老师"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        resource(obj.alliance, member=obj)  # type: ignore[attr-defined]


class TestResourceViews(LedgerViewCases):
    ledger = ledgers.resource

    def make(self, in_scope: bool) -> models.Model:
        return resource(alliance(_code(in_scope)), _code(in_scope))

    def create_data(self) -> dict[str, Any]:
        red = alliance()
        return {"alliance": red.pk, "member": unit(red).pk, "category": "medical", "title": "义诊服务",
                "capacity": "30", "division": division(XIGUAN).pk, "state": "available"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "capacity": "0"}, "capacity"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"alliance": obj.alliance_id, "member": obj.member_id, "category": "medical", "title": obj.title,  # type: ignore[attr-defined]
                "capacity": "40", "division": obj.division_id, "state": "suspended"}  # type: ignore[attr-defined]  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        Match.objects.create(need=need(obj.alliance), resource=obj)  # type: ignore[attr-defined]


class TestNeedViews(LedgerViewCases):
    ledger = ledgers.need

    def make(self, in_scope: bool) -> models.Model:
        return need(alliance(_code(in_scope)), _code(in_scope))

    def create_data(self) -> dict[str, Any]:
        return {"alliance": alliance().pk, "raised_by": "金家街社区居民", "category": "elderly", "title": "老年助餐",
                "size": "25", "division": division(XIGUAN).pk}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {
            **self.create_data(),
            "wanted_from": "2026-06-01",
            "wanted_until": "2026-05-01",
        }, "wanted_until"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"alliance": obj.alliance_id, "raised_by": obj.raised_by, "category": "elderly", "title": obj.title,  # type: ignore[attr-defined]
                "size": "12", "division": obj.division_id}  # type: ignore[attr-defined]  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        Match.objects.create(need=obj, resource=resource(obj.alliance))  # type: ignore[attr-defined]


class TestProjectViews(LedgerViewCases):
    ledger = ledgers.project

    def make(self, in_scope: bool) -> models.Model:
        red = alliance(_code(in_scope))
        return Project.objects.create(alliance=red, name=f"联建项目{red.pk}", owner=unit(red))

    def create_data(self) -> dict[str, Any]:
        red = alliance()
        return {
            "alliance": red.pk,
            "name": "红色物业",
            "owner": unit(red).pk,
            "progress": "20",
            "state": "under_way",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "progress": "101"}, "progress"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"alliance": obj.alliance_id, "name": obj.name, "owner": obj.owner_id, "progress": "100",  # type: ignore[attr-defined]
                "state": "completed"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.name  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        Match.objects.create(need=need(obj.alliance), resource=resource(obj.alliance), project=obj)  # type: ignore[attr-defined]


class TestMatchViews(LedgerViewCases):
    ledger = ledgers.match

    def make(self, in_scope: bool) -> models.Model:
        red = alliance(_code(in_scope))
        return Match.objects.create(need=need(red, _code(in_scope)), resource=resource(red, _code(in_scope)))

    def create_data(self) -> dict[str, Any]:
        red = alliance()
        return {"need": need(red).pk, "resource": resource(red).pk, "note": "人工推荐"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "resource": resource(alliance()).pk}, "resource"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"need": obj.need_id, "resource": obj.resource_id, "note": "周末优先"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.need.title  # type: ignore[attr-defined]


class TestJointActivityViews(LedgerViewCases):
    ledger = ledgers.joint_activity

    def make(self, in_scope: bool) -> models.Model:
        return activity(alliance(_code(in_scope)))

    def create_data(self) -> dict[str, Any]:
        return {
            "alliance": alliance().pk,
            "kind": "law",
            "title": "宪法宣传进社区",
            "held_on": "2026-12-04",
            "hours": "2",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "hours": "0"}, "hours"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "alliance": obj.alliance_id,
            "kind": "arts",
            "title": obj.title,
            "held_on": "2026-05-04",
            "hours": "2.5",
        }  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        ActivityParticipant.objects.create(activity=obj, member=member(organisation(XIGUAN)))  # type: ignore[misc]


class TestActivityParticipantViews(LedgerViewCases):
    ledger = ledgers.activity_participant
    actor = PARTY_OFFICER  # a member record: the party roles'

    def make(self, in_scope: bool) -> models.Model:
        code = _code(in_scope)
        return ActivityParticipant.objects.create(
            activity=activity(alliance(code)), member=member(organisation(code))
        )

    def create_data(self) -> dict[str, Any]:
        return {"activity": activity(alliance()).pk, "member": member(organisation(XIGUAN)).pk, "hours": "2"}

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "hours": "4"}, "hours"  # the activity lasted 3 hours

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"activity": obj.activity_id, "member": obj.member_id, "hours": "1.5"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]


class TestVillageMatterViews(LedgerViewCases):
    ledger = ledgers.village_matter

    def make(self, in_scope: bool) -> models.Model:
        return matter(code=_code(in_scope))

    def create_data(self) -> dict[str, Any]:
        return {
            "organisation": organisation(XIGUAN).pk,
            "title": "村集体经济项目",
            "secretary_is_chair": "on",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "title": ""}, "title"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "title": obj.title, "description": "修建村道"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.title  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        MatterStep.objects.create(
            matter=obj, step=1, held_on=dt.date(2026, 3, 2), expected=5, present=5, in_favour=5
        )  # type: ignore[misc]


class TestMatterStepViews(LedgerViewCases):
    ledger = ledgers.matter_step

    def make(self, in_scope: bool) -> models.Model:
        return MatterStep.objects.create(
            matter=matter(code=_code(in_scope)), step=1, held_on=dt.date(2026, 3, 2), expected=5, present=5,
            in_favour=5, passed=True,
        )  # fmt: skip

    def create_data(self) -> dict[str, Any]:
        return {"matter": matter().pk, "step": "1", "held_on": "2026-03-02", "expected": "5", "present": "4",
                "in_favour": "4", "minutes": "提议修建村道"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "step": "9"}, "step"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"matter": obj.matter_id, "step": "1", "held_on": "2026-03-03", "expected": "5", "present": "5",  # type: ignore[attr-defined]
                "in_favour": "5", "minutes": "会议纪要已补充"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.matter.title  # type: ignore[attr-defined]
