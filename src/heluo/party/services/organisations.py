"""Party organisations: their counts and branch rules, the forming of a branch, and the supervision of
committee terms (换届).

A committee's term ends TermLength years after `term_started_on`; from PARTY_CHANGEOVER_NOTICE_DAYS
before that day the organisation gets ONE supervision case (`open_changeover_cases`, run by the hourly
task and `heluo party scan`). A new term (term_started_on moved forward past the notice period) closes
the case and clears it, so the next term gets its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.cases.models import OPEN_STATES, Case, CaseCategory, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.core.dates import date_text
from heluo.core.models import Account
from heluo.core.services.accounts import system_operator

from ..models import (
    COMMITTEE_POSTS,
    Member,
    MemberStatus,
    OrganisationKind,
    PartyOrganisation,
    Post,
    TermLength,
)
from ..rules import organisations as branch_rules
from ..rules.terms import term_ends_on

SOURCE_KIND = "party_changeover"
CASE_CATEGORY = "party"
# The roles whose holders answer for changeovers in their territory.
OFFICE_ROLE = "organisation_department"


@dataclass(frozen=True)
class Counts:
    """An organisation's current members (its own roll, or its whole tree's)."""

    members: int = 0
    full: int = 0
    probationary: int = 0
    with_vote: int = 0
    mobile: int = 0


def current_members(on: dt.date | None = None) -> Any:
    """Members on a roll on the day (default today): not left, or left after it."""
    day = on or timezone.localdate()
    return Member.objects.filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


def member_counts(organisation: PartyOrganisation, *, tree: bool = False) -> Counts:
    """The counts of the organisation's current members; with `tree`, of every organisation below it too.
    Aggregates only: no one's record."""
    rows = current_members()
    rows = (
        rows.filter(organisation__path__startswith=organisation.path)
        if tree
        else rows.filter(organisation=organisation)
    )
    full = Q(status=MemberStatus.FULL)
    counts = rows.aggregate(
        members=Count("pk"),
        full=Count("pk", filter=full),
        probationary=Count("pk", filter=Q(status=MemberStatus.PROBATIONARY)),
        with_vote=Count("pk", filter=full & Q(under_probation_discipline=False)),
        mobile=Count("pk", filter=Q(is_mobile=True)),
    )
    return Counts(**counts)


