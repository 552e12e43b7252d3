"""Following a major project to the end (一抓到底): a milestone of its plan table not done by its planned
date becomes one supervision case of the cases engine, with the project's responsible unit as the
case's unit; the case's closing records the day the milestone was done.

The deadline is the cases engine's: a time limit in working days, counted by its calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import OPEN_STATES, Case, CaseCategory, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.core.dates import date_text
from heluo.core.services.accounts import system_operator
from heluo.core.services.audit import audited_bulk_create

from .models import MajorProject, Milestone

SOURCE_KIND = "major_milestone"
CASE_CATEGORY = "enterprise"
# A slipped milestone is an enterprise-service matter: the common practice's "done in 5 working days".
TIME_LIMIT_DAYS = 5


@transaction.atomic
def save_milestone(form: forms.ModelForm, user: Any) -> Milestone:
    """Save a milestone from its validated form (page, import or API), with its history. Recording it
    done while its case is still open notes it on the case, for the supervisor to verify and close."""
    form.instance._history_user = user
    milestone: Milestone = form.save()
    case = milestone.case
    if milestone.actual_date is not None and case is not None and case.state in OPEN_STATES:
        transitions.add_note(
            system_operator(),
            case,
            note=_("The milestone was recorded done on %(date)s.")
            % {"date": date_text(milestone.actual_date)},
        )
    return milestone


def slipped_milestones(today: dt.date) -> Any:
    """Milestones past their planned date (before `today`), not done and without a case yet."""
    return Milestone.objects.filter(actual_date__isnull=True, case__isnull=True, planned_date__lt=today)


def open_slipped_milestone_cases(now: dt.datetime | None = None) -> int:
    """Open one case for every milestone not done by its planned date and without a case yet; returns
    how many opened. The case's unit is the project's responsible unit; its handler the milestone's
    owner or the project's leader, when either has an account that handles cases (else a supervisor
    assigns it). Called by the periodic task; safe to run twice or in two processes at once: each
    milestone is locked and re-read before its case opens, and gets one case only."""
    now = now or timezone.now()
    opened = 0
    for pk in slipped_milestones(timezone.localdate(now)).values_list("pk", flat=True):
        with transaction.atomic():
            milestone = (
                Milestone.objects.select_for_update(of=("self",))
                .select_related(
                    "project__division", "project__leader", "project__responsible_unit", "owner_person"
                )
                .filter(pk=pk, actual_date__isnull=True, case__isnull=True)
                .first()
            )
            if milestone is None:
                continue
            milestone.case = _open_case(milestone, now)
            milestone._history_user = None
            milestone.save(update_fields=["case", "updated_at", "row_version"])
            opened += 1
    return opened


def _open_case(milestone: Milestone, now: dt.datetime) -> Case:
    project = milestone.project
    registration = Registration(
        title=(
            _("%(project)s: “%(milestone)s” slipped")
            % {"project": project.name, "milestone": milestone.title}
        )[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=project.division,
        description=_(
            "The milestone “%(milestone)s” of the major project %(project)s was planned for %(planned)s and "
            "is not done. District leader in charge: %(leader)s."
        )
        % {
            "milestone": milestone.title,
            "project": project.name,
            "planned": date_text(milestone.planned_date),
            "leader": project.leader.name,
        },
        source_kind=SOURCE_KIND,
        source_reference=f"MS-{milestone.pk}",
        time_limit_days=TIME_LIMIT_DAYS,
        requirements=milestone.done_means or milestone.title,
    )
    officers = [Officer(person, role) for person, role in _officers(milestone)]
    policy = AssignmentPolicy(
        officers=officers, area=project.division, unit=project.responsible_unit, days=TIME_LIMIT_DAYS
    )
    return open_case(registration, source=milestone, policy=policy, at=now)


def _officers(milestone: Milestone) -> list[tuple[Any, str]]:
    people = []
    if milestone.owner_person is not None:
        people.append((milestone.owner_person, str(_("milestone owner"))))
    people.append((milestone.project.leader, str(_("district leader in charge"))))
    return people


def milestone_case_changed(case: Any) -> None:
    """The cases engine's hook for slipped-milestone cases: closing the case (the work verified done)
    records the milestone done on the day of the closing, unless a day was recorded already. A reopened
    or cancelled case leaves the recorded day alone: the plan's owner corrects it on the milestone."""
    if case.state != State.CLOSED:
        return
    milestone = case.source
    if milestone is not None and milestone.actual_date is None:
        milestone.actual_date = timezone.localdate(case.closed_at or timezone.now())
        milestone._history_user = None
        milestone.save(update_fields=["actual_date", "updated_at", "row_version"])


@transaction.atomic
def create_plan(operator: Any, project: MajorProject, milestones: Sequence[Milestone]) -> MajorProject:
    """Validate and create a project with its plan table at once, one history row each (the demo, a
    migration from another system). All or nothing: the first invalid row raises ValidationError."""
    project.full_clean()
    project._history_user = operator  # type: ignore[attr-defined]
    project.save()
    for milestone in milestones:
        milestone.project = project
        milestone.full_clean()
    audited_bulk_create(Milestone, list(milestones), user=operator)
    return project
