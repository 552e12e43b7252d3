"""Opening a case from another module's row: the one way a sensor alarm, a failed inspection item or a
patrol report becomes a supervised case.

The module says what the case is (a `Registration`, with its source kind) and who should handle it (an
`AssignmentPolicy`: the officers it names for the row, in order, and the area the row lies in). The case
is registered by the system operator, linked to its source row, and assigned with the policy's time
limit to the first officer who has an active account that handles cases; the responsible unit is the
one the policy names (a site's contractor), else that account's unit, else the nearest government unit
at or above the area. When nobody fits, the case stays registered for a supervisor to assign, and its
timeline says why. The module learns when the case closes or reopens through its source kind's hook
(heluo.cases.sources).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from heluo.cases.models import Case
from heluo.cases.services import transitions
from heluo.cases.services.registration import Registration, register_case
from heluo.core.models import Account, Division, Person, Unit
from heluo.core.services.accounts import system_operator


@dataclass(frozen=True)
class Officer:
    """Someone who answers for a row, in the role they hold for it (网格长, 网格员 …)."""

    person: Person
    role: str = ""

    def __str__(self) -> str:
        return f"{self.role}{self.person.name}（{self.person.phone or '—'}）"


@dataclass(frozen=True)
class AssignmentPolicy:
    """Who handles a case opened from a row (see the module docstring)."""

    officers: Sequence[Officer] = ()
    # Where to look for a government unit when no officer's account names one (the row's grid or place).
    area: Division | None = None
    # The unit that must put the matter right, when the row names one (a site's contractor); else the
    # handler's unit or the area's government unit.
    unit: Unit | None = None
    days: int | None = None
    due_date: dt.date | None = None
    note: str = field(default="")


def handler_for(officers: Sequence[Officer]) -> Account | None:
    """The first officer's active account that may handle cases, in the officers' order."""
    people = [officer.person.pk for officer in officers]
    accounts = Account.objects.filter(person_id__in=people, user__is_active=True).select_related(
        "user", "unit"
    )
    by_person: dict[int, list[Account]] = defaultdict(list)
    for account in accounts.order_by("pk"):
        if account.person_id is not None:
            by_person[account.person_id].append(account)
    for person_id in people:
        for account in by_person.get(person_id, []):
            if transitions.holds(account.user, "change_case"):
                return account
    return None


def responsible_unit(area: Division | None, handler: Account | None) -> Unit | None:
    """The handler's unit, else the nearest government unit at or above `area`."""
    if handler is not None and handler.unit_id:
        return handler.unit
    division = area
    while division is not None:
        unit = Unit.objects.filter(division=division, unit_type__code="government").order_by("pk").first()
        if unit is not None:
            return unit
        division = division.parent
    return None


def open_case(registration: Registration, *, source: models.Model, policy: AssignmentPolicy,
              by: Any = None, at: dt.datetime | None = None) -> Case:  # fmt: skip
    """Register a case for `source` and assign it as `policy` says (see the module docstring).

    Registered and assigned by `by` (default: the system operator) at `at` (default: now; a demo's
    past). A registration the case engine
    refuses raises ValidationError or PermissionDenied and writes nothing; an assignment it refuses
    leaves the case registered with the reason on its timeline."""
    operator = by or system_operator()
    case = register_case(operator, registration, source=source, at=at)
    handler = handler_for(policy.officers)
    unit = policy.unit or responsible_unit(policy.area, handler)
    if handler is None or unit is None:
        transitions.add_note(
            operator,
            case,
            note=_("No one who answers for it has an account that handles cases: assign the case by hand."),
            at=at,
        )
        return case
    try:
        with transaction.atomic():
            case, _warnings = transitions.assign_case(
                operator, case, unit=unit, handler=handler, days=policy.days, due_date=policy.due_date,
                note=policy.note or _("Assigned automatically to %(handler)s.") % {"handler": handler}, at=at,
            )  # fmt: skip
    except ValidationError as error:
        transitions.add_note(
            operator,
            case,
            note=_("Not assigned automatically: %(reason)s") % {"reason": "；".join(error.messages)},
            at=at,
        )
    return case
