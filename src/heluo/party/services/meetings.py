"""Recording 三会一课 and 主题党日, and the supervision of required meetings.

`record_meeting` writes a meeting with its attendance and motions in one transaction, checking the
quorum of its kind (heluo.party.rules.quorum) against who should attend:
- 支部党员大会, 党课, 主题党日: the current members of the organisation (the branch's roll);
- 支委会: the members holding a committee post (书记, 副书记, 委员) on the day;
- 党小组会: the current members of the party group (the meeting's organisation is the group).
Members not named are recorded absent. An inquorate 支部党员大会 or 支委会 is refused, unless the
recorder says to record it as inquorate: it is then stored without motions or an election (it decided
nothing) and does not count as a required meeting held, while its attendance still counts as branch life.

`scan_missed_meetings` (hourly task, `heluo party meetings-scan`) finds required periods that are over
without the meetings required (heluo.party.rules.compliance) and opens ONE supervision case per
organisation, kind and period (a MissedMeeting row holds it). A make-up meeting held in a later period
does not close the case: the period was missed; closing it is the handler's act.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import CaseCategory
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.core.dates import date_text
from heluo.core.models import Account, DivisionLevel
from heluo.core.models.divisions import PATH_LENGTH
from heluo.core.scope import scope_of

from ..models import (
    COMMITTEE_POSTS,
    Attendance,
    AttendanceMode,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    Member,
    MissedMeeting,
    Motion,
    OrganisationKind,
    PartyOrganisation,
    Post,
    PostKind,
)
from ..rules import compliance, quorum
from . import points
from .study import study_months

SOURCE_KIND = "party_meeting_missed"
# The points scheme's rule for attending a meeting (heluo.party.services.points).
MEETING_RULE = "meeting_attended"
CASE_CATEGORY = "party"
CASE_DAYS = 15
# Who answers for a branch's missed meetings: the organisation department of its division and above.
OFFICE_ROLE = "organisation_department"
# A branch holds committee meetings once it has a committee: three or more in committee posts.
COMMITTEE_MINIMUM = 3
# Required meetings are those of branches (党支部, 党总支); party group meetings those of the groups.
BRANCH_KINDS = (OrganisationKind.BRANCH, OrganisationKind.GENERAL_BRANCH)
# The periods the scan looks back over: a year of months before the current one.
SCAN_MONTHS = 12
DEFAULT_REQUIREMENTS = (
    (MeetingKind.MEMBER_MEETING, compliance.QUARTERLY),
    (MeetingKind.COMMITTEE_MEETING, compliance.MONTHLY),
    (MeetingKind.GROUP_MEETING, compliance.MONTHLY),
    (MeetingKind.THEME_DAY, compliance.MONTHLY),
    (MeetingKind.PARTY_LECTURE, compliance.QUARTERLY),
)


def covers_city(user: Any) -> bool:
    """Whether `user`'s territory is the whole city: only they set the city's meeting requirements."""
    scope = scope_of(user)
    return scope.unrestricted or any(
        len(prefix) <= PATH_LENGTH[DivisionLevel.CITY] for prefix in scope.prefixes
    )


def refuse_requirement_change(user: Any, row: Any) -> str | None:
    """The requirements ledger's refusal: the city's requirement is the city's to change."""
    if row.organisation_id is None and not covers_city(user):
        return _("The city's meeting requirement is the city's to change.")
    return None


def seed_requirements() -> None:
    """The city's default requirements, once (post_migrate; idempotent: a city's change is kept)."""
    for kind, frequency in DEFAULT_REQUIREMENTS:
        MeetingRequirement.objects.get_or_create(
            organisation=None, kind=kind, defaults={"frequency": frequency, "count": 1}
        )


@dataclass(frozen=True)
class Presence:
    """How one member attended: a mode of AttendanceMode, the platform when online, the reason when
    excused."""

    mode: str
    platform: str = ""
    reason: str = ""


@dataclass(frozen=True)
class MotionData:
    text: str
    in_favour: int
    against: int = 0
    abstained: int = 0


@dataclass
class MeetingData:
    kind: str
    held_on: dt.date
    topic: str
    held_at: str = ""
    agenda: str = ""
    minutes: str = ""
    online_platform: str = ""
    is_election: bool = False
    motions: Sequence[MotionData] = field(default_factory=tuple)


