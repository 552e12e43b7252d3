"""The 三会一课 and study demo: a year of meetings of the demo branches (the twelve months before the
current one) through the recording service — theme days monthly, member meetings and party lectures
each quarter, committee meetings monthly where a branch has a committee — and the seed's meeting:
定鼎门社区党委第二党支部's 支部党员大会 "布置党员积分管理等工作", its 8 mobile members attending online through
学习强国's video meeting, the others on site or excused. One theme day of the first branch is left out,
so its compliance page shows a missed month and its supervision case. Study sessions of both campaigns with the members' hours. Deterministic (a fixed seed); nothing on a second run."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from .models import (
    AttendanceMode,
    Meeting,
    MeetingKind,
    Member,
    PartyOrganisation,
    PointsEntry,
    StudyCampaign,
    StudyRecord,
    StudySession,
)
from .rules import compliance
from .services import meetings
from .services.study import refresh_session_points

SECOND_BRANCH = "中共定鼎门社区委员会第二支部委员会"
FIRST_BRANCH = "中共定鼎门社区委员会第一支部委员会"
SEED_TOPIC = "布置党员积分管理等工作"
PLATFORM = "学习强国视频会议"
THEMES = ["重温入党誓词", "学习党章党规", "社区环境整治志愿服务", "走访慰问困难党员", "学习贯彻全会精神",
          "红色教育基地参观", "政策宣讲进楼院", "文明城市创建志愿服务", "党员亮身份践承诺", "读书分享会",
          "防汛安全巡查", "垃圾分类宣传"]  # fmt: skip
LECTURES = ["书记讲党课：坚定理想信念", "党的创新理论专题党课", "党史学习教育专题党课", "作风建设专题党课"]
STUDY = [("学习《中国共产党章程》", StudyCampaign.TWO_STUDIES), ("学习系列讲话精神", StudyCampaign.TWO_STUDIES),
         ("主题教育专题学习", StudyCampaign.THEME_EDUCATION)]  # fmt: skip
EXCUSES = ["外出务工", "生病住院", "照顾家人", "单位值班"]


def load(operator: Any, today: dt.date | None = None) -> Counter[str]:
    """Load the meetings and study of the demo branches through the services; empty when loaded."""
    created: Counter[str] = Counter()
    if Meeting.objects.filter(is_demo=True).exists():
        return created
    today = today or dt.date.today()
    rng = random.Random(15)
    first_month = compliance.add_months(today, -12)
    months = [compliance.add_months(first_month, n) for n in range(12)]
    branches = PartyOrganisation.objects.filter(is_demo=True, kind__in=meetings.BRANCH_KINDS).order_by("path")
    for branch in branches:
        created += _year_of_meetings(branch, months, operator, rng)
        created += _study(branch, months, operator, rng)
    created += _seed_meeting(operator, today, rng)
    PointsEntry.objects.filter(member__organisation__is_demo=True, is_demo=False).update(is_demo=True)
    meetings.scan_missed_meetings()
    return created


def _attendance(
    members: list[Member], rng: random.Random, mobile_online: bool
) -> dict[int, meetings.Presence]:
    """Most on site; mobile members online (or excused when the meeting is not online); a few excused."""
    result = {}
    for member in members:
        if member.is_mobile:
            result[member.pk] = (
                meetings.Presence(AttendanceMode.ONLINE, PLATFORM) if mobile_online
                else meetings.Presence(AttendanceMode.EXCUSED, reason="外出务工（流动党员）")
            )  # fmt: skip
        elif rng.random() < 0.08:
            result[member.pk] = meetings.Presence(AttendanceMode.EXCUSED, reason=rng.choice(EXCUSES))
        else:
            result[member.pk] = meetings.Presence(AttendanceMode.ON_SITE)
    return result


def _record(branch: PartyOrganisation, kind: str, day: dt.date, topic: str, operator: Any, rng: random.Random,
            mobile_online: bool = False, **extra: Any) -> Meeting:  # fmt: skip
    expected = list(meetings.expected_members(branch, kind, day).order_by("pk"))
    data = meetings.MeetingData(kind=kind, held_on=day, topic=topic, held_at="社区党群服务中心", **extra)
    return meetings.record_meeting(
        branch, data, _attendance(expected, rng, mobile_online), operator, is_demo=True
    )


def _year_of_meetings(
    branch: PartyOrganisation, months: list[dt.date], operator: Any, rng: random.Random
) -> Counter[str]:
    created: Counter[str] = Counter()
    has_committee = any(
        r.kind == MeetingKind.COMMITTEE_MEETING for r in meetings.requirements_for(branch, months[-1])
    )
    for index, month in enumerate(months):
        if not (branch.name == FIRST_BRANCH and index == 7):  # the first branch's missed theme day
            theme = f"主题党日：{THEMES[month.month - 1]}"
            _record(branch, MeetingKind.THEME_DAY, month.replace(day=5), theme, operator, rng)
            created[str(Meeting._meta.verbose_name_plural)] += 1
        if has_committee:
            _record(
                branch,
                MeetingKind.COMMITTEE_MEETING,
                month.replace(day=3),
                "支委会：研究本月工作",
                operator,
                rng,
            )
            created[str(Meeting._meta.verbose_name_plural)] += 1
        if month.month % 3 == 0:
            lecture = LECTURES[(month.month // 3) - 1]
            _record(branch, MeetingKind.PARTY_LECTURE, month.replace(day=20), lecture, operator, rng)
            created[str(Meeting._meta.verbose_name_plural)] += 1
            if not (branch.name == SECOND_BRANCH and index == len(months) - 1):
                topic = "支部党员大会：通报季度工作"
                _record(
                    branch,
                    MeetingKind.MEMBER_MEETING,
                    month.replace(day=15),
                    topic,
                    operator,
                    rng,
                    mobile_online=True,
                )
                created[str(Meeting._meta.verbose_name_plural)] += 1
    return created


def _seed_meeting(operator: Any, today: dt.date, rng: random.Random) -> Counter[str]:
    """The seed's member meeting, in the last month before this one: the 8 mobile members online."""
    branch = PartyOrganisation.objects.filter(is_demo=True, name=SECOND_BRANCH).first()
    if branch is None:
        return Counter()
    day = compliance.add_months(today, -1).replace(day=25)
    expected = list(meetings.expected_members(branch, MeetingKind.MEMBER_MEETING, day).order_by("pk"))
    attendance = {}
    excused = [m for m in expected if not m.is_mobile][-2:]
    for member in expected:
        if member.is_mobile:
            attendance[member.pk] = meetings.Presence(AttendanceMode.ONLINE, PLATFORM)
        elif member in excused:
            attendance[member.pk] = meetings.Presence(AttendanceMode.EXCUSED, reason=rng.choice(EXCUSES))
        else:
            attendance[member.pk] = meetings.Presence(AttendanceMode.ON_SITE)
    voters = [m for m in expected if m.has_vote and attendance[m.pk].mode != AttendanceMode.EXCUSED]
    data = meetings.MeetingData(
        kind=MeetingKind.MEMBER_MEETING, held_on=day, topic=SEED_TOPIC, held_at="定鼎门社区党群服务中心",
        online_platform=PLATFORM,
        agenda="一、传达上级关于党员积分管理的部署；二、讨论本支部党员积分管理办法；三、布置下一阶段工作。",
        minutes="支部书记主持会议。8名流动党员通过“学习强国”视频会议线上参会。会议表决通过《第二党支部党员积分管理办法》。",
        motions=(meetings.MotionData("通过《第二党支部党员积分管理办法》", in_favour=0),),
    )  # fmt: skip
    voters = [
        m
        for m in expected
        if m.has_vote and attendance[m.pk].mode in (AttendanceMode.ON_SITE, AttendanceMode.ONLINE)
    ]
    data.motions = (meetings.MotionData("通过《第二党支部党员积分管理办法》", in_favour=len(voters)),)
    meetings.record_meeting(branch, data, attendance, operator, is_demo=True)
    return Counter({str(Meeting._meta.verbose_name_plural): 1})


def _study(
    branch: PartyOrganisation, months: list[dt.date], operator: Any, rng: random.Random
) -> Counter[str]:
    created: Counter[str] = Counter()
    members = list(Member.objects.filter(organisation=branch, left_on__isnull=True).order_by("pk"))
    for index, (topic, campaign) in enumerate(STUDY):
        day = months[3 + index * 3].replace(day=12)
        session = StudySession.objects.create(
            organisation=branch, topic=topic, campaign=campaign, held_on=day, hours=Decimal(2),
            held_at="社区党员活动室", is_demo=True,
        )  # fmt: skip
        for member in members:
            if member.joined_on <= day and rng.random() < 0.85:
                mode = "online" if member.is_mobile else "on_site"
                StudyRecord.objects.create(
                    session=session, member=member, hours=Decimal(2), mode=mode, is_demo=True
                )
                created[str(StudyRecord._meta.verbose_name_plural)] += 1
        refresh_session_points(session, operator)
        created[str(StudySession._meta.verbose_name_plural)] += 1
    return created
