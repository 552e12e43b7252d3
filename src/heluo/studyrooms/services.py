"""The city study rooms' acts and the year plan's supervision.

A room moves 计划 → 开工 → 装修 → 建成投用 → 闭馆 only through `move_room` (the room's workflow), each
act setting its date. A room of a year plan that is not in service by its own due date, else its plan's
deadline (heluo.studyrooms.rules), becomes one supervision case of the cases engine
(`open_late_room_cases`, run by the periodic task and `heluo studyrooms scan`); the room's opening
closes that case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.cases.models import OPEN_STATES, Case, CaseCategory, State
from heluo.cases.services import transitions
from heluo.cases.services.opening import AssignmentPolicy, Officer, open_case
from heluo.cases.services.registration import Registration
from heluo.core.dates import date_text
from heluo.core.models import Account, Division, DivisionLevel
from heluo.core.models.divisions import PATH_LENGTH
from heluo.core.scope import scope_of
from heluo.core.services.accounts import system_operator
from heluo.core.workflow import Transition, Workflow, transition

from . import rules
from .models import Room, RoomState, YearPlan

SOURCE_KIND = "studyroom_late"
# A room is a public-service project for residents (民生实事).
CASE_CATEGORY = "livelihood"
# The role whose holders answer for the rooms of their division (the 书香洛阳 office).
OFFICE_ROLE = "culture_office"

S = RoomState
ROOMS: Workflow[Room] = Workflow(
    Room,
    [
        transition("start", gettext_lazy("Construction started"), [S.PLANNED], S.STARTED, "change_room"),
        transition("fit_out", gettext_lazy("Fitting out"), [S.PLANNED, S.STARTED], S.FITTING_OUT, "change_room"),
        transition("open", gettext_lazy("Opened"), [S.PLANNED, S.STARTED, S.FITTING_OUT], S.IN_SERVICE,
                   "change_room"),
        transition("close", gettext_lazy("Closed down"), [S.IN_SERVICE], S.CLOSED, "change_room"),
        transition("reopen", gettext_lazy("Reopened"), [S.CLOSED], S.IN_SERVICE, "change_room"),
    ],
)  # fmt: skip
# The date each act sets, in the order of the stages: none may come before an earlier stage's.
DATE_OF_ACT = {"start": "started_on", "fit_out": "fitting_out_on", "open": "opened_on", "close": "closed_on"}
STAGE_DATES = tuple(DATE_OF_ACT.values())


def move_room(user: Any, room: Room, act: str, *, on: dt.date | None = None) -> Room:
    """Make act `act` of the room's workflow as `user` on day `on` (default today), setting that act's
    date (a reopening clears the closing day). Refused, with nothing changed, when the user may not act
    (PermissionDenied), the room's state does not allow it (TransitionRefused) or the day is in the
    future or before an earlier stage's day (ValidationError). Opening the room closes its late case
    in the same transaction."""
    if act not in ROOMS.table:
        raise ValidationError(_("Unknown act: %(act)s.") % {"act": act})
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"on": _("The day cannot be in the future.")})

    def changes(current: Room) -> dict[str, Any]:
        if act == "reopen":
            return {"closed_on": None}
        field = DATE_OF_ACT[act]
        earlier = [getattr(current, name) for name in STAGE_DATES[: STAGE_DATES.index(field)]]
        latest = max((d for d in earlier if d is not None), default=None)
        if latest is not None and day < latest:
            raise ValidationError({"on": _("The day cannot be before %(day)s, the room's previous stage.")
                                   % {"day": date_text(latest)}})  # fmt: skip
        return {field: day}

    return ROOMS.act(user, room, act, changes=changes, record=_opened_closes_case)


def _opened_closes_case(updated: Room, current: Room, act: Transition) -> None:
    if updated.state == S.IN_SERVICE and updated.late_case_id is not None:
        close_late_case(updated)


def allowed_acts(user: Any, room: Room) -> list[Transition]:
    """The acts `user` may make on `room` now (the buttons of its page)."""
    return ROOMS.allowed(user, room)


def covers_city(user: Any) -> bool:
    """Whether `user`'s territory is a whole city: only such users set a special day for every room."""
    scope = scope_of(user)
    city = PATH_LENGTH[DivisionLevel.CITY]
    return scope.unrestricted or any(len(prefix) <= city for prefix in scope.prefixes)


def refuse_city_wide_change(user: Any, day: Any) -> str | None:
    """The special days ledger's refusal: a day for every room is the city's to change."""
    if day.room_id is None and not covers_city(user):
        return _("A day for every room of the city is the city's to change.")
    return None


# --- the year plan -------------------------------------------------------------------------------


def late_rooms(today: dt.date) -> QuerySet[Room]:
    """Rooms not built whose deadline (their own, else their plan's) is before `today` and that have no
    late case yet: the database's reading of rules.is_late, which the scan checks again per room."""
    past_deadline = Q(due_on__lt=today) | Q(due_on__isnull=True, plan__deadline__lt=today)
    return Room.objects.filter(past_deadline, state__in=rules.NOT_BUILT, late_case__isnull=True)