def expected_members(organisation: PartyOrganisation, kind: str, day: dt.date) -> QuerySet[Member]:
    """Who should attend a meeting of `kind` held by `organisation` on `day` (see the module docstring)."""
    current = Q(left_on__isnull=True) | Q(left_on__gt=day)
    if kind == MeetingKind.GROUP_MEETING:
        return Member.objects.filter(current, group=organisation, joined_on__lte=day)
    if kind == MeetingKind.COMMITTEE_MEETING:
        return Member.objects.filter(pk__in=committee_posts(organisation, day).values("member")).filter(
            current
        )
    return Member.objects.filter(current, organisation=organisation, joined_on__lte=day)


def committee_posts(organisation: PartyOrganisation, day: dt.date) -> QuerySet[Post]:
    return Post.objects.filter(organisation=organisation, kind__in=COMMITTEE_POSTS, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def _entitled(kind: str, members: Iterable[Member]) -> list[Member]:
    """Those whose presence counts for the quorum: the whole committee at a 支委会, else those with a vote."""
    return [m for m in members if kind == MeetingKind.COMMITTEE_MEETING or m.has_vote]


def quorum_verdict(
    kind: str, is_election: bool, members: Sequence[Member], modes: Mapping[int, str]
) -> quorum.Verdict:
    entitled = _entitled(kind, members)
    present = sum(1 for m in entitled if quorum.is_present(modes.get(m.pk, quorum.ABSENT)))
    return quorum.quorum(kind, len(entitled), present, is_election=is_election)


def _validate_presence(
    members: Mapping[int, Member], attendance: Mapping[int, Presence], platform: str
) -> dict[int, Presence]:
    errors: list[str] = []
    unknown = set(attendance) - set(members)
    if unknown:
        errors.append(
            _("%(count)d of the members named are not expected at this meeting.") % {"count": len(unknown)}
        )
    chosen: dict[int, Presence] = {}
    for pk, member in members.items():
        presence = attendance.get(pk, Presence(AttendanceMode.ABSENT))
        if presence.mode not in AttendanceMode.values:
            errors.append(_("Choose how %(name)s attended.") % {"name": member.name})
            continue
        if presence.mode == AttendanceMode.ONLINE and not (presence.platform.strip() or platform.strip()):
            errors.append(_("%(name)s attended online: name the platform.") % {"name": member.name})
        if presence.mode == AttendanceMode.EXCUSED and not presence.reason.strip():
            errors.append(_("%(name)s was excused: give the reason for leave.") % {"name": member.name})
        chosen[pk] = Presence(
            presence.mode,
            (presence.platform.strip() or platform.strip()) if presence.mode == AttendanceMode.ONLINE else "",
            presence.reason.strip() if presence.mode == AttendanceMode.EXCUSED else "",
        )
    if errors:
        raise ValidationError(errors)
    return chosen


def _validate_motions(data: MeetingData, entitled: int, present: int) -> list[tuple[MotionData, bool]]:
    result = []
    for motion in data.motions:
        if not motion.text.strip():
            raise ValidationError(_("Give the text of each motion."))
        valid = quorum.votes_valid(data.kind, present, motion.in_favour, motion.against, motion.abstained)
        if not valid.ok:
            raise ValidationError(_(valid.message) % dict(valid.params))
        result.append((motion, quorum.motion(entitled, motion.in_favour).ok))
    return result


def meeting_refusal(organisation: PartyOrganisation, kind: str, held_on: dt.date) -> str | None:
    """Why a meeting of `kind` held by `organisation` on `held_on` cannot be recorded, or None: the
    recording page and the meeting ledger's form alike."""
    if kind not in MeetingKind.values:
        return _("Choose the kind of meeting.")
    if held_on > timezone.localdate():
        return _("A meeting cannot be recorded before it is held.")
    if kind == MeetingKind.GROUP_MEETING and organisation.kind != OrganisationKind.GROUP:
        return _("A party group meeting is recorded for its party group.")
    if kind != MeetingKind.GROUP_MEETING and organisation.kind == OrganisationKind.GROUP:
        return _("A party group holds party group meetings only.")
    return None


@transaction.atomic
def record_meeting(
    organisation: PartyOrganisation,
    data: MeetingData,
    attendance: Mapping[int, Presence],
    by: Any,
    *,
    meeting: Meeting | None = None,
    record_inquorate: bool = False,
    is_demo: bool = False,
) -> Meeting:
    """Store a meeting (new, or `meeting` rewritten) with its attendance and motions, all or nothing.
    Refused with a ValidationError in Chinese, nothing written, when: the day is in the future; a member
    attended online without a platform or was excused without a reason; a member named is not expected;
    votes exceed those present or a kind that decides nothing has motions; an election is not at a member
    meeting; the quorum is not reached and `record_inquorate` is not set — or it is, with motions or an
    election. Points of the meeting's attendance are refreshed in the same transaction."""
    refusal = meeting_refusal(organisation, data.kind, data.held_on)
    if refusal:
        raise ValidationError(refusal)
    members = {m.pk: m for m in expected_members(organisation, data.kind, data.held_on)}
    presence = _validate_presence(members, attendance, data.online_platform)
    modes = {pk: p.mode for pk, p in presence.items()}
    verdict = quorum_verdict(data.kind, data.is_election, list(members.values()), modes)
    entitled = _entitled(data.kind, members.values())
    present = sum(1 for m in entitled if quorum.is_present(modes[m.pk]))
    if data.is_election and data.kind != MeetingKind.MEMBER_MEETING:
        raise ValidationError(_(verdict.message) % dict(verdict.params))
    if not verdict.ok and (not record_inquorate or data.motions or data.is_election):
        reason = _(verdict.message) % dict(verdict.params)
        if record_inquorate:
            reason = _(
                "%(reason)s A meeting without quorum decides nothing: record it without motions or an election."
            ) % {"reason": reason}
        raise ValidationError(reason)
    motions = _validate_motions(data, len(entitled), present)

    row = meeting or Meeting(organisation=organisation, recorded_by=by, is_demo=is_demo)
    row.organisation = organisation
    for name in (
        "kind",
        "held_on",
        "topic",
        "held_at",
        "agenda",
        "minutes",
        "online_platform",
        "is_election",
    ):
        setattr(row, name, getattr(data, name))
    row.entitled, row.present, row.quorate = len(entitled), present, verdict.ok
    row._history_user = by  # type: ignore[attr-defined]
    row.full_clean(exclude=["recorded_by"])
    row.save()
    _store_attendance(row, members, presence, by, is_demo)
    Motion.objects.filter(meeting=row).delete()
    for motion, passed in motions:
        Motion.objects.create(meeting=row, text=motion.text.strip(), in_favour=motion.in_favour,
                              against=motion.against, abstained=motion.abstained, passed=passed, is_demo=is_demo)  # fmt: skip
    refresh_meeting_points(row, by)
    return row


def _store_attendance(
    meeting: Meeting, members: Mapping[int, Member], presence: Mapping[int, Presence], by: Any, is_demo: bool
) -> None:
    Attendance.objects.filter(meeting=meeting).exclude(member_id__in=list(members)).delete()
    stored = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    for pk, member in members.items():
        p = presence[pk]
        row = stored.get(pk) or Attendance(meeting=meeting, member=member, is_demo=is_demo)
        if row.pk and (row.mode, row.platform, row.reason, row.had_vote) == (
            p.mode,
            p.platform,
            p.reason,
            member.has_vote,
        ):
            continue
        row.mode, row.platform, row.reason, row.had_vote = p.mode, p.platform, p.reason, member.has_vote
        row._history_user = by  # type: ignore[union-attr]
        row.save()


def save_meeting(form: Any, user: Any) -> Meeting:
    """The meeting ledger's saver (pages, imports, API): the meeting's own facts with its quorum read
    again from its stored attendance (its kind or day may have changed), in one save, then its points.
    The form refuses a change that would leave motions or an election without quorum."""
    meeting: Meeting = form.instance
    meeting._history_user = user  # type: ignore[attr-defined]
    if meeting.pk is None:
        meeting.recorded_by = user
    members = list(expected_members(meeting.organisation, meeting.kind, meeting.held_on))
    modes = (
        dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "mode"))
        if meeting.pk
        else {}
    )
    entitled = _entitled(meeting.kind, members)
    meeting.entitled = len(entitled)
    meeting.present = sum(1 for m in entitled if quorum.is_present(modes.get(m.pk, quorum.ABSENT)))
    meeting.quorate = quorum_verdict(meeting.kind, meeting.is_election, members, modes).ok
    saved: Meeting = form.save()
    refresh_meeting_points(saved, user)
    return saved


