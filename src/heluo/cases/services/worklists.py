"""The work lists of a person's day: the cases that are theirs to handle, those due today, and the
replies waiting for their unit's verification. Each is one condition, used by the case list's filters
and by the role homes (heluo.dashboards), so a home's count and the list it links to agree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from heluo.cases.models import OPEN_STATES, OWING_STATES, Case, State
from heluo.core.scope import scope_of


def mine_q(user: Any) -> Q:
    """Cases the user handles, or their unit's when nobody is named."""
    mine = Q(handler__user_id=getattr(user, "pk", None))
    unit_id = scope_of(user).unit_id
    if unit_id:
        mine |= Q(responsible_unit_id=unit_id, handler__isnull=True)
    return mine


def due_on_q(day: dt.date) -> Q:
    """Cases still owing an answer whose deadline's last day is `day` (a deadline ending at 24:00 is
    stored as 00:00 of the next day, as heluo.core.dates.deadline_day reads it)."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return Q(state__in=OWING_STATES, due_at__gt=start, due_at__lte=start + dt.timedelta(days=1))


def to_verify_q(user: Any) -> Q:
    """Replies waiting for verification by the user's unit as supervising unit; for a supervisor with
    no unit, every reply they see."""
    unit_id = scope_of(user).unit_id
    return Q(state=State.REPLIED, supervising_unit_id=unit_id) if unit_id else Q(state=State.REPLIED)


def my_open_cases(user: Any) -> QuerySet[Case]:
    """The user's open cases by deadline, the earliest (so the overdue) first, cases without one last."""
    return (
        Case.objects.for_user(user)
        .filter(mine_q(user), state__in=OPEN_STATES)
        .select_related("division", "responsible_unit")
        .order_by("due_at", "pk")
    )


def due_today(user: Any, today: dt.date | None = None) -> QuerySet[Case]:
    """The cases the user sees whose deadline ends today and that still owe an answer."""
    day = today or timezone.localdate()
    return (
        Case.objects.for_user(user)
        .filter(due_on_q(day))
        .select_related("division", "responsible_unit")
        .order_by("due_at", "pk")
    )


def to_verify(user: Any) -> QuerySet[Case]:
    """The replies the user's unit is to verify, the longest waiting first."""
    return (
        Case.objects.for_user(user)
        .filter(to_verify_q(user))
        .select_related("division", "responsible_unit")
        .order_by("replied_at", "pk")
    )
