"""三会一课 and study pages: recording a meeting with its attendance (one row per member, the mode as
radio buttons, usable at phone width), a meeting's page, an organisation's required meetings of a year
(held or missed), and its members' study hours of a year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.scope import may
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView

from .forms_meetings import AttendanceFormSet, MotionFormSet, RecordMeetingForm
from .models import (
    Meeting,
    MeetingKind,
    Member,
    MissedMeeting,
    PartyOrganisation,
    StudyRecord,
    StudySession,
)
from .rules import compliance
from .services import meetings as services
from .services.study import member_hours


def _year(text: str | None, default: int) -> int:
    if text and text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return default


def _organisation(request: HttpRequest, pk: int | str | None) -> PartyOrganisation:
    if pk is None or not str(pk).isdigit():
        raise Http404
    return get_object_or_404(PartyOrganisation.objects.for_user(request.user), pk=pk)


class MeetingDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        meeting = extra.get("object")
        if isinstance(meeting, Meeting):
            attendances = list(meeting.attendances.select_related("member").order_by("mode", "member__name"))
            extra.update(
                {
                    "attendances": attendances,
                    "online": [a for a in attendances if a.mode == "online"],
                    "motions": list(meeting.motions.all()),
                    "deciding": meeting.kind in ("member_meeting", "committee_meeting"),
                    # Names are a roster: only for those who see member records; others see counts.
                    "sees_members": may(self.request.user, "view", Member),
                }
            )
        return super().context(**extra)


class StudySessionDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        session = extra.get("object")
        if isinstance(session, StudySession):
            # Who studied is a roster: names only for those who see member records; others see the count.
            extra["sees_members"] = may(self.request.user, "view", StudyRecord)
            extra["records"] = list(session.records.select_related("member").order_by("member__name"))
        return super().context(**extra)


def _attendance_initial(members: list[Member], meeting: Meeting | None) -> list[dict[str, Any]]:
    stored = {a.member_id: a for a in meeting.attendances.all()} if meeting else {}
    return [
        {
            "member": m.pk,
            "mode": stored[m.pk].mode if m.pk in stored else "on_site",
            "platform": stored[m.pk].platform if m.pk in stored else "",
            "reason": stored[m.pk].reason if m.pk in stored else "",
        }
        for m in members
    ]


@requires("view", Member)
@requires("add", Meeting)
def record_meeting(request: HttpRequest, organisation: int, meeting: int | None = None) -> HttpResponse:
    """Record a meeting of `organisation` (or rewrite `meeting`): its facts, each member's attendance and
    the motions. The list of members follows the kind and day chosen (?kind=…&held_on=…)."""
    org = _organisation(request, organisation)
    row = (
        get_object_or_404(Meeting.objects.for_user(request.user), pk=meeting, organisation=org)
        if meeting
        else None
    )
    source = request.POST if request.method == "POST" else request.GET
    default_kind = MeetingKind.GROUP_MEETING if org.kind == "group" else MeetingKind.MEMBER_MEETING
    kind = source.get("kind") or (row.kind if row else default_kind)
    kind = kind if kind in MeetingKind.values else default_kind
    try:
        day = dt.date.fromisoformat(source.get("held_on", "")) if source.get("held_on") else None
    except ValueError:
        day = None
    day = day or (row.held_on if row else timezone.localdate())
    members = list(services.expected_members(org, kind, day).order_by("name", "pk"))
    by_pk = {m.pk: m for m in members}
    if request.method == "POST":
        form = RecordMeetingForm(request.POST)
        attendance = AttendanceFormSet(request.POST, prefix="attendance")
        motions = MotionFormSet(request.POST, prefix="motions")
        if form.is_valid() and attendance.is_valid() and motions.is_valid():
            data = services.MeetingData(
                kind=form.cleaned_data["kind"], held_on=form.cleaned_data["held_on"], topic=form.cleaned_data["topic"],
                held_at=form.cleaned_data["held_at"], agenda=form.cleaned_data["agenda"],
                minutes=form.cleaned_data["minutes"], online_platform=form.cleaned_data["online_platform"],
                is_election=form.cleaned_data["is_election"],
                motions=tuple(
                    services.MotionData(m["text"], m.get("in_favour") or 0, m.get("against") or 0, m.get("abstained") or 0)
                    for m in motions.cleaned_data if m.get("text")
                ),
            )  # fmt: skip
            presence = {
                row_data["member"]: services.Presence(
                    row_data["mode"], row_data["platform"], row_data["reason"]
                )
                for row_data in attendance.cleaned_data
                if row_data.get("member") in by_pk
            }
            try:
                saved = services.record_meeting(
                    org, data, presence, request.user, meeting=row,
                    record_inquorate=form.cleaned_data["record_inquorate"],
                )  # fmt: skip
            except ValidationError as error:
                messages.error(request, "；".join(error.messages))
            else:
                messages.success(request, _("Recorded %(meeting)s.") % {"meeting": saved})
                return HttpResponseRedirect(saved.get_absolute_url())
        status = 400
    else:
        initial: dict[str, Any] = {"kind": kind, "held_on": day}
        if row is not None:
            initial.update(
                {
                    name: getattr(row, name)
                    for name in ("topic", "held_at", "agenda", "minutes", "online_platform", "is_election")
                }
            )
        form = RecordMeetingForm(initial=initial)
        attendance = AttendanceFormSet(initial=_attendance_initial(members, row), prefix="attendance")
        motion_initial = (
            [
                {"text": m.text, "in_favour": m.in_favour, "against": m.against, "abstained": m.abstained}
                for m in row.motions.all()
            ]
            if row
            else []
        )
        motions = MotionFormSet(initial=motion_initial, prefix="motions")
        status = 200
    rows = [
        (f, by_pk.get(f.initial.get("member") or _int(f.data.get(f"{f.prefix}-member"))))
        for f in attendance.forms
    ]
    return render(
        request,
        "party/meetings/record.html",
        {"organisation": org, "meeting": row, "form": form, "attendance": attendance, "rows": rows,
         "motions": motions, "kind": kind, "day": day},
        status=status,
    )  # fmt: skip


def _int(text: Any) -> int | None:
    return int(text) if isinstance(text, str) and text.isdigit() else None


@requires("view", Meeting)
def meeting_compliance(request: HttpRequest, organisation: int, year: int | None = None) -> HttpResponse:
    """An organisation's required meetings of a year, period by period: held, missed (with the case), or
    not over yet."""
    org = _organisation(request, organisation)
    today = timezone.localdate()
    year = _year(str(year) if year else request.GET.get("year"), today.year)
    statuses = services.organisation_compliance(org, dt.date(year, 1, 1), dt.date(year, 12, 1), today)
    missed = {
        (row.kind, row.period_start): row
        for row in MissedMeeting.objects.filter(organisation=org, period_start__year=year).select_related(
            "case"
        )
    }
    labels = dict(MeetingKind.choices)
    groups: dict[str, list[dict[str, Any]]] = {}
    for status in statuses:
        groups.setdefault(status.kind, []).append(
            {"status": status, "missed_row": missed.get((status.kind, status.start))}
        )
    met, over = compliance.share_held(statuses)
    return render(
        request,
        "party/meetings/compliance.html",
        {"organisation": org, "year": year, "years": list(range(today.year, today.year - 6, -1)),
         "groups": [(labels[kind], rows) for kind, rows in groups.items()], "met": met, "over": over,
         "today": today},
    )  # fmt: skip


@requires("view", StudyRecord)
def study_hours(request: HttpRequest, organisation: int) -> HttpResponse:
    """The hours each current member of an organisation (and below) studied in a year."""
    org = _organisation(request, organisation)
    year = _year(request.GET.get("year"), timezone.localdate().year)
    return render(
        request,
        "party/meetings/study_hours.html",
        {"organisation": org, "year": year, "rows": member_hours(org, year)},
    )
