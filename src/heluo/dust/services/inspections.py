"""Inspections: a submitted checklist stored once, each failed item a supervision case, re-inspections
closing and reopening those cases, and patrol reports becoming cases."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import OPEN_STATES, Case, CaseCategory, Priority, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, open_case
from heluo.cases.services.registration import Registration
from heluo.core.models import Unit
from heluo.core.scope import may
from heluo.core.services.accounts import system_operator
from heluo.core.services.files import attach_file, check_upload

from ..models import (
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
    InspectionResult,
    Outcome,
    PatrolReport,
    ResponsibleParty,
    Severity,
    Site,
)
from .enforcement import after_reinspection
from .sites import site_responsible

CASE_CATEGORY = "dust"
INSPECTION_SOURCE = "dust_inspection"
PATROL_SOURCE = "dust_patrol"
# The re-inspection's own acts, so the timeline tells them from the handler's and the supervisor's.
WORKING_STATES = (State.ASSIGNED, State.IN_PROGRESS, State.RETURNED)


@dataclass(frozen=True)
class ItemResult:
    """One item's outcome as submitted (Outcome's values), with its note and photos."""

    item: ChecklistItem
    outcome: str
    note: str = ""
    photos: Sequence[UploadedFile] = ()


@dataclass(frozen=True)
class Submission:
    """An inspection as the phone sends it: made against `template`, answered item by item."""

    client_id: uuid.UUID
    site: Site
    template: ChecklistTemplate
    results: Sequence[ItemResult]
    performed_at: dt.datetime | None = None
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    note: str = ""


def supervising_unit() -> Unit | None:
    """The unit that supervises dust cases (settings.HELUO_DUST_SUPERVISING_UNIT, by name), if it exists."""
    return Unit.objects.filter(name=settings.HELUO_DUST_SUPERVISING_UNIT).order_by("pk").first()


def party_unit(site: Site, item: ChecklistItem) -> Unit:
    """The unit that must put a failed item right: the developer for the items that name it (bare
    ground, art. 115) when the site has one, else the contractor."""
    if item.party == ResponsibleParty.DEVELOPER and site.developer_id is not None:
        return site.developer  # type: ignore[return-value]
    return site.contractor


def _check(user: Any, submission: Submission) -> None:
    if not may(user, "add", Inspection):
        raise PermissionDenied(_("You may not record inspections."))
    if not Site.objects.for_user(user).filter(pk=submission.site.pk).exists():
        raise PermissionDenied(_("The site %(site)s is outside your scope.") % {"site": submission.site})
    items = {item.pk: item for item in submission.template.items.all()}
    answered = [result.item.pk for result in submission.results]
    errors: list[str] = []
    if len(set(answered)) != len(answered) or set(answered) - set(items):
        errors.append(
            _("The answers do not match the items of %(checklist)s.") % {"checklist": submission.template}
        )
    missing = [items[pk].text for pk in items if pk not in answered]
    if missing:
        errors.append(_("Answer every item: %(items)s.") % {"items": "、".join(missing)})
    if any(result.outcome not in Outcome.values for result in submission.results):
        errors.append(_("An item's answer is not pass, fail or not applicable."))
    for result in submission.results:
        for photo in result.photos:
            try:
                check_upload(photo)
            except ValidationError as error:
                errors += [f"{photo.name}: {message}" for message in error.messages]
    if errors:
        raise ValidationError(errors)


def submit_inspection(
    user: Any, submission: Submission, *, at: dt.datetime | None = None
) -> tuple[Inspection, bool]:
    """Store an inspection with its results and photos, and act on its failures; returns it and whether
    it was stored now.

    Guarantees: one inspection per `client_id` — a second submission (the offline queue, a retry) returns
    the first and stores nothing. Every item of the template is answered once, the user may record
    inspections of the site, the photos pass the upload checks; else ValidationError / PermissionDenied
    and nothing is written. Each failed item opens one supervision case (`open_finding`), or continues
    the one still open for the same site and item; a passed item closes the open case of its site and
    item (`record_pass`), and a failure after a closed case reopens it. A passed inspection of a site
    stopped by order lifts the order when its days have run, and any inspection extends or ends the
    site's running daily-penalty counts (`after_reinspection`). The case acts happen at `at`
    (default: now; the demo's past).
    """
    existing = Inspection.objects.filter(client_id=submission.client_id).first()
    if existing is not None:
        return existing, False
    _check(user, submission)
    try:
        with transaction.atomic():
            inspection = _store(user, submission, at)
    except IntegrityError:
        # The same client_id arrived twice at once: the other request stored it.
        stored = Inspection.objects.filter(client_id=submission.client_id).first()
        if stored is None:
            raise
        return stored, False
    return inspection, True


def _store(user: Any, submission: Submission, at: dt.datetime | None) -> Inspection:
    failed = any(result.outcome == Outcome.FAILED for result in submission.results)
    inspection = Inspection(
        site=submission.site, template=submission.template, inspector=user,
        performed_at=submission.performed_at or timezone.now(), longitude=submission.longitude,
        latitude=submission.latitude, note=submission.note.strip(), client_id=submission.client_id,
        passed=not failed,
    )  # fmt: skip
    inspection.full_clean(exclude=["client_id"])
    inspection._history_user = user  # type: ignore[attr-defined]
    inspection.save()
    stored: list[tuple[InspectionResult, Sequence[UploadedFile]]] = []
    for answer in submission.results:
        result = InspectionResult.objects.create(
            inspection=inspection, item=answer.item, outcome=answer.outcome, note=answer.note.strip()[:500]
        )
        for photo in answer.photos:
            result.photos.add(attach_file(inspection, photo, user=user))
        stored.append((result, answer.photos))
    previous = _previous_cases(inspection)
    for result, photos in stored:
        if result.outcome == Outcome.FAILED:
            record_failure(result, previous.get(result.item.code), photos, at=at)
        elif result.outcome == Outcome.PASSED:
            record_pass(result, previous.get(result.item.code), at=at)
    try:
        with transaction.atomic():
            after_reinspection(inspection.site, inspection=inspection, by=user)
    except ValidationError:
        # An inspection dated before what the site's enforcement already recorded (sent late from an
        # offline queue) is kept; the counts stay as they are and an officer corrects them on their page.
        pass
    return inspection


def _previous_cases(inspection: Inspection) -> dict[str, Case]:
    """By requirement (item code): the case of the latest earlier failure of it on the inspection's site."""
    latest: dict[str, int] = {}
    earlier = (
        InspectionResult.objects.filter(inspection__site_id=inspection.site_id, case__isnull=False)
        .exclude(inspection=inspection)
        .order_by("-inspection__performed_at", "-pk")
        .values_list("item__code", "case_id")
    )
    for code, case_id in earlier:
        latest.setdefault(code, case_id)
    cases = Case.objects.in_bulk(set(latest.values()))
    return {code: cases[case_id] for code, case_id in latest.items()}


def _finding_text(result: InspectionResult) -> str:
    inspection = result.inspection
    text = _("Inspection of %(site)s on %(at)s (%(checklist)s): “%(item)s” failed.") % {
        "site": inspection.site, "at": f"{timezone.localtime(inspection.performed_at):%Y-%m-%d %H:%M}",
        "checklist": inspection.template, "item": result.item.text,
    }  # fmt: skip
    return f"{text}\n{result.note}" if result.note else text


def open_finding(
    result: InspectionResult, photos: Sequence[UploadedFile] = (), *, at: dt.datetime | None = None
) -> Case:
    """Open the supervision case of one failed item through cases' open_case: responsible unit the party
    the item names, handler the site's grid officer, time limit the item's (by severity), the photos on
    its timeline."""
    site, item = result.inspection.site, result.item
    party = party_unit(site, item)
    description = _finding_text(result)
    if item.legal_basis:
        description += "\n" + _("Legal basis: %(basis)s") % {"basis": item.legal_basis}
    registration = Registration(
        title=f"{site.name}：{item.text}"[:200], category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=site.division, description=description, source_kind=INSPECTION_SOURCE,
        source_reference=f"INSP-{result.inspection_id}-{item.code}", address=site.address,
        priority=Priority.URGENT if item.severity == Severity.GRAVE else Priority.NORMAL,
        supervising_unit=supervising_unit(), time_limit_days=item.time_limit_days,
        requirements=_("%(party)s puts “%(item)s” right; a re-inspection verifies it.")
        % {"party": party, "item": item.text},
    )  # fmt: skip
    responsible = site_responsible(site)
    policy = AssignmentPolicy(
        officers=responsible.officers, area=responsible.area, unit=party, days=item.time_limit_days,
        note=_("Assigned automatically to the site's grid officer."),
    )  # fmt: skip
    case = open_case(registration, source=result, policy=policy, at=at)
    if photos:
        transitions.add_note(
            system_operator(), case, note=_("Photos of the inspection."), files=photos, at=at
        )
    return case


def record_failure(
    result: InspectionResult,
    case: Case | None,
    photos: Sequence[UploadedFile] = (),
    *,
    at: dt.datetime | None = None,
) -> Case:
    """A failed item, `case` the one of the latest earlier failure of its site and item: an open one
    continues (the failure and photos on its timeline); a closed one is reopened with the item's time
    limit; else (none, or cancelled) a new case."""
    operator = system_operator()
    if case is not None and case.state in OPEN_STATES:
        transitions.add_note(operator, case, note=_finding_text(result), files=photos, at=at)
    elif case is not None and case.state == State.CLOSED:
        case, _warnings = transitions.reopen_case(
            operator, case, reason=_("A re-inspection found it again: %(finding)s") % {"finding": _finding_text(result)},
            days=result.item.time_limit_days,
            at=at,
        )  # fmt: skip
        if photos:
            transitions.add_note(operator, case, note=_("Photos of the re-inspection."), files=photos, at=at)
    else:
        case = open_finding(result, photos, at=at)
    InspectionResult.objects.filter(pk=result.pk).update(case=case)
    result.case = case
    return case


def record_pass(result: InspectionResult, case: Case | None, *, at: dt.datetime | None = None) -> Case | None:
    """A passed item closes `case`, the one of the latest earlier failure of its site and item, if it is
    still open: the re-inspection is the verification. A case still waiting for its handler gets the
    re-inspection as its reply first (the workflow closes replied cases only); one never assigned or
    suspended is cancelled with the reason."""
    if case is None or case.state not in OPEN_STATES:
        return None
    operator = system_operator()
    inspection = result.inspection
    note = _("Re-inspection on %(at)s found “%(item)s” put right.") % {
        "at": f"{timezone.localtime(inspection.performed_at):%Y-%m-%d %H:%M}", "item": result.item.text}  # fmt: skip
    if case.state in WORKING_STATES:
        case = transitions.reply_case(operator, case, note=note, at=at)
    if case.state == State.REPLIED:
        case = transitions.close_case(operator, case, note=note, at=at)
    else:
        case = transitions.cancel_case(operator, case, reason=note, at=at)
    InspectionResult.objects.filter(pk=result.pk).update(case=case)
    result.case = case
    return case


def last_inspected_on(site_ids: Iterable[int]) -> dict[int, dt.date]:
    """The local date of each site's latest inspection; sites never inspected are absent."""
    rows = (
        Inspection.objects.filter(site_id__in=list(site_ids))
        .values("site_id")
        .annotate(last=Max("performed_at"))
    )
    return {row["site_id"]: timezone.localdate(row["last"]) for row in rows}


def save_inspection(form: forms.ModelForm, user: Any) -> Inspection:
    """Save an inspection's header from its validated form (a correction of the note, time or position;
    an import, the API). Results and cases come only through submit_inspection."""
    inspection: Inspection = form.instance
    if inspection.pk is None:
        inspection.inspector = user
    inspection._history_user = user  # type: ignore[attr-defined]
    return form.save()


@dataclass(frozen=True)
class Patrol:
    """A patrol report as sent: a sentence, a place (site, division or position) and photos."""

    text: str
    division: Any
    site: Site | None = None
    address: str = ""
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    photos: Sequence[UploadedFile] = ()


@transaction.atomic
def report_patrol(user: Any, patrol: Patrol) -> PatrolReport:
    """Store a patrol report and open its supervision case (handler: the site's grid officer when a site
    is named, else left registered for a supervisor to assign in the division), with the photos on the
    case's timeline.

    Refused with ValidationError (nothing written) for a bad file or a site outside the division;
    PermissionDenied outside the user's scope."""
    if not may(user, "add", PatrolReport):
        raise PermissionDenied(_("You may not send patrol reports."))
    if patrol.site is not None and not Site.objects.for_user(user).filter(pk=patrol.site.pk).exists():
        raise PermissionDenied(_("The site %(site)s is outside your scope.") % {"site": patrol.site})
    problems: list[str] = []
    for photo in patrol.photos:
        try:
            check_upload(photo)
        except ValidationError as error:
            problems += [f"{photo.name}: {message}" for message in error.messages]
    if problems:
        raise ValidationError({"photo": problems})
    report = PatrolReport(
        division=patrol.division, site=patrol.site, text=patrol.text.strip(), address=patrol.address.strip(),
        longitude=patrol.longitude, latitude=patrol.latitude, reported_by=user,
    )  # fmt: skip
    report.full_clean()
    report._history_user = user  # type: ignore[attr-defined]
    report.save()
    for photo in patrol.photos:
        attach_file(report, photo, user=user)
    place = patrol.site.name if patrol.site is not None else (report.address or str(report.division))
    registration = Registration(
        title=(_("Patrol report: %(place)s") % {"place": place})[:200],
        category=CaseCategory.objects.get(code=CASE_CATEGORY), division=report.division,
        description=_("%(text)s\nReported by %(user)s.") % {"text": report.text, "user": user},
        source_kind=PATROL_SOURCE, source_reference=f"PATROL-{report.pk}", address=report.address,
        supervising_unit=supervising_unit(),
    )  # fmt: skip
    if patrol.site is not None:
        responsible = site_responsible(patrol.site)
        policy = AssignmentPolicy(
            officers=responsible.officers, area=responsible.area, unit=patrol.site.contractor,
            days=settings.HELUO_DUST_PATROL_DAYS, note=_("Assigned automatically to the site's grid officer."),
        )  # fmt: skip
    else:
        policy = AssignmentPolicy(area=report.division)
    case = open_case(registration, source=report, policy=policy)
    if patrol.photos:
        transitions.add_note(
            system_operator(), case, note=_("Photos of the patrol report."), files=patrol.photos
        )
    report.case = case
    report.save(update_fields=["case", "row_version", "updated_at"])
    return report


def save_patrol_report(form: forms.ModelForm, user: Any) -> PatrolReport:
    """Save a patrol report from its validated form (page, import, API): a new one through report_patrol
    (which opens its case), a correction of an existing one as it is."""
    if form.instance.pk is not None:
        form.instance._history_user = user
        return form.save()
    data = form.cleaned_data
    return report_patrol(user, Patrol(
        text=data["text"], division=data["division"], site=data.get("site"), address=data.get("address") or "",
        longitude=data.get("longitude"), latitude=data.get("latitude"),
    ))  # fmt: skip


SITE_PANEL_ROWS = 5


def inspection_panel(site: Site, user: Any) -> dict[str, Any]:
    """The context of the site file's inspections section (templates/dust/site/inspections.html):
    its latest inspections the user may see with their failed-item counts, the date of the last one,
    whether the user may inspect, and the link to all of them."""
    visible = Inspection.objects.for_user(user).filter(site=site)
    inspections = list(
        visible.select_related("template")
        .annotate(failed=Count("results", filter=Q(results__outcome=Outcome.FAILED)))
        .order_by("-performed_at", "-pk")[:SITE_PANEL_ROWS]
    )
    return {
        "inspections": inspections,
        "last_on": last_inspected_on([site.pk]).get(site.pk) if inspections else None,
        "can_inspect": may(user, "add", Inspection),
        "inspect_url": reverse("dust:site_inspect", args=[site.pk]),
        "all_url": f"{reverse('dust:inspection_list')}?site={site.pk}" if inspections else "",
    }
