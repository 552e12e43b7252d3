"""Transfers of a member's organisation relation (组织关系转接).

A letter out is issued (`issue_transfer`) and is valid until its lapse day (3 months, 6 across
provinces: heluo.party.rules.terms). Received before then (`receive_transfer`), the member leaves the
branch (transferred out) and, when the receiving branch is in Heluo, a new member row joins its roll
with a received transfer in. A member coming from outside Heluo joins through `receive_transfer_in`.
A letter not received by its lapse day lapses (`lapse_transfers`, by the hourly scan) and can no longer
be received; a new letter is needed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.dates import date_text
from heluo.core.scope import may, visible

from ..models import LeftReason, Member, PartyOrganisation, Transfer, TransferDirection, TransferState
from ..rules.terms import letter_lapses_on

# The member's fields a receiving branch takes over.
CARRIED = (
    "person", "name", "gender", "id_number", "birth_date", "phone", "status", "joined_on", "confirmed_on",
    "under_probation_discipline", "discipline_until", "dues_category", "monthly_income", "is_mobile",
    "mobile_location", "mobile_contact",
)  # fmt: skip


def _check(user: Any, action: str, model: type, row: Any = None) -> None:
    if not may(user, action, model) or (row is not None and not visible(user, row)):
        raise PermissionDenied(_("You may not do this."))


def save_transfer(form: Any, user: Any) -> Transfer:
    """The transfers ledger's saver: a new row is a letter issued for a current member (refused when the
    member has left or already has a letter pending); an edit changes only its words."""
    transfer: Transfer = form.instance
    if transfer.pk is None:
        refusal = issue_refusal(transfer.member)
        if refusal:
            raise ValidationError({"member": refusal})
    transfer._history_user = user
    return form.save()


def issue_refusal(member: Member) -> str | None:
    if not member.is_current:
        return _("%(name)s is no longer on a roll: no letter can be issued.") % {"name": member.name}
    if member.transfers.filter(state=TransferState.ISSUED).exists():
        return _("%(name)s already has a transfer letter pending.") % {"name": member.name}
    return None


def issue_transfer(
    user: Any, member: Member, *, counterpart: str, issued_on: dt.date, across_provinces: bool = False,
    counterpart_organisation: PartyOrganisation | None = None, notes: str = "",
) -> Transfer:  # fmt: skip
    """Issue a transfer letter out for a current member, as `user`; refused (nothing written) when the
    member has left or has a letter pending (ValidationError) or the user may not (PermissionDenied)."""
    _check(user, "add", Transfer, member)
    refusal = issue_refusal(member)
    if refusal:
        raise ValidationError(refusal)
    transfer = Transfer(
        member=member, direction=TransferDirection.OUT, counterpart=counterpart or str(counterpart_organisation),
        counterpart_organisation=counterpart_organisation, across_provinces=across_provinces,
        letter_issued_on=issued_on, notes=notes,
    )  # fmt: skip
    transfer._history_user = user
    transfer.full_clean()
    transfer.save()
    return transfer


def _refuse_lapsed(lapses_on: dt.date, on: dt.date) -> None:
    if on >= lapses_on:
        raise ValidationError(
            {"on": _("The transfer letter lapsed on %(day)s: it can no longer be received; a new letter is "
                     "needed.") % {"day": date_text(lapses_on)}}
        )  # fmt: skip


def receive_transfer(user: Any, transfer: Transfer, *, on: dt.date) -> Transfer:
    """Record that the letter was received on `on`, before its lapse day: the member leaves the branch
    (transferred out) and, when the receiving branch is in Heluo, joins its roll as a new member row
    with a received transfer in. Refused with nothing changed when the letter is not pending, lapsed,
    or the day is in the future or before the letter (ValidationError)."""
    _check(user, "change", Transfer, transfer)
    with transaction.atomic():
        current = Transfer.objects.select_for_update().select_related("member").get(pk=transfer.pk)
        if current.state != TransferState.ISSUED:
            raise ValidationError(
                _("The letter is “%(state)s”: only a pending letter is received.")
                % {"state": current.get_state_display()}
            )
        if on > timezone.localdate():
            raise ValidationError({"on": _("The day cannot be in the future.")})
        if on < current.letter_issued_on:
            raise ValidationError({"on": _("A letter is received on or after the day it was issued.")})
        _refuse_lapsed(current.lapses_on, on)
        current.state = TransferState.RECEIVED
        current.received_on = on
        current._history_user = user
        current.save()
        member = current.member
        member.left_on = on
        member.left_reason = LeftReason.TRANSFERRED_OUT
        member._history_user = user
        member.save()
        target = current.counterpart_organisation
        if target is not None:
            joined = Member(organisation=target, **{name: getattr(member, name) for name in CARRIED})
            joined._history_user = user
            joined.full_clean()
            joined.save()
            incoming = Transfer(
                member=joined, direction=TransferDirection.IN, counterpart=str(member.organisation),
                counterpart_organisation=member.organisation, across_provinces=current.across_provinces,
                letter_issued_on=current.letter_issued_on, state=TransferState.RECEIVED, received_on=on,
            )  # fmt: skip
            incoming._history_user = user
            incoming.save()
    return current


def receive_transfer_in(
    user: Any, member: Member, *, counterpart: str, issued_on: dt.date, on: dt.date, across_provinces: bool = False,
) -> Transfer:  # fmt: skip
    """A member coming from outside Heluo: `member` (unsaved, on the receiving branch's roll) joins with
    the letter received on `on`. Refused with nothing written when the letter lapsed before `on`."""
    _check(user, "add", Member)
    lapses_on = letter_lapses_on(issued_on, across_provinces=across_provinces)
    _refuse_lapsed(lapses_on, on)
    with transaction.atomic():
        member._history_user = user
        member.full_clean()
        member.save()
        transfer = Transfer(
            member=member, direction=TransferDirection.IN, counterpart=counterpart, across_provinces=across_provinces,
            letter_issued_on=issued_on, state=TransferState.RECEIVED, received_on=on,
        )  # fmt: skip
        transfer._history_user = user
        transfer.save()
    return transfer


def return_transfer(user: Any, transfer: Transfer) -> Transfer:
    """The letter came back unused (退回): the member stays on the roll. Only a pending letter."""
    _check(user, "change", Transfer, transfer)
    with transaction.atomic():
        current = Transfer.objects.select_for_update().get(pk=transfer.pk)
        if current.state != TransferState.ISSUED:
            raise ValidationError(_("Only a pending letter can be returned."))
        current.state = TransferState.RETURNED
        current._history_user = user
        current.save()
    return current


def lapse_transfers(now: dt.datetime | None = None) -> int:
    """Mark every pending letter whose lapse day has come lapsed; returns how many. Idempotent and safe
    in two processes: each row moves with compare-and-set and its history."""
    today = timezone.localdate(now or timezone.now())
    lapsed = 0
    for pk in Transfer.objects.filter(state=TransferState.ISSUED, lapses_on__lte=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            transfer = Transfer.objects.select_for_update().filter(pk=pk, state=TransferState.ISSUED).first()
            if transfer is None:
                continue
            transfer.state = TransferState.LAPSED
            transfer._history_user = None
            transfer.save()
            lapsed += 1
    return lapsed