def refresh_meeting_points(meeting: Meeting, by: Any = None) -> None:
    """The meeting's points entries, rewritten from its attendance (heluo.party.services.points);
    refused (ValidationError) when a member's points year is closed."""
    points.refresh_points(meeting, by=by)


def meeting_awards(meeting: Meeting) -> list[points.Award]:
    """Points of a meeting (rule "meeting_attended"): one for each member present, on site or online
    alike. Any meeting of 三会一课 or a 主题党日 is a required kind; attending an inquorate one counts too —
    the member came."""
    present = (
        Attendance.objects.filter(meeting=meeting)
        .filter(mode__in=quorum.PRESENT_MODES)
        .values_list("member_id", flat=True)
    )
    return [points.Award(member_id, MEETING_RULE, Decimal(1)) for member_id in present.order_by("member_id")]


# --- required meetings ---------------------------------------------------------------------------


def requirements_for(organisation: PartyOrganisation, day: dt.date) -> list[compliance.Requirement]:
    """The requirements that bind `organisation` on `day`: its own per kind, else the city's, for the
    kinds it holds — a party group its group meetings; a branch the others, committee meetings only when
    it has a committee."""
    if organisation.kind == OrganisationKind.GROUP:
        kinds = {MeetingKind.GROUP_MEETING.value}
    elif organisation.kind in BRANCH_KINDS:
        kinds = {
            MeetingKind.MEMBER_MEETING.value,
            MeetingKind.PARTY_LECTURE.value,
            MeetingKind.THEME_DAY.value,
        }
        if committee_posts(organisation, day).values("member").distinct().count() >= COMMITTEE_MINIMUM:
            kinds.add(MeetingKind.COMMITTEE_MEETING.value)
    else:
        return []
    rows = MeetingRequirement.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True), kind__in=kinds
    )
    chosen: dict[str, MeetingRequirement] = {}
    for row in rows.order_by("organisation_id"):  # the city's (null) first, an organisation's replaces it
        if row.kind not in chosen or row.organisation_id is not None:
            chosen[row.kind] = row
    order = list(MeetingKind.values)
    return [
        compliance.Requirement(row.kind, row.frequency, row.count)
        for row in sorted(chosen.values(), key=lambda r: order.index(r.kind))
    ]


