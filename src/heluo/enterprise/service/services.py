"""The chief service officers' acts: recording a problem opens its supervision case; a follow-up call
(回访) is recorded before the case closes and may send it back; the officer's page reads their load.

Deadlines are the cases engine's (heluo.cases): the case's deadline is the "done" time limit, counted by
the cases calendar; the other stages are shown with their due days from the same calendar
(docs/enterprise.md). No deadline arithmetic here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import OPEN_STATES, Case, CaseCategory, State, overdue_q
from heluo.cases.services import calendar, transitions
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.cases.sources import SourcedCase
from heluo.core.models import Account, Person
from heluo.core.scope import may, visible

from . import rules
from .models import (
    FollowUp,
    OfficerAssignment,
    Problem,
    ProblemCategory,
    Satisfaction,
    Stage,
    TimeLimit,
    Visit,
)

SOURCE_KIND = "enterprise_problem"
CASE_CATEGORY = "enterprise"


def time_limit(stage: str, category: ProblemCategory | None) -> int:
    """The working days `stage` may take for a problem of `category` (TimeLimit rows; see rules)."""
    limits = {(row.stage, row.category_id): row.working_days for row in TimeLimit.objects.filter(stage=stage)}
    return rules.limit_days(limits, stage, category.pk if category is not None else None)


# --- problems and their cases ------------------------------------------------------------------


def save_problem(form: forms.ModelForm, user: Any) -> Problem:
    """Save a problem from its validated form (page, import or API). A new problem opens its supervision
    case at once, in the same transaction: assigned to the responsible unit's first account that handles
    cases, with the "done" time limit; left registered for a supervisor when the unit has none."""
    with transaction.atomic():
        form.instance._history_user = user
        problem: Problem = form.save()
        if problem.case_id is None:
            open_problem_case(problem)
    return problem


def open_problem_case(problem: Problem, *, at: dt.datetime | None = None) -> Case:
    """Open the case of `problem` (once: a problem with a case keeps it) through the cases engine."""
    if problem.case_id is not None:
        return problem.case  # type: ignore[return-value]
    days = time_limit(Stage.DONE, problem.category)
    unit = problem.responsible_unit
    registration = Registration(
        title=_("%(enterprise)s: %(category)s problem") % {
            "enterprise": problem.enterprise.name, "category": problem.category.name},
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=problem.enterprise.division,
        description=problem.description,
        source_kind=SOURCE_KIND,
        source_reference=f"PROBLEM-{problem.pk}",
        time_limit_days=days,
    )  # fmt: skip
    # The enterprise's chief service officer carries the problem; else someone of the responsible unit.
    officers = [
        Officer(row.officer, _("chief service officer"))
        for row in serving(problem.enterprise_id, problem.raised_on)
    ]
    people = Person.objects.filter(pk__in=Account.objects.filter(unit=unit).values("person_id")).order_by(
        "pk"
    )
    officers += [Officer(person) for person in people]
    policy = AssignmentPolicy(officers=officers, unit=unit, days=days)
    case = open_case(registration, source=problem, policy=policy, at=at)
    if problem.is_demo:
        # A demo problem's case is demo data too (a flag, not a change of the case: no history row).
        Case.objects.filter(pk=case.pk).update(is_demo=True)
    problem.case = case
    problem._history_user = None  # type: ignore[attr-defined]
    problem.save(update_fields=["case", "updated_at", "row_version"])
    return case


def serving(enterprise_id: int, day: dt.date) -> list[OfficerAssignment]:
    """The assignment of the officer serving the enterprise on `day` (none or one)."""
    rows = OfficerAssignment.objects.filter(enterprise_id=enterprise_id, start__lte=day)
    return list(rows.filter(Q(end__isnull=True) | Q(end__gte=day)).select_related("officer")[:1])


def problem_case_changed(case: SourcedCase) -> None:
    """The cases engine's hook for problems: a case closes only after the follow-up call made since the
    unit's last reply is recorded (on the problem's page); otherwise the close is refused and undone."""
    if case.state != State.CLOSED:
        return
    problem = case.source
    replied_at = getattr(case, "replied_at", None)
    if problem is None or replied_at is None:
        return
    calls = FollowUp.objects.filter(
        problem=problem, called_on__gte=timezone.localtime(replied_at).date(), created_at__gte=replied_at
    )
    if not calls.exists():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("Record the follow-up call to the enterprise on the problem's page first.")
                ]
            }
        )


@dataclass(frozen=True)
class FollowUpRecord:
    called_on: dt.date
    called_by: str
    satisfaction: str
    remarks: str = ""
    # What the call leads to: "close" the case, "send_back" to the unit (unsatisfied), or "" (record only).
    then: str = ""


def record_follow_up(
    user: Any, problem: Problem, record: FollowUpRecord, *, at: dt.datetime | None = None
) -> FollowUp:
    """Record the follow-up call about `problem` and, as asked, close its case (a supervisor's act) or
    send it back to the unit after an unsatisfied answer (returned when awaiting verification, reopened
    with the "done" time limit when closed). All in one transaction: a refused act records no call.
    Raises PermissionDenied outside the user's scope or rights, ValidationError for bad input."""
    if not (visible(user, problem) and may(user, "add", FollowUp)):
        raise PermissionDenied(_("You may not record follow-up calls of this problem."))
    errors = follow_up_errors(problem, record)
    if errors:
        raise ValidationError(errors)
    case = Case.objects.get(enterprise_problem=problem)
    at = at or timezone.now()
    with transaction.atomic():
        call = FollowUp(
            problem=problem, called_on=record.called_on, called_by=record.called_by.strip(),
            satisfaction=record.satisfaction, remarks=record.remarks.strip(),
        )  # fmt: skip
        call._history_user = user  # type: ignore[attr-defined]
        call.full_clean()
        call.save()
        note = _("Follow-up call: %(satisfaction)s. %(remarks)s") % {
            "satisfaction": call.get_satisfaction_display(), "remarks": call.remarks}  # fmt: skip
        if record.then == "close":
            transitions.close_case(user, case, note=note.strip(), at=at)
        elif record.then == "send_back" and case.state == State.REPLIED:
            transitions.return_case(user, case, reason=note, at=at)
        elif record.then == "send_back":
            transitions.reopen_case(
                user, case, reason=note, days=time_limit(Stage.DONE, problem.category), at=at
            )
        else:
            transitions.add_note(user, case, note=note.strip(), at=at)
    return call


def follow_up_errors(problem: Problem, record: FollowUpRecord) -> dict[str, str]:
    """Why this follow-up cannot be recorded, by field (empty when it can)."""
    case = Case.objects.filter(enterprise_problem=problem).first()
    if case is None or case.state not in {State.REPLIED, State.CLOSED}:
        return {NON_FIELD_ERRORS: _("A follow-up call asks about what was done: wait for the unit's reply.")}
    if record.called_on > timezone.localdate():
        return {"called_on": _("The call cannot be in the future.")}
    if case.replied_at is not None and record.called_on < timezone.localtime(case.replied_at).date():
        return {"called_on": _("The call comes after the unit's reply (%(day)s).") % {
            "day": timezone.localtime(case.replied_at).date()}}  # fmt: skip
    if not record.called_by.strip():
        return {"called_by": _("This field is required.")}
    if record.then == "send_back" and record.satisfaction != Satisfaction.UNSATISFIED:
        return {"then": _("Only an unsatisfied enterprise's problem is sent back.")}
    if record.then == "close" and case.state != State.REPLIED:
        return {"then": _("Only a case awaiting verification is closed.")}
    return {}


# --- what the pages read -------------------------------------------------------------------------


@dataclass(frozen=True)
class StageDue:
    stage: str
    label: str
    days: int
    due: dt.date | None
    done_at: dt.datetime | None


def stages(problem: Problem) -> list[StageDue]:
    """Each stage of the problem's handling with its due day, counted by the cases calendar from the
    case's assignment (feedback: from the unit's reply), and when it was met."""
    case = Case.objects.filter(enterprise_problem=problem).first()
    if case is None or case.assigned_at is None:
        return []
    firsts = case.events.order_by().values("kind").annotate(first=Min("at"))
    kinds = {row["kind"]: row["first"] for row in firsts}
    first_call = problem.follow_ups.order_by("called_on").values_list("called_on", flat=True).first()
    met = {
        Stage.REPORT: kinds.get("accepted"),
        Stage.OPINION: kinds.get("note") or kinds.get("replied"),
        Stage.DONE: case.replied_at,
        Stage.FEEDBACK: timezone.make_aware(dt.datetime.combine(first_call, dt.time(12)))
        if first_call
        else None,
        Stage.MISDIRECTED: kinds.get("reassigned"),
    }
    rows = []
    for stage in Stage:
        days = time_limit(stage, problem.category)
        start = case.replied_at if stage == Stage.FEEDBACK else case.assigned_at
        due = calendar.deadline_for(start, days=days).due_date if start is not None else None
        rows.append(StageDue(stage.value, str(stage.label), days, due, met[stage]))
    return rows


def officer_loads(officer: Person, user: Any, at: dt.datetime | None = None) -> list[rules.EnterpriseLoad]:
    """The enterprises `officer` serves now (those `user` may see), ranked by their open problems."""
    at = at or timezone.now()
    today = timezone.localtime(at).date()
    current = OfficerAssignment.objects.for_user(user).filter(officer=officer, start__lte=today)
    current = current.filter(Q(end__isnull=True) | Q(end__gte=today)).select_related("enterprise")
    enterprises = {row.enterprise_id: row.enterprise.name for row in current}
    open_problems = Problem.objects.filter(enterprise_id__in=enterprises, case__state__in=OPEN_STATES)
    counts = {
        row["enterprise_id"]: row
        for row in open_problems.values("enterprise_id").annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(case__in=Case.objects.filter(overdue_q(at)))),
            earliest=Min("case__due_at", filter=Q(case__in=Case.objects.filter(overdue_q(at)))),
        )
    }
    loads = []
    for pk, name in enterprises.items():
        row = counts.get(pk, {})
        loads.append(
            rules.EnterpriseLoad(pk, name, row.get("open", 0), row.get("overdue", 0), row.get("earliest"))
        )
    return rules.rank(loads)


def officer_visits(officer: Person, user: Any) -> Any:
    """The officer's visits `user` may see, latest first."""
    return Visit.objects.for_user(user).filter(officer=officer).select_related("enterprise")


def officer_of(user: Any) -> Person | None:
    """The chief service officer the signed-in user is (their account's person), if they serve any
    enterprise."""
    account = Account.objects.filter(user_id=user.pk).first()
    if account is None or account.person_id is None:
        return None
    if not OfficerAssignment.objects.filter(officer_id=account.person_id).exists():
        return None
    return account.person
