"""Study (两学一做, 主题教育): a member's study records saved through the ledger, each member's hours in a
year, and a session's points refreshed from its records (heluo.party.services.points)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from ..models import Member, PartyOrganisation, StudyRecord, StudySession
from . import points

STUDY_RULE = "study_hour"


@dataclass(frozen=True)
class MemberHours:
    member: Member
    hours: Decimal
    sessions: int


def save_study_record(form: Any, user: Any) -> StudyRecord:
    """The study records' saver (pages, imports, API): the record, then its session's points."""
    form.instance._history_user = user
    record: StudyRecord = form.save()
    refresh_session_points(record.session, user)
    return record


def save_study_session(form: Any, user: Any) -> StudySession:
    """The study sessions' saver: the session, then its points (its records' hours are capped by it)."""
    form.instance._history_user = user
    session: StudySession = form.save()
    refresh_session_points(session, user)
    return session


def refresh_session_points(session: StudySession, by: Any = None) -> None:
    """The session's points entries, rewritten from its records (heluo.party.services.points)."""
    points.refresh_points(session, by=by)


def session_awards(session: StudySession) -> list[points.Award]:
    """Points of a study session (rule "study_hour"): each member's hours, on site or online alike."""
    return [
        points.Award(member_id, STUDY_RULE, hours)
        for member_id, hours in StudyRecord.objects.filter(session=session)
        .order_by("member_id")
        .values_list("member_id", "hours")
    ]


def member_hours(organisation: PartyOrganisation, year: int) -> list[MemberHours]:
    """Every current member of `organisation` and the organisations below it with the hours they studied
    in `year` (sessions held that year) and how many sessions, most hours first, then by name."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    in_year = Q(study_records__session__held_on__gte=start, study_records__session__held_on__lte=end)
    members = (
        Member.objects.filter(organisation__path__startswith=organisation.path, left_on__isnull=True)
        .annotate(total=Sum("study_records__hours", filter=in_year))
        .order_by("name", "pk")
    )
    counts = dict(
        StudyRecord.objects.filter(member__in=members, session__held_on__gte=start, session__held_on__lte=end)
        .values("member")
        .annotate(n=Count("pk"))
        .values_list("member", "n")
    )
    rows = [MemberHours(m, m.total or Decimal(0), counts.get(m.pk, 0)) for m in members]
    return sorted(rows, key=lambda row: -row.hours)


def study_months(member_ids: Collection[int], start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """The months in which each member studied (a study session), for branch life (heluo.party.activity)."""
    result: dict[int, set[dt.date]] = {}
    for member_id, day in StudyRecord.objects.filter(
        member_id__in=member_ids, session__held_on__gte=start, session__held_on__lte=end
    ).values_list("member_id", "session__held_on"):
        result.setdefault(member_id, set()).add(day.replace(day=1))
    return result