def open_late_room_cases(now: dt.datetime | None = None) -> int:
    """Open one case for every late room without one (see the module docstring); returns how many
    opened. Safe to run twice or in two processes at once: each room is locked and read again before
    its case opens, and gets one case only — a room whose case was closed or cancelled gets no second."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    opened = 0
    for pk in late_rooms(today).values_list("pk", flat=True):
        with transaction.atomic():
            room = (
                Room.objects.select_for_update(of=("self",))
                .select_related("division", "plan__division")
                .filter(pk=pk, late_case__isnull=True)
                .first()
            )
            if room is None or not rules.is_late(room.state, room.deadline, today):
                continue
            room.late_case = _open_case(room, now)
            room._history_user = None
            room.save(update_fields=["late_case", "updated_at", "row_version"])
            opened += 1
    return opened


def _open_case(room: Room, now: dt.datetime) -> Case:
    deadline = room.deadline
    assert deadline is not None  # a late room has one
    plan = room.plan
    registration = Registration(
        title=_title(room.name, deadline),
        category=CaseCategory.objects.get(code=CASE_CATEGORY),
        division=room.division,
        description=_(
            "The city study room %(room)s (%(address)s) of the %(plan)s was due in service by %(deadline)s "
            "and is “%(state)s”."
        )
        % {
            "room": room.name,
            "address": room.address,
            "plan": plan if plan is not None else _("year plan"),
            "deadline": date_text(deadline),
            "state": room.get_state_display(),
        },
        source_kind=SOURCE_KIND,
        source_reference=f"ROOM-{room.pk}",
        address=room.address,
        time_limit_days=settings.STUDYROOMS_LATE_CASE_DAYS,
        requirements=_("Open the room, or report how and by when it will open."),
    )
    policy = AssignmentPolicy(
        officers=_officers(room.division), area=room.division, days=settings.STUDYROOMS_LATE_CASE_DAYS
    )
    return open_case(registration, source=room, policy=policy, at=now)


def _title(name: str, deadline: dt.date) -> str:
    text = _("City study room %(room)s not in service by %(deadline)s")
    return (text % {"room": name, "deadline": date_text(deadline)})[:200]


def _officers(division: Division) -> list[Officer]:
    """The culture office's staff who answer for `division`: those of the nearest division first."""
    accounts = (
        Account.objects.filter(
            Q(home_division=division) | Q(home_division__in=division.ancestors()),
            roles__code=OFFICE_ROLE,
            user__is_active=True,
            person__isnull=False,
        )
        .select_related("person", "home_division")
        .order_by("-home_division__level", "pk")
        .distinct()
    )
    return [Officer(account.person, str(_("city study room office"))) for account in accounts]


def close_late_case(room: Room, *, at: dt.datetime | None = None) -> Case | None:
    """Close the room's open late case now that it is in service, as the system operator: a case in
    the handler's hands is answered with the opening and closed; one never assigned, or suspended, is
    cancelled with the same reason. Returns the case, or None when it had none open."""
    case = room.late_case
    if case is None or case.state not in OPEN_STATES:
        return None
    operator = system_operator()
    note = _("The city study room opened on %(day)s.") % {"day": date_text(room.opened_on)}
    if case.state in (State.ASSIGNED, State.IN_PROGRESS, State.RETURNED):
        case = transitions.reply_case(operator, case, note=note, at=at)
    if case.state == State.REPLIED:
        return transitions.close_case(operator, case, note=note, at=at)
    return transitions.cancel_case(operator, case, reason=note, at=at)


@dataclass(frozen=True)
class PlanRow:
    """A county's plan of a year with its progress on the day asked."""

    plan: YearPlan
    progress: rules.Progress


def plan_rows(plans: QuerySet[YearPlan], today: dt.date) -> list[PlanRow]:
    """Each plan's progress on `today` (one query for the plans, one for their rooms)."""
    plans = plans.select_related("division").order_by("division__code")
    rooms: dict[int, list[tuple[str, dt.date | None]]] = {}
    for plan_id, state, due_on in Room.objects.filter(plan__in=plans).values_list(
        "plan_id", "state", "due_on"
    ):
        rooms.setdefault(plan_id, []).append((state, due_on))
    return [
        PlanRow(plan, rules.plan_progress(plan.planned_rooms, rooms.get(plan.pk, []), plan.deadline, today))
        for plan in plans
    ]


def plan_total(rows: list[PlanRow], today: dt.date) -> rules.Progress | None:
    """The year's progress over the counties shown: their sums, counted to the latest deadline."""
    if not rows:
        return None
    deadline = max(row.plan.deadline for row in rows)
    counts = {
        name: sum(getattr(row.progress, name) for row in rows)
        for name in ("planned", "built", "under_way", "not_started", "late")
    }
    return rules.Progress(**counts, days_left=rules.days_left(deadline, today))
