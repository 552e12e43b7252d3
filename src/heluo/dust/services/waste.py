"""Construction waste: an uncovered report left uncovered too long becomes one supervision case, which
the site's grid officer handles; the case's closing marks the ground covered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import OPEN_STATES, CaseCategory, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, open_case
from heluo.cases.services.registration import Registration
from heluo.core.dates import datetime_text
from heluo.core.services.accounts import system_operator
from heluo.core.services.audit import audited_bulk_create

from ..models import CoverRecord, WasteRemoval
from .sites import site_responsible

SOURCE_KIND = "dust_uncovered"
CASE_CATEGORY = "dust"
# An uncovered stockpile is a quick fix: the case runs for a working day.
TIME_LIMIT_DAYS = 1


def overdue_since(now: dt.datetime | None = None) -> dt.datetime:
    """Reports made before this moment and still uncovered are overdue (HELUO_DUST_UNCOVERED_HOURS)."""
    return (now or timezone.now()) - dt.timedelta(hours=settings.DUST_UNCOVERED_HOURS)


@transaction.atomic
def save_cover_record(form: forms.ModelForm, user: Any) -> CoverRecord:
    """Save a cover record from its validated form (page, import or API). Covering ground whose case is
    still open notes it on the case, for the supervisor to verify and close it."""
    form.instance._history_user = user
    record: CoverRecord = form.save()
    case = record.case
    if record.covered_at is not None and case is not None and case.state in OPEN_STATES:
        transitions.add_note(
            system_operator(),
            case,
            note=_("Reported covered at %(at)s.") % {"at": datetime_text(record.covered_at)},
        )
    return record


def open_uncovered_cases(now: dt.datetime | None = None) -> int:
    """Open one case for every cover record still uncovered past HELUO_DUST_UNCOVERED_HOURS and without
    a case yet; the handler is the site's grid officer (as for its alarms). Returns how many opened.

    Idempotent: a record gets its case once (the record is locked and re-read before its case opens)."""
    opened = 0
    due = CoverRecord.objects.filter(
        covered_at__isnull=True, case__isnull=True, reported_at__lte=overdue_since(now)
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            record = (
                CoverRecord.objects.select_for_update(of=("self",))
                .select_related("site__division", "site__grid__division")
                .filter(pk=pk, covered_at__isnull=True, case__isnull=True)
                .first()
            )
            if record is None:
                continue
            record.case = _open_case(record)
            record.save(update_fields=["case", "updated_at", "row_version"])
            opened += 1
    return opened


def _open_case(record: CoverRecord) -> Any:
    site = record.site
    responsible = site_responsible(site)
    registration = Registration(
        title=(
            _("%(site)s: %(target)s left uncovered")
            % {"site": site.name, "target": record.get_target_display()}
        )[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=site.division,
        description=_(
            "%(target)s %(description)s reported uncovered at %(at)s and still uncovered after %(hours)s hours."
        )
        % {
            "target": record.get_target_display(),
            "description": record.description,
            "at": datetime_text(record.reported_at),
            "hours": settings.DUST_UNCOVERED_HOURS,
        },
        source_kind=SOURCE_KIND,
        source_reference=f"COVER-{record.pk}",
        address=site.address,
        time_limit_days=TIME_LIMIT_DAYS,
        requirements=_("Cover the bare ground or stockpile completely (物料堆放100%覆盖)."),
    )
    policy = AssignmentPolicy(
        officers=responsible.officers, area=responsible.area, days=TIME_LIMIT_DAYS, note=responsible.note
    )
    return open_case(registration, source=record, policy=policy)


def cover_case_changed(case: Any) -> None:
    """The cases engine's hook for uncovered-ground cases: closing the case (the fix verified) marks the
    ground covered at the closing, unless a cover time was recorded already."""
    if case.state != State.CLOSED:
        return
    record = case.source
    if record is not None and record.covered_at is None:
        record.covered_at = case.closed_at or timezone.now()
        record._history_user = None
        record.save(update_fields=["covered_at", "updated_at", "row_version"])


@transaction.atomic
def create_waste_records(
    operator: Any, removals: Sequence[WasteRemoval], covers: Sequence[CoverRecord]
) -> None:
    """Validate and create many removal and cover records at once, one history row each (the demo, a
    migration from another system). All or nothing: the first invalid record raises ValidationError."""
    for record in [*removals, *covers]:
        record.full_clean()
    audited_bulk_create(WasteRemoval, list(removals), user=operator)
    audited_bulk_create(CoverRecord, list(covers), user=operator)
