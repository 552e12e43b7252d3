"""The meetings' and study's ledgers through the generic checks: pages, API and Excel round trip, in and
out of scope, with and without the right."""

from __future__ import annotations

import itertools
from typing import Any

from django.db import models

from heluo.party import ledgers_meetings as ledgers
from heluo.party.models import MeetingRequirement
from tests.core.ledger_cases import LedgerViewCases

from .conftest import PARTY_OFFICER
from .factories import KAIYUAN, XIGUAN, member, organisation
from .factories_b import meeting, study_record, study_session

_serial = itertools.count(1)


class TestMeetingRequirementViews(LedgerViewCases):
    ledger = ledgers.meeting_requirement

    def make(self, in_scope: bool) -> models.Model:
        org = organisation(XIGUAN if in_scope else KAIYUAN, name=f"要求测试支部{next(_serial)}")
        return MeetingRequirement.objects.create(
            organisation=org, kind="party_lecture", frequency="half_yearly"
        )

    def create_data(self) -> dict[str, Any]:
        return {
            "organisation": organisation(XIGUAN).pk,
            "kind": "theme_day",
            "frequency": "monthly",
            "count": "2",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "organisation": ""}, "organisation"  # the city's is the city's to set

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "kind": obj.kind, "frequency": "yearly", "count": "1"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.organisation.name  # type: ignore[attr-defined]


class TestMeetingViews(LedgerViewCases):
    ledger = ledgers.meeting

    def make(self, in_scope: bool) -> models.Model:
        branch = organisation(XIGUAN if in_scope else KAIYUAN)
        member(branch)
        return meeting(branch, "theme_day", topic=f"主题党日测试{next(_serial)}")

    def create_data(self) -> dict[str, Any]:
        return {"organisation": organisation(XIGUAN).pk, "kind": "party_lecture", "held_on": "2026-03-20",
                "topic": "学习党章", "held_at": "社区党群服务中心"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "kind": "group_meeting"}, "kind"  # a branch, not a party group

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "kind": obj.kind, "held_on": "2026-03-12",  # type: ignore[attr-defined]
                "topic": "主题党日(改)", "minutes": "会议记录"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.topic  # type: ignore[attr-defined]


class TestStudySessionViews(LedgerViewCases):
    ledger = ledgers.study_session

    def make(self, in_scope: bool) -> models.Model:
        return study_session(organisation(XIGUAN if in_scope else KAIYUAN), topic=f"学习测试{next(_serial)}")

    def create_data(self) -> dict[str, Any]:
        return {"organisation": organisation(XIGUAN).pk, "topic": "学习新党章", "campaign": "theme_education",
                "held_on": "2026-04-01", "hours": "2.5"}  # fmt: skip

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "hours": "30"}, "hours"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"organisation": obj.organisation_id, "topic": obj.topic, "campaign": "other",  # type: ignore[attr-defined]
                "held_on": "2026-04-02", "hours": "3"}  # fmt: skip

    def search_text(self, obj: models.Model) -> str:
        return obj.topic  # type: ignore[attr-defined]

    def protect(self, obj: models.Model) -> None:
        study_record(obj, member(obj.organisation))  # type: ignore[arg-type, attr-defined]


class TestStudyRecordViews(LedgerViewCases):
    ledger = ledgers.study_record
    actor = PARTY_OFFICER  # a member record: the party roles'

    def make(self, in_scope: bool) -> models.Model:
        branch = organisation(XIGUAN if in_scope else KAIYUAN)
        return study_record(study_session(branch), member(branch, name=f"学习党员{next(_serial)}"))

    def create_data(self) -> dict[str, Any]:
        branch = organisation(XIGUAN)
        return {
            "session": study_session(branch).pk,
            "member": member(branch).pk,
            "hours": "1.5",
            "mode": "online",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "hours": "3"}, "hours"  # the session is 2 hours

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {"session": obj.session_id, "member": obj.member_id, "hours": "1", "mode": "on_site"}  # type: ignore[attr-defined]

    def search_text(self, obj: models.Model) -> str:
        return obj.member.name  # type: ignore[attr-defined]
