"""Members: the confirmation of a probationary member (转正) and the lists of the branch's members to
keep in touch with (流动党员) or to follow up (党章 art. 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.dates import date_text
from heluo.core.scope import may, visible

from ..activity import FollowUp, follow_ups
from ..models import Member, MemberStatus, PartyOrganisation
from ..rules.terms import probation_ends_on
from .organisations import current_members


def confirm_member(user: Any, member: Member, *, on: dt.date) -> Member:
    """Confirm a probationary member as a full member on `on` (转正), as `user`. Refused with nothing
    changed when the user may not change the member (PermissionDenied) or the member is not a current
    probationary member, the day is in the future or before a year of probation (ValidationError)."""
    if not may(user, "change", Member) or not visible(user, member):
        raise PermissionDenied(_("You may not change this member."))
    with transaction.atomic():
        current = Member.objects.select_for_update().get(pk=member.pk)
        if current.status != MemberStatus.PROBATIONARY or not current.is_current:
            raise ValidationError(_("Only a current probationary member can be confirmed."))
        if on > timezone.localdate():
            raise ValidationError({"on": _("The day cannot be in the future.")})
        earliest = probation_ends_on(current.joined_on)
        if on < earliest:
            raise ValidationError(
                {"on": _("The probation lasts a year: %(name)s can be confirmed from %(day)s.")
                 % {"name": current.name, "day": date_text(earliest)}}
            )  # fmt: skip
        current.status = MemberStatus.FULL
        current.confirmed_on = on
        current._history_user = user
        current.full_clean()
        current.save()
    return current


def roll(organisation: PartyOrganisation, *, tree: bool = False) -> QuerySet[Member]:
    """The current members on the roll of the organisation (and, with `tree`, of those below it)."""
    rows = current_members()
    if tree:
        return rows.filter(organisation__path__startswith=organisation.path)
    return rows.filter(organisation=organisation)


def mobile_members(user: Any) -> QuerySet[Member]:
    """The current mobile members (流动党员) the user may see, with where they are and who keeps in touch."""
    return (
        current_members()
        .filter(is_mobile=True, pk__in=Member.objects.for_user(user).values("pk"))
        .select_related("organisation", "contact_branch")
        .order_by("organisation__path", "name")
    )


def members_to_follow_up(
    members: QuerySet[Member], day: dt.date | None = None
) -> list[tuple[Member, FollowUp]]:
    """The members among `members` flagged on the day (default today) by art. 9, with the reasons."""
    day = day or timezone.localdate()
    rows = {m.pk: m for m in members.order_by("organisation__path", "name", "pk")}
    flagged = follow_ups([(pk, m.joined_on) for pk, m in rows.items()], day)
    return [(rows[f.member_id], f) for f in flagged]
