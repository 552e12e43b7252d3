"""Each role's home at `/` (core.homes asks `role_home` first): the cockpit for those who lead or
administer a territory, a day's work list for supervisors and grid officers, a module's summary and work
list for the module roles (heluo.dashboards.homes.choice says which, by the user's roles)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heluo.core.models import Role
from heluo.core.scope import may
from heluo.dashboards.cockpit.views import cockpit_view
from heluo.party.models import DuesPayment, Meeting
from heluo.studyrooms import services as rooms
from heluo.studyrooms.models import YearPlan

from . import choice, services


def grid_officer(request: HttpRequest) -> HttpResponse:
    return render(
        request, "dashboards/homes/grid_officer.html", {"home": services.grid_officer_home(request.user)}
    )


def supervisor(request: HttpRequest) -> HttpResponse:
    return render(
        request, "dashboards/homes/supervisor.html", {"home": services.supervisor_home(request.user)}
    )


def party(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "home": services.party_home(user),
        "may_meetings": may(user, "view", Meeting),
        "may_dues": may(user, "view", DuesPayment),
    }
    return render(request, "dashboards/homes/party.html", context)


def militia(request: HttpRequest) -> HttpResponse | None:
    home = services.militia_home(request.user)
    return render(request, "dashboards/homes/militia.html", {"home": home}) if home is not None else None


def studyrooms(request: HttpRequest) -> HttpResponse:
    context = {
        "home": services.studyrooms_home(request.user),
        "may_plans": may(request.user, "view", YearPlan),
        "late_kind": rooms.SOURCE_KIND,
    }
    return render(request, "dashboards/homes/studyrooms.html", context)


HOMES: dict[str, Callable[[HttpRequest], HttpResponse | None]] = {
    choice.COCKPIT: cockpit_view,
    choice.SUPERVISOR: supervisor,
    choice.GRID_OFFICER: grid_officer,
    choice.PARTY: party,
    choice.MILITIA: militia,
    choice.STUDYROOMS: studyrooms,
}


def role_codes(user: Any) -> list[str]:
    return list(Role.objects.filter(accounts__user=user).values_list("code", flat=True))


def role_home(request: HttpRequest) -> HttpResponse | None:
    """The home of the user's first role in choice.PRIORITY; None (the next provider, at last core's start
    page) for a chief service officer, whose home the enterprise module gives, and for roles with none."""
    if not request.user.is_authenticated:
        return None
    page = HOMES.get(choice.home_of(role_codes(request.user)) or "")
    return page(request) if page is not None else None
