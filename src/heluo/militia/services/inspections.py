"""Inspections (检查调研): each finding opens ONE supervision case for its responsible department, through
the cases engine; closing the case marks the finding rectified on the closing day, reopening it clears
that again. Cases name the department and the finding, never a person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import Case, CaseCategory, State
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.core.models import Account

from ..models import Finding, InspectionVisit, Reorganisation

SOURCE_KIND = "militia_inspection_finding"
CASE_CATEGORY = "militia"
# The role whose holders answer for a department's findings in its territory.
OFFICER_ROLE = "militia_officer"


def save_finding(form: Any, user: Any) -> Finding:
    """Save a finding from its validated form as `user` and open its case if it has none yet (the
    ledger's saver: pages, imports and the API). Transactional: no finding without its case."""
    with transaction.atomic():
        finding: Finding = form.instance
        finding._history_user = user  # type: ignore[attr-defined]
        finding.save()
        if finding.case_id is None:
            open_finding_case(finding)
    return finding


def open_finding_case(finding: Finding, *, at: dt.datetime | None = None) -> Case:
    """Open the finding's supervision case (once: a finding that has one keeps it) and link it."""
    locked = (
        Finding.objects.select_for_update()
        .select_related("department__division", "inspection")
        .get(pk=finding.pk)
    )
    if locked.case is not None:
        finding.case = locked.case
        return locked.case
    department = locked.department
    registration = Registration(
        title=(_("%(department)s: rectify an inspection finding") % {"department": department.name})[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=department.division,
        description=_("%(team)s found: %(finding)s")
        % {"team": locked.inspection.inspected_by, "finding": locked.text},
        source_kind=SOURCE_KIND,
        source_reference=f"MILITIA-FINDING-{locked.pk}",
        time_limit_days=locked.deadline_days,
        requirements=_("Put the finding right and report how, within the time limit."),
    )
    policy = AssignmentPolicy(
        officers=_officers(department.division),
        area=department.division,
        unit=department.host_unit,
        days=locked.deadline_days,
    )
    case = open_case(registration, source=locked, policy=policy, at=at)
    # Linked in the act that saved the finding: the same version of the row, no second history entry.
    Finding.objects.filter(pk=locked.pk).update(case=case)
    finding.case = case
    return case


def _officers(division: Any) -> list[Officer]:
    """The militia officers who answer for the division, the nearest first."""
    accounts = (
        Account.objects.filter(
            Q(home_division=division) | Q(home_division__in=division.ancestors()),
            roles__code=OFFICER_ROLE,
            user__is_active=True,
            person__isnull=False,
        )
        .select_related("person")
        .order_by("-home_division__level", "pk")
        .distinct()
    )
    return [Officer(account.person, _("militia officer")) for account in accounts]


def finding_case_changed(case: Any) -> None:
    """The cases engine's hook: a closed case marks its finding rectified on the closing day; a case
    reopened or cancelled leaves the finding unrectified."""
    finding = case.source
    if not isinstance(finding, Finding):
        return
    closed = case.state == State.CLOSED
    rectified = timezone.localdate(case.closed_at or timezone.now()) if closed else None
    if finding.rectified_on != rectified:
        finding.rectified_on = rectified
        finding._history_user = None  # type: ignore[attr-defined]
        finding.save(update_fields=["rectified_on", "updated_at", "row_version"])


def visits_of(reorganisation: Reorganisation, user: Any = None) -> QuerySet[InspectionVisit]:
    """The places the inspections of `reorganisation` visited, in the order visited (only those `user`
    may see, when given)."""
    visits = InspectionVisit.objects.for_user(user) if user is not None else InspectionVisit.objects.all()
    return visits.filter(inspection__reorganisation=reorganisation).select_related("department", "inspection")