def organisation_compliance(
    organisation: PartyOrganisation, first_month: dt.date, last_month: dt.date, today: dt.date
) -> list[compliance.PeriodStatus]:
    """Each required period of `organisation` over the months asked, held or missed."""
    held = Meeting.objects.filter(
        organisation=organisation,
        held_on__gte=first_month,
        held_on__lte=compliance.add_months(last_month, 12),
    ).values_list("kind", "held_on", "quorate")
    counted = [(kind, day) for kind, day, quorate in held if quorate or kind not in quorum.DECIDING_KINDS]
    return compliance.compliance(
        requirements_for(organisation, today),
        counted,
        first_month,
        last_month,
        today,
        since=organisation.established_on,
    )


def scan_missed_meetings(now: dt.datetime | None = None) -> int:
    """Record every required period over in the last SCAN_MONTHS months that a branch or party group
    missed, and open its case (once per organisation, kind and period); returns the cases opened.
    Idempotent and safe in two processes: each MissedMeeting row is locked before its case opens."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    last_month = compliance.add_months(today, -1)
    first_month = compliance.add_months(today, -SCAN_MONTHS)
    opened = 0
    organisations = PartyOrganisation.objects.filter(
        kind__in=(*BRANCH_KINDS, OrganisationKind.GROUP)
    ).select_related("division")
    for organisation in organisations:
        for status in compliance.missed(
            organisation_compliance(organisation, first_month, last_month, today)
        ):
            opened += _record_missed(organisation, status, now)
    return opened


def _record_missed(organisation: PartyOrganisation, status: compliance.PeriodStatus, now: dt.datetime) -> int:
    with transaction.atomic():
        MissedMeeting.objects.get_or_create(
            organisation=organisation, kind=status.kind, period_start=status.start,
            defaults={"period_end": status.end, "required": status.required, "held": status.held},
        )  # fmt: skip
        row = (
            MissedMeeting.objects.select_for_update(of=("self",))
            .filter(organisation=organisation, kind=status.kind, period_start=status.start, case__isnull=True)
            .first()
        )
        if row is None:
            return 0
        row.case = _open_case(row, now)
        row._history_user = None
        row.save(update_fields=["case", "updated_at", "row_version"])
        return 1


def _open_case(row: MissedMeeting, now: dt.datetime) -> Any:
    organisation = row.organisation
    period = _("%(start)s to %(end)s") % {
        "start": date_text(row.period_start),
        "end": date_text(row.period_end),
    }
    registration = Registration(
        title=(_("%(organisation)s missed its %(kind)s (%(period)s)") % {
            "organisation": organisation.name, "kind": MeetingKind(row.kind).label, "period": period})[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=organisation.division,
        description=_("%(organisation)s held %(held)d of the %(required)d %(kind)s required from %(period)s.") % {
            "organisation": organisation.name, "held": row.held, "required": row.required,
            "kind": MeetingKind(row.kind).label, "period": period},
        source_kind=SOURCE_KIND,
        source_reference=f"PARTY-MEETING-{organisation.pk}-{row.kind}-{row.period_start:%Y%m}",
        time_limit_days=CASE_DAYS,
        requirements=_("Find out why the meeting was not held, hold it, and report; a make-up meeting does not undo the missed period."),
    )  # fmt: skip
    policy = AssignmentPolicy(officers=_officers(organisation), area=organisation.division, days=CASE_DAYS)
    return open_case(registration, source=row, policy=policy, at=now)


def _officers(organisation: PartyOrganisation) -> list[Officer]:
    """The organisation department's staff of the branch's division and above, nearest first; then the
    secretaries of the organisations above the branch, nearest first."""
    division = organisation.division
    accounts = (
        Account.objects.filter(
            Q(home_division=division) | Q(home_division__in=division.ancestors()),
            roles__code=OFFICE_ROLE, user__is_active=True, person__isnull=False,
        )
        .select_related("person", "home_division")
        .order_by("-home_division__level", "pk")
        .distinct()
    )  # fmt: skip
    officers = [Officer(account.person, str(_("organisation department"))) for account in accounts]
    posts = (
        Post.objects.filter(organisation__path__in=_ancestor_paths(organisation.path), kind=PostKind.SECRETARY,
                            end__isnull=True, member__person__isnull=False)
        .select_related("member__person", "organisation")
        .order_by("-organisation__path")
    )  # fmt: skip
    officers += [Officer(post.member.person, str(_("party secretary"))) for post in posts]
    return officers


def _ancestor_paths(path: str) -> list[str]:
    """ "000012/000034/" → ["000012/"]: the paths of the organisations above."""
    parts = [part for part in path.split("/") if part]
    return ["".join(f"{part}/" for part in parts[:n]) for n in range(1, len(parts))]


def life_months(member_ids: Collection[int], start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """Branch life (组织生活) per member: the months of meetings held from `start` to `end` that they
    attended on site or online, or were excused from with a reason (good reason), and of study sessions
    they took part in (heluo.party.activity, kind "life")."""
    result: dict[int, set[dt.date]] = {}
    attended = Attendance.objects.filter(
        Q(mode__in=quorum.PRESENT_MODES) | Q(mode=AttendanceMode.EXCUSED, reason__gt=""),
        member_id__in=member_ids, meeting__held_on__gte=start, meeting__held_on__lte=end,
    )  # fmt: skip
    for member_id, day in attended.values_list("member_id", "meeting__held_on"):
        result.setdefault(member_id, set()).add(day.replace(day=1))
    for member_id, months in study_months(member_ids, start, end).items():
        result.setdefault(member_id, set()).update(months)
    return result
