"""The cockpit's pages: the cockpit opened at the user's own division, its data as JSON for the page's
refresh, and the wall mode for a big screen."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Territory
from heluo.core.models import Account, Division
from heluo.core.models.divisions import DivisionLevel
from heluo.core.scope import scope_of

from .panels import Selection, panel_data, panels_for, period_to_date

PERIODS = ("year", "month")
# The wall's defaults, in seconds; a query parameter changes either (refresh=…, rotate=…).
WALL_REFRESH = 300
WALL_ROTATE = 20
PAGE_REFRESH = 300
# The charts' words, in the user's language.
LABELS = {
    "rate": _("on-time rate (%)"), "overdue": _("open and overdue"), "compliance": _("held as required (%)"),
    "mean": _("mean daily AQI"), "highest": _("highest daily AQI"), "alarms": _("alarms raised"),
    "total": _("total investment"), "completed": _("investment completed"), "score": _("score"),
    "in_service": _("in service"), "under_way": _("under way"), "not_started": _("not started"),
    "share": _("new-type share (%)"), "updated": _("Updated"), "pause": _("Pause"),
    "resume": _("Resume"),
}  # fmt: skip


def _home(user: Any) -> Division | None:
    """The division the user's cockpit opens at: their home division; None for the city (an unrestricted
    user, or an account whose territory is a zone's streets)."""
    scope = scope_of(user)
    if scope.unrestricted:
        return None
    account = Account.objects.select_related("home_division").filter(user=user).first()
    return account.home_division if account is not None else None


def _choices(user: Any, home: Division | None) -> list[Division]:
    """The divisions the picker offers: the home division and those one level below it, in the user's
    territory (a city user: the city's districts)."""
    level = home.level + 1 if home is not None else DivisionLevel.COUNTY
    rows = Division.objects.for_user(user).filter(valid_to__isnull=True, level__lte=level).order_by("path")
    if home is not None:
        rows = rows.filter(path__startswith=home.path)
    return list(rows)


def _selection(request: HttpRequest) -> tuple[Selection, list[Division], str]:
    """What the request opens: `division` (a code in the user's territory; anything else: 404) and `period`."""
    user = request.user
    home = _home(user)
    scope = scope_of(user)
    division = home
    code = request.GET.get("division", "")
    if code:
        division = Division.objects.for_user(user).filter(code=code, valid_to__isnull=True).first()
        if division is None or not (scope.unrestricted or division.path.startswith(scope.prefixes)):
            raise Http404("No such division in your territory.")
    if division is not None:
        territory = Territory.of(division)
    elif scope.unrestricted or not scope.prefixes:
        territory = Territory.city()
    else:
        territory = Territory(scope.prefixes)
    children = Division.objects.filter(valid_to__isnull=True).order_by("code")
    if division is not None:
        children = children.filter(parent=division)
    elif scope.unrestricted:
        children = children.filter(level=DivisionLevel.COUNTY)
    else:
        # A zone's staff: the zone's own streets, never the districts they lie in.
        children = children.filter(path__in=scope.prefixes)
    kind = request.GET.get("period") if request.GET.get("period") in PERIODS else "year"
    today = timezone.localdate()
    selection = Selection(user, division, territory, tuple(children), period_to_date(kind, today), today)
    return selection, _choices(user, home), kind


def _query(selection: Selection, kind: str) -> dict[str, str]:
    query = {"period": kind}
    if selection.division is not None:
        query["division"] = selection.division.code
    return query


def cockpit_view(request: HttpRequest) -> HttpResponse:
    """The cockpit opened at the user's own division (the home of leaders, departments and division staff)."""
    return _page(request, wall=request.GET.get("wall") == "1")


def wall_view(request: HttpRequest) -> HttpResponse:
    """The cockpit for a big screen: no sidebar, one panel at a time in turn, refreshing itself."""
    return _page(request, wall=True)


def _seconds(request: HttpRequest, name: str, default: int) -> int:
    text = request.GET.get(name, "")
    return max(1, min(int(text), 3600)) if text.isdigit() else default


def _page(request: HttpRequest, *, wall: bool) -> HttpResponse:
    selection, choices, kind = _selection(request)
    panels = panels_for(request.user)
    query = _query(selection, kind)
    data, at = panel_data(panels, selection)
    context = {
        "panels": [(panel, reverse(panel.url_name), data[panel.key]["figures"]) for panel in panels],
        "data": data,
        "labels": LABELS,
        "data_url": f"{reverse('dashboards:cockpit_data')}?{urlencode(query)}",
        "wall_url": f"{reverse('dashboards:cockpit_wall')}?{urlencode(query)}",
        "selection": selection,
        "choices": choices,
        "kind": kind,
        "wall": wall,
        "refresh": _seconds(request, "refresh", WALL_REFRESH if wall else PAGE_REFRESH),
        "rotate": _seconds(request, "rotate", WALL_ROTATE),
        "at": timezone.localtime(at),
    }
    return render(request, "dashboards/cockpit/cockpit.html", context)


def cockpit_data(request: HttpRequest) -> JsonResponse:
    """The panels' data for the same division and period as the page, for its refresh: only the panels the
    user's roles cover are in it."""
    selection, _offered, _kind = _selection(request)
    panels = panels_for(request.user)
    data, at = panel_data(panels, selection)
    return JsonResponse({"panels": data, "at": timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S")})
