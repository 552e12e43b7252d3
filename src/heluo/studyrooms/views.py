"""The city study rooms' own pages: a room's page (its stages and their acts, hours, special days,
opening balance and monthly statistics), the act on a room, and the year plans' progress per county."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.scope import may
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView
from heluo.core.workflow import TransitionRefused

from . import rules, services
from .forms import RoomActForm
from .models import HoursKind, MonthlyStatistics, OpeningBalance, OpeningHours, Room, SpecialDay, YearPlan

# The months of statistics a room's page lists (the ledger has the rest).
RECENT_MONTHS = 12
COUNTED = ("visits", "loans", "returns", "new_cards")


class RoomDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        room = extra.get("object")
        if isinstance(room, Room):
            extra.update(room_sections(self.request, room))
        return super().context(**extra)


def room_sections(request: HttpRequest, room: Room) -> dict[str, Any]:
    """What a room's page shows besides its fields."""
    user = request.user
    today = timezone.localdate()
    deadline = room.deadline
    days_left = rules.days_left(deadline, today) if deadline is not None else None
    hours = list(room.hours.order_by("kind", "weekday", "opens"))
    statistics = MonthlyStatistics.objects.for_user(user).filter(room=room)
    balance = OpeningBalance.objects.for_user(user).filter(room=room).first()
    recorded = statistics.aggregate(**{name: Sum(name) for name in COUNTED})
    return {
        "acts": services.allowed_acts(user, room),
        "act_form": RoomActForm(),
        "deadline": deadline,
        "days_left": days_left,
        "days_overdue": -days_left if days_left is not None and days_left < 0 else 0,
        "late": rules.is_late(room.state, deadline, today),
        "stages": stage_history(room),
        "room_hours": [row for row in hours if row.kind == HoursKind.ROOM],
        "desk_hours": [row for row in hours if row.kind == HoursKind.DESK],
        "special_days": SpecialDay.objects.for_user(user)
        .filter(Q(room=room) | Q(room__isnull=True), date__gte=today)
        .order_by("date")[:10],
        "balance": balance,
        "months": statistics.order_by("-month")[:RECENT_MONTHS],
        "totals": {
            name: (recorded[name] or 0) + (getattr(balance, name) if balance is not None else 0)
            for name in COUNTED
        },
        "may_add_hours": may(user, "add", OpeningHours),
    }


def stage_history(room: Room) -> list[dict[str, Any]]:
    """The room's states in the order it took them, each with when and by whom (from its history)."""
    stages: list[dict[str, Any]] = []
    for entry in room.history.order_by("history_date", "history_id").select_related("history_user"):
        if stages and stages[-1]["state"] == entry.state:
            continue
        stages.append(
            {
                "state": entry.state,
                "label": entry.get_state_display(),
                "at": entry.history_date,
                "by": entry.history_user,
            }
        )
    return stages


class YearPlanDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        plan = extra.get("object")
        if isinstance(plan, YearPlan):
            today = timezone.localdate()
            (row,) = services.plan_rows(YearPlan.objects.filter(pk=plan.pk), today)
            rooms = (
                Room.objects.for_user(self.request.user)
                .filter(plan=plan)
                .select_related("division", "late_case")
            )
            extra["progress"] = row.progress
            extra["plan_rooms"] = [
                {
                    "room": room,
                    "deadline": room.due_on or plan.deadline,
                    "late": rules.is_late(room.state, room.due_on or plan.deadline, today),
                }
                for room in rooms
            ]
        return super().context(**extra)


@require_POST
@requires("change", Room)
def room_act(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    """Make one act of the room's workflow (开工, 装修, 建成投用, 闭馆, 重新开放) on the day given."""
    room = get_object_or_404(Room.objects.for_user(request.user), pk=pk)
    form = RoomActForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors.get("on", [])))
        return HttpResponseRedirect(room.get_absolute_url())
    try:
        room = services.move_room(request.user, room, act, on=form.cleaned_data["on"])
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request, _("%(room)s: %(state)s.") % {"room": room, "state": room.get_state_display()}
        )
    return HttpResponseRedirect(room.get_absolute_url())


@requires("view", YearPlan)
def plan_progress(request: HttpRequest) -> HttpResponse:
    """The year's plans, one row per county: rooms planned, built, under way, not started, late, and
    the days left to the deadline (negative: overdue)."""
    plans = YearPlan.objects.for_user(request.user)
    years = sorted(set(plans.values_list("year", flat=True)), reverse=True)
    today = timezone.localdate()
    year = _year(request.GET.get("year"), years[0] if years else today.year)
    rows = services.plan_rows(plans.filter(year=year), today)
    return render(
        request,
        "studyrooms/plan_progress.html",
        {
            "year": year,
            "years": sorted({*years, year}, reverse=True),
            "rows": rows,
            "total": services.plan_total(rows, today),
            "today": today,
        },
    )


def _year(text: str | None, default: int) -> int:
    """The year asked for in the link, or `default` when it is missing or not a plausible year."""
    if text and text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return default