def committee_size(organisation: PartyOrganisation, on: dt.date | None = None) -> int:
    """How many members hold a committee post (书记, 副书记, 委员) in the organisation on the day."""
    day = on or timezone.localdate()
    return (
        Post.objects.filter(organisation=organisation, kind__in=COMMITTEE_POSTS, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .values("member")
        .distinct()
        .count()
    )


FINDING_TEXT = {
    branch_rules.TOO_FEW_MEMBERS: gettext_lazy("A branch needs at least 3 full members; it has %(full)d."),
    branch_rules.COMMITTEE_NEEDED: gettext_lazy(
        "A branch with 7 or more full members elects a committee; it has %(full)d full members and no "
        "committee."
    ),
    branch_rules.COMMITTEE_TOO_SMALL: gettext_lazy(
        "A branch committee has 3 to 5 members; it has %(committee)d."
    ),
    branch_rules.COMMITTEE_ABOVE_USUAL: gettext_lazy(
        "A branch committee usually has 3 to 5 members (at most 7); it has %(committee)d."
    ),
    branch_rules.COMMITTEE_TOO_LARGE: gettext_lazy(
        "A branch committee has at most 7 members; it has %(committee)d."
    ),
}


def finding_text(finding: branch_rules.Finding) -> str:
    return str(FINDING_TEXT[finding.code]) % {"full": finding.full_members, "committee": finding.committee}


def branch_warnings(organisation: PartyOrganisation) -> list[str]:
    """The branch rules the organisation breaks today, worded; empty for a branch that keeps them and
    for every other kind of organisation."""
    if organisation.kind != OrganisationKind.BRANCH:
        return []
    counts = member_counts(organisation)
    return [finding_text(f) for f in branch_rules.branch_findings(counts.full, committee_size(organisation))]


def formation_refusal(pk: int | None, kind: str, established_on: dt.date | None) -> str | None:
    """Why an organisation (stored as `pk`, or new) may not be saved as a branch with this founding day,
    or None: a branch whose founding day is being set (it had none, was not a branch, or is new) needs
    3 full members on its roll (the organisations form asks, so pages, imports and the API refuse alike)."""
    if kind != OrganisationKind.BRANCH or established_on is None:
        return None
    full = 0
    if pk:
        stored = PartyOrganisation.objects.filter(pk=pk).values("established_on", "kind").first()
        if stored and stored["established_on"] is not None and stored["kind"] == OrganisationKind.BRANCH:
            return None
        full = current_members().filter(organisation_id=pk, status=MemberStatus.FULL).count()
    if branch_rules.may_form_branch(full):
        return None
    return _(
        "A branch is formed with at least 3 full members; %(full)d are on its roll. Save it without the "
        "founding day, enter its members, then set the day."
    ) % {"full": full}


# --- terms ---------------------------------------------------------------------------------------


def term_years(field: str) -> int | None:
    return TermLength.objects.filter(field=field).values_list("years", flat=True).first()


def term_end(organisation: PartyOrganisation) -> dt.date | None:
    """The day the current committee's term ends, None without a term start or a term length."""
    if organisation.term_started_on is None:
        return None
    years = term_years(organisation.field)
    return term_ends_on(organisation.term_started_on, years) if years else None


def changeover_due(end: dt.date | None, today: dt.date) -> bool:
    return end is not None and (end - today).days <= settings.PARTY_CHANGEOVER_NOTICE_DAYS


def open_changeover_cases(now: dt.datetime | None = None) -> int:
    """Open one case for every organisation whose term ends within the notice period (or has ended)
    and that has no case yet; returns how many opened. Safe to run twice or at once: each organisation
    is locked and read again before its case opens."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = PartyOrganisation.objects.filter(term_started_on__isnull=False, changeover_case__isnull=True)
    opened = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            organisation = (
                PartyOrganisation.objects.select_for_update(of=("self",))
                .select_related("division")
                .filter(pk=pk, changeover_case__isnull=True)
                .first()
            )
            if organisation is None:
                continue
            end = term_end(organisation)
            if end is None or not changeover_due(end, today):
                continue
            organisation.changeover_case = _open_case(organisation, end, now)
            organisation._history_user = None
            organisation.save(update_fields=["changeover_case", "updated_at", "row_version"])
            opened += 1
    return opened


def _open_case(organisation: PartyOrganisation, end: dt.date, now: dt.datetime) -> Case:
    registration = Registration(
        title=(_("Changeover of %(organisation)s due by %(end)s") % {"organisation": organisation.name,
                                                                         "end": date_text(end)})[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=organisation.division,
        description=_(
            "The term of %(organisation)s began on %(start)s and ends on %(end)s: the committee is to be "
            "re-elected (换届) on time."
        )
        % {"organisation": organisation.name, "start": date_text(organisation.term_started_on), "end": date_text(end)},
        source_kind=SOURCE_KIND,
        source_reference=f"PARTYORG-{organisation.pk}",
        time_limit_days=settings.PARTY_CHANGEOVER_CASE_DAYS,
        requirements=_("Hold the election and enter the new term's start, or report why it is postponed."),
    )  # fmt: skip
    policy = AssignmentPolicy(
        officers=_officers(organisation), area=organisation.division, days=settings.PARTY_CHANGEOVER_CASE_DAYS
    )
    return open_case(registration, source=organisation, policy=policy, at=now)


def _officers(organisation: PartyOrganisation) -> list[Officer]:
    """The organisation department's staff who answer for its division, the nearest first."""
    division = organisation.division
    accounts = (
        Account.objects.filter(
            Q(home_division=division) | Q(home_division__in=division.ancestors()),
            roles__code=OFFICE_ROLE,
            user__is_active=True,
            person__isnull=False,
        )
        .select_related("person", "home_division")
        .order_by("-home_division__level", "pk")
        .distinct()
    )
    return [Officer(account.person, str(_("organisation department"))) for account in accounts]


def close_changeover_cases(now: dt.datetime | None = None) -> int:
    """Close the open changeover cases of organisations whose new term no longer ends within the notice
    period, and let go of those cases so the next term gets its own; returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    closed = 0
    for organisation in PartyOrganisation.objects.filter(changeover_case__isnull=False).select_related(
        "changeover_case"
    ):
        if changeover_due(term_end(organisation), today):
            continue
        with transaction.atomic():
            close_changeover_case(organisation, at=now)
            closed += 1
    return closed


def close_changeover_case(organisation: PartyOrganisation, *, at: dt.datetime | None = None) -> None:
    """End the organisation's changeover case now that a new term began, as the system operator: answered
    and closed when a handler has it, cancelled otherwise; the organisation lets go of it either way."""
    case = organisation.changeover_case
    if case is not None and case.state in OPEN_STATES:
        operator = system_operator()
        note = _("A new term began on %(day)s.") % {"day": date_text(organisation.term_started_on)}
        if case.state in (State.ASSIGNED, State.IN_PROGRESS, State.RETURNED):
            case = transitions.reply_case(operator, case, note=note, at=at)
        if case.state == State.REPLIED:
            transitions.close_case(operator, case, note=note, at=at)
        else:
            transitions.cancel_case(operator, case, reason=note, at=at)
    PartyOrganisation.objects.filter(pk=organisation.pk).update(
        changeover_case=None, row_version=PartyOrganisation.bump_version()
    )
    organisation.changeover_case = None


def save_organisation(form: Any, user: Any) -> PartyOrganisation:
    """The organisations ledger's saver: saves the row (its form has checked the branch rules) as `user`,
    and ends the changeover case when the new term start no longer falls within the notice period."""
    organisation: PartyOrganisation = form.instance
    organisation._history_user = user
    organisation = form.save()
    if organisation.changeover_case_id and not changeover_due(term_end(organisation), timezone.localdate()):
        close_changeover_case(organisation)
    return organisation


def scan(now: dt.datetime | None = None) -> dict[str, int]:
    """Everything the hourly task does once: open changeover cases, close those of renewed terms, lapse
    transfer letters past their day. Returns the counts."""
    from .transfers import lapse_transfers

    return {
        "opened": open_changeover_cases(now),
        "closed": close_changeover_cases(now),
        "lapsed": lapse_transfers(now),
    }
