"""Recording a muster and roll call (集结点验): the muster and each member called, present or absent with
the reason, in one transaction, each row checked by its model's rules; the turnout (到点率) against the
reorganisation's standard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from heluo.core.scope import may

from ..models import MilitiaMember, MilitiaUnit, Muster, MusterAttendance, Reorganisation
from ..rules.composition import Turnout
from .reorganisation import muster_turnout


@dataclass(frozen=True)
class Presence:
    present: bool
    absence_reason: str = ""


@dataclass(frozen=True)
class RecordedMuster:
    muster: Muster
    turnout: Turnout

    @property
    def below_standard(self) -> bool:
        return not self.turnout.meets


def record_muster(
    user: Any,
    reorganisation: Reorganisation,
    unit: MilitiaUnit,
    held_on: dt.date,
    place: str,
    presence: Mapping[int, Presence],
    *,
    notes: str = "",
    is_demo: bool = False,
) -> RecordedMuster:
    """Record a muster of `unit` with each called member's presence ({member id: Presence}) as `user`, who
    must be allowed to add musters and see the unit and the members. All or nothing: a bad row raises
    ValidationError naming it (PermissionDenied for scope) and writes nothing."""
    if not may(user, "add", Muster) or not MilitiaUnit.objects.for_user(user).filter(pk=unit.pk).exists():
        raise PermissionDenied(_("You may not record musters of %(unit)s.") % {"unit": unit})
    with transaction.atomic():
        muster = Muster(
            reorganisation=reorganisation,
            unit=unit,
            held_on=held_on,
            place=place,
            notes=notes,
            is_demo=is_demo,
        )
        muster.full_clean()
        muster._history_user = user  # type: ignore[attr-defined]
        muster.save()
        return record_roll_call(user, muster, presence, is_demo=is_demo)


def called_members(muster: Muster) -> QuerySet[MilitiaMember]:
    """The members of the mustered unit on the roster on the muster's day: whom the roll call lists."""
    day = muster.held_on
    return (
        MilitiaMember.objects.filter(unit=muster.unit_id, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .order_by("name", "pk")
    )


def record_roll_call(
    user: Any, muster: Muster, presence: Mapping[int, Presence], *, is_demo: bool = False
) -> RecordedMuster:
    """Record (or correct) the roll call of `muster` as `user`: each member's presence ({member id:
    Presence}), a member already called updated in place. `user` must be allowed to add attendances and
    see each member. All or nothing: a bad row raises ValidationError naming the member and writes nothing."""
    if (
        not may(user, "add", MusterAttendance)
        or not Muster.objects.for_user(user).filter(pk=muster.pk).exists()
    ):
        raise PermissionDenied(_("You may not record musters of %(unit)s.") % {"unit": muster.unit})
    members = MilitiaMember.objects.for_user(user).in_bulk(list(presence))
    stored = {row.member_id: row for row in muster.attendances.all()}
    with transaction.atomic():
        for member_id, mark in presence.items():
            member = members.get(member_id)
            if member is None:
                raise PermissionDenied(_("A member called is outside your scope."))
            row = stored.get(member_id) or MusterAttendance(muster=muster, member=member, is_demo=is_demo)
            row.present, row.absence_reason = mark.present, mark.absence_reason
            try:
                row.full_clean()
            except ValidationError as error:
                raise ValidationError(
                    _("%(member)s: %(errors)s") % {"member": member, "errors": "；".join(error.messages)}
                ) from error
            row._history_user = user  # type: ignore[attr-defined]
            row.save()
    return RecordedMuster(muster, muster_turnout(muster))
