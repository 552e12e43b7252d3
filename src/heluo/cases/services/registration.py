"""Registering a case (登记) and changing its description: what every way in — the registration page, the
API, an import, another module's row (heluo.cases.services.opening) — calls. The acts that follow are
heluo.cases.services.transitions'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.models import Case, CaseCategory, CaseEvent, EventKind, Priority
from heluo.cases.services.numbers import allocate_number
from heluo.cases.sources import SOURCES
from heluo.core.models import Division, Unit
from heluo.core.scope import may, scope_of


@dataclass(frozen=True)
class Registration:
    """What a new case needs (the registration form's, the API's and other apps' fields)."""

    title: str
    category: CaseCategory
    division: Division
    description: str = ""
    source_kind: str = "other"
    source_reference: str = ""
    address: str = ""
    priority: int = Priority.NORMAL
    supervising_unit: Unit | None = None
    cooperating_units: Sequence[Unit] = ()
    time_limit_days: int | None = None
    requested_due_date: dt.date | None = None
    requirements: str = ""


def register_case(user: Any, registration: Registration, *, source: Any = None, at: dt.datetime | None = None,
                  is_demo: bool = False) -> Case:  # fmt: skip
    """Register a case (state: registered) with its number, history and first timeline event.

    The user must be allowed to add cases and the division must be in their territory. `source` is
    the row of another app the case comes from (linked generically). Raises ValidationError for bad
    values, PermissionDenied otherwise; writes nothing then.
    """
    if not may(user, "add", Case):
        raise PermissionDenied(_("You may not register supervised cases."))
    if not scope_of(user).covers_path(registration.division.path):
        raise PermissionDenied(
            _("The division %(division)s is outside your scope.") % {"division": registration.division}
        )
    if registration.source_kind not in SOURCES:
        raise ValidationError(
            {"source_kind": _("Unknown source %(kind)s.") % {"kind": registration.source_kind}}
        )
    at = at or timezone.now()
    with transaction.atomic():
        case = Case(
            title=registration.title.strip(), category=registration.category, division=registration.division,
            description=registration.description, source_kind=registration.source_kind,
            source_reference=registration.source_reference.strip(), address=registration.address,
            priority=registration.priority, supervising_unit=registration.supervising_unit,
            time_limit_days=registration.time_limit_days, requested_due_date=registration.requested_due_date,
            requirements=registration.requirements, registered_by=user, is_demo=is_demo,
            number=allocate_number(at),
        )  # fmt: skip
        if source is not None:
            case.source = source
        case.full_clean(exclude=["cooperating_units"])
        case._history_user = user  # type: ignore[attr-defined]
        case.save()
        if registration.cooperating_units:
            case.cooperating_units.set(registration.cooperating_units)
        CaseEvent.objects.create(case=case, kind=EventKind.REGISTERED, actor=user, at=at, to_state=case.state)
    return case


def edit_case(user: Any, form: forms.ModelForm) -> Case:
    """Save a case's changed description from its validated form (a supervisor's edit page, the API, an
    import), with its history and an "details changed" event naming the fields on its timeline."""
    changed = [str(form.fields[name].label) for name in form.changed_data]
    with transaction.atomic():
        form.instance._history_user = user
        case: Case = form.save()
        if changed:
            CaseEvent.objects.create(
                case=case, kind=EventKind.EDITED, actor=user, from_state=case.state, to_state=case.state,
                note="、".join(changed), data={"fields": list(form.changed_data)},
            )  # fmt: skip
    return case
