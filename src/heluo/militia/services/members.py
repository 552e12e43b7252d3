"""The roster's changes: a member registered or edited through the ledger's form, and a member's moves in,
out of and between units (出入转队), each written as a UnitMove beside the member's own history."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.scope import may, visible

from ..models import MilitiaMember, MilitiaUnit, MoveDirection, UnitMove


def _direction(from_unit: MilitiaUnit | None, to_unit: MilitiaUnit | None) -> MoveDirection:
    if from_unit is None:
        return MoveDirection.IN
    return MoveDirection.OUT if to_unit is None else MoveDirection.TRANSFER


def _record_move(
    member: MilitiaMember, from_unit: MilitiaUnit | None, to_unit: MilitiaUnit | None, on: dt.date,
    reason: str, user: Any,
) -> UnitMove:  # fmt: skip
    move = UnitMove(
        member=member, direction=_direction(from_unit, to_unit), from_unit=from_unit, to_unit=to_unit,
        moved_on=on, reason=reason,
    )  # fmt: skip
    move._history_user = user  # type: ignore[attr-defined]
    move.full_clean()
    move.save()
    return move


def move_member(
    member: MilitiaMember, to_unit: MilitiaUnit | None, on: dt.date, reason: str, user: Any
) -> UnitMove:
    """Move `member` into `to_unit` (None: out of their unit) on `on`, as `user`: the UnitMove (in, out or
    transfer) and the member's new unit in one transaction, both in the history. Refused with nothing
    changed when the user may not change the member or see the unit (PermissionDenied), or the move is
    to where the member already is, or puts a primary member in an ordinary unit (ValidationError)."""
    if not may(user, "change", MilitiaMember) or not visible(user, member):
        raise PermissionDenied(_("You may not change this militia member."))
    if to_unit is not None and not visible(user, to_unit):
        raise PermissionDenied(_("This militia unit is outside your scope."))
    with transaction.atomic():
        current = MilitiaMember.objects.select_for_update().get(pk=member.pk)
        if current.unit_id == (to_unit.pk if to_unit else None):
            raise ValidationError({"to_unit": _("The member is already there.")})
        refusal = unit_refusal(current.member_class, to_unit)
        if refusal:
            raise ValidationError({"to_unit": refusal})
        move = _record_move(current, current.unit, to_unit, on, reason, user)
        current.unit = to_unit
        current._history_user = user
        current.save()
    member.refresh_from_db()
    return move


def unit_refusal(member_class: str, unit: MilitiaUnit | None) -> str | None:
    """Why a member of this class may not be in `unit` (a primary member belongs in a primary unit)."""
    if unit is not None and member_class == "primary" and not unit.is_primary:
        return _("A primary militia member belongs in a primary militia unit.")
    return None


def save_member(form: forms.ModelForm, user: Any) -> MilitiaMember:
    """The member ledger's saver (pages, imports, API): a new member placed in a unit, or an edit that
    changes the unit, writes the move as well, in the caller's transaction."""
    member: MilitiaMember = form.instance
    member_existed = member.pk is not None
    before = MilitiaMember.objects.filter(pk=member.pk).values_list("unit_id", flat=True).first()
    with transaction.atomic():
        member._history_user = user  # type: ignore[attr-defined]
        saved: MilitiaMember = form.save()
        if saved.unit_id != before:
            from_unit = MilitiaUnit.objects.filter(pk=before).first() if before else None
            on = saved.joined_on if not member_existed else timezone.localdate()
            _record_move(saved, from_unit, saved.unit, on, "", user)
    return saved


def save_move(form: forms.ModelForm, user: Any) -> UnitMove:
    """The move ledger's saver: a new move goes through move_member; an edit corrects its day or reason
    only (the member's unit follows the moves, never an edited one)."""
    move: UnitMove = form.instance
    if move.pk:
        move._history_user = user  # type: ignore[attr-defined]
        saved: UnitMove = form.save()
        return saved
    data = form.cleaned_data
    return move_member(data["member"], data.get("to_unit"), data["moved_on"], data.get("reason", ""), user)
