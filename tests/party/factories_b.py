"""Rows the meeting and study tests build (part B): a branch with its roll and committee, meetings
recorded through the service, study sessions."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from heluo.core.services.accounts import system_operator
from heluo.party.models import (
    Meeting,
    Member,
    MemberStatus,
    PartyOrganisation,
    PostKind,
    StudyRecord,
    StudySession,
)
from heluo.party.services import meetings as services

from .factories import XIGUAN, member, organisation, post

_serial = itertools.count(1)


def branch_with(
    full: int, probationary: int = 0, code: str = XIGUAN, committee: int = 0, **fields: Any
) -> tuple[PartyOrganisation, list[Member]]:
    """A branch with `full` full members and `probationary` probationary ones; the first `committee`
    full members hold committee posts (the first the secretary)."""
    fields.setdefault("established_on", dt.date(2015, 1, 1))
    branch = organisation(code, **fields)
    roll = [member(branch) for _ in range(full)]
    roll += [
        member(branch, status=MemberStatus.PROBATIONARY, joined_on=dt.date(2025, 7, 1))
        for _ in range(probationary)
    ]
    for index, who in enumerate(roll[:committee]):
        post(branch, who, PostKind.SECRETARY if index == 0 else PostKind.COMMITTEE_MEMBER)
    return branch, roll


def presence(
    on_site: list[Member] = (),
    online: list[Member] = (),
    excused: list[Member] = (),
    platform: str = "学习强国视频会议",
) -> dict[int, services.Presence]:  # type: ignore[assignment]
    result = {m.pk: services.Presence("on_site") for m in on_site}
    result.update({m.pk: services.Presence("online", platform) for m in online})
    result.update({m.pk: services.Presence("excused", reason="外出务工") for m in excused})
    return result


def meeting(
    branch: PartyOrganisation,
    kind: str = "member_meeting",
    held_on: dt.date = dt.date(2026, 3, 10),
    attendance: Mapping[int, services.Presence] | None = None,
    by: Any = None,
    **data: Any,
) -> Meeting:
    """A meeting recorded through the service; everyone expected on site unless `attendance` says."""
    if attendance is None:
        attendance = {
            m.pk: services.Presence("on_site") for m in services.expected_members(branch, kind, held_on)
        }
    data.setdefault("topic", f"测试会议{next(_serial)}")
    return services.record_meeting(
        branch, services.MeetingData(kind=kind, held_on=held_on, **data), attendance, by or system_operator()
    )


def study_session(
    branch: PartyOrganisation, held_on: dt.date = dt.date(2026, 4, 8), hours: str = "2", **fields: Any
) -> StudySession:
    fields.setdefault("topic", f"测试学习{next(_serial)}")
    fields.setdefault("campaign", "two_studies")
    return StudySession.objects.create(organisation=branch, held_on=held_on, hours=Decimal(hours), **fields)


def study_record(session: StudySession, who: Member, hours: str = "2", mode: str = "on_site") -> StudyRecord:
    return StudyRecord.objects.create(session=session, member=who, hours=Decimal(hours), mode=mode)
