"""The cockpit's panels: what each shows, for whom, and the list behind it.

Every number is read from core's figures registry (`value`, `series`, `breakdown`) or from the function
a module's own page and figures call (cases' `tally`, monitoring's rollups, dust's assessment ranking):
the cockpit computes no figure of its own. A panel is shown to a user whose roles cover its model —
militia only to roles that name it (`scope.covers`) — and its data is a plain dict the page's script draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from heluo.cases import figures as case_figures
from heluo.cases import tallies
from heluo.cases.models import Case
from heluo.cases.services import statistics
from heluo.cases.tallies import Tally
from heluo.core.figures import Period, Reading, Territory, figure, series, value
from heluo.core.figures.registry import Number
from heluo.core.models import Division
from heluo.core.models.divisions import DivisionLevel
from heluo.core.scope import covers, may, scope_of
from heluo.dust.models import AssessmentScheme, Site
from heluo.dust.services import assessment
from heluo.enterprise.cooperation.models import CooperationProgress
from heluo.monitoring import figures as monitoring_figures
from heluo.monitoring.services import overview

# Days of the air panel's history, and years of the cooperation ledger's investment.
AIR_DAYS = 30
INVESTMENT_YEARS = 5


@dataclass(frozen=True)
class Selection:
    """What the cockpit is opened at: a division (None: the city) with its territory, the divisions one
    level below it (the breakdowns), the period, and the user whose scope narrows the lists and the map."""

    user: Any
    division: Division | None
    territory: Territory
    children: tuple[Division, ...]
    period: Period
    today: dt.date


@dataclass(frozen=True)
class Panel:
    key: str
    title: Promise
    # "app.Model": the panel is the user's when they may view it (its module covered, its permission held).
    model: str
    url_name: str
    build: Callable[[Selection], dict[str, Any]]

    def shown_to(self, user: Any) -> bool:
        model = apps.get_model(self.model)
        return covers(scope_of(user), model) and may(user, "view", model)


def number(amount: Number | None) -> float | int | None:
    """A figure's number for JSON (Decimals as floats, for the charts only: texts carry the exact value)."""
    return float(amount) if isinstance(amount, Decimal) else amount


def reading(item: Reading) -> dict[str, Any]:
    return {"label": str(item.figure.label), "number": number(item.number), "text": item.text}


def readings(selection: Selection, *keys: str) -> dict[str, dict[str, Any]]:
    return {key: reading(value(key, selection.territory, selection.period)) for key in keys}


def written(key: str, selection: Selection, amount: Number | None) -> Reading:
    """A number a module's function gave, as the figure `key` (computed by that same function) writes it."""
    return Reading(figure(key), selection.territory, selection.period, amount)


# --- the panels ------------------------------------------------------------------------------------


def supervision(selection: Selection) -> dict[str, Any]:
    """On-time rate and open overdue cases, in total and by the divisions below, from the tallies the
    supervision figures are columns of: the statistics page's by district for a city's districts, else
    cases.figures.tally per division."""
    if selection.children and all(child.level == DivisionLevel.COUNTY for child in selection.children):
        # The districts: the statistics page's one grouped query, whose total row is the figures' tally.
        cases = selection.territory.filter(Case.objects.all(), "division")
        by_code = {item.key: item for item in statistics.by_division(cases, selection.period)}
        total = tallies.total(by_code.values(), "")
        per_child = [
            by_code.get(child.code, Tally(child.code, child.display_name)) for child in selection.children
        ]
    else:
        total = case_figures.tally(selection.territory, selection.period)
        per_child = [
            case_figures.tally(Territory.of(child), selection.period) for child in selection.children
        ]
    rows = [
        {"code": child.code, "name": child.display_name, "rate": number(tally.on_time_rate),
         "overdue": tally.open_overdue, "closed": tally.closed}
        for child, tally in zip(selection.children, per_child, strict=True)
    ]  # fmt: skip
    return {
        "figures": {
            "cases.received": reading(written("cases.received", selection, total.received)),
            "cases.closed": reading(written("cases.closed", selection, total.closed)),
            "cases.on_time_rate": reading(written("cases.on_time_rate", selection, total.on_time_rate)),
            "cases.open_overdue": reading(written("cases.open_overdue", selection, total.open_overdue)),
        },
        "divisions": rows,
    }


def air(selection: Selection) -> dict[str, Any]:
    """The monitors of the territory the user sees, on the offline map by the AQI of their latest hour;
    the daily AQI and the alarms raised over the last 30 days."""
    monitors = selection.territory.filter(overview.live_monitors(selection.user), "point__division")
    first = selection.today - dt.timedelta(days=AIR_DAYS - 1)
    days = [first + dt.timedelta(days=n) for n in range(AIR_DAYS)]
    alarms = monitoring_figures.alarms_raised_by_day(selection.territory, Period(first, selection.today))
    live = overview.points_of(monitors)
    return {
        "figures": readings(selection, "monitoring.monitors", "monitoring.alarms_raised"),
        "points": live["points"],
        "levels": live["counts"],
        "days": overview.daily_aqi(monitors, first, selection.today),
        "alarms": [{"day": day.isoformat(), "count": alarms.get(day, 0)} for day in days],
        "county": selection.division.code[:6] if selection.division is not None else "",
    }


def dust(selection: Selection) -> dict[str, Any]:
    """Inspections and enforcement in the period, and the latest assessment's ranking of the territory's
    districts (or contractors), as the assessment page ranks them."""
    scheme = (
        AssessmentScheme.objects.for_user(selection.user)
        .filter(period_start__lte=selection.today)
        .order_by("-period_end", "-pk")
        .first()
    )
    ranking = []
    if scheme is not None:
        sites = selection.territory.filter(Site.objects.all(), "division")
        ranking = [{"rank": r.rank, "name": r.score.subject.name, "total": number(r.score.total)}
                   for r in assessment.ranking(scheme, sites)]  # fmt: skip
    return {
        "figures": readings(selection, "dust.sites", "dust.inspections", "dust.inspection_pass_rate",
                            "dust.measures", "dust.stop_work_in_force"),
        "scheme": {"name": scheme.name, "pk": scheme.pk} if scheme is not None else None,
        "ranking": ranking,
    }  # fmt: skip


def party(selection: Selection) -> dict[str, Any]:
    rows = [
        {"code": child.code, "name": child.display_name,
         "rate": number(value("party.meeting_compliance", Territory.of(child), selection.period).number)}
        for child in selection.children
    ]  # fmt: skip
    return {
        "figures": readings(selection, "party.meeting_compliance", "party.meetings_held"),
        "divisions": rows,
    }


def militia(selection: Selection) -> dict[str, Any]:
    """Aggregates only: the reorganisation's strength, the new-type share against its 20 % floor, the
    targets met and the muster turnout — never a member."""
    return {
        "figures": readings(selection, "militia.primary_strength", "militia.new_type_share",
                            "militia.targets_met", "militia.muster_turnout"),
        "floor": 20,
    }  # fmt: skip


def studyrooms(selection: Selection) -> dict[str, Any]:
    return {
        "figures": readings(
            selection, "studyrooms.plan_rooms", "studyrooms.plan_in_service", "studyrooms.plan_under_way"
        ),
        "year": selection.period.end.year,
    }


def enterprise(selection: Selection) -> dict[str, Any]:
    """The cooperation ledger's investment, planned and completed, over its last five years up to this
    one (a ledger kept until 2019 shows 2015–2019, not five empty years), and its projects in the last."""
    kept = selection.territory.filter(
        CooperationProgress.objects.filter(year__lte=selection.today.year), "project__division"
    ).aggregate(last=Max("year"))["last"]
    last = kept or selection.today.year
    years = [Period.year(year) for year in range(last - INVESTMENT_YEARS + 1, last + 1)]
    total = series("enterprise.cooperation.total_investment", selection.territory, years)
    done = series("enterprise.cooperation.completed_investment", selection.territory, years)
    projects = reading(value("enterprise.cooperation.projects", selection.territory, years[-1]))
    projects["label"] = f"{projects['label']}（{last}）"
    return {
        "figures": {"enterprise.cooperation.projects": projects},
        "years": [{"year": t.period.start.year, "total": number(t.number), "total_text": t.text,
                   "completed": number(d.number), "completed_text": d.text} for t, d in zip(total, done, strict=True)],
    }  # fmt: skip


PANELS = (
    Panel("supervision", _("Supervision: on time and overdue"), "cases.Case", "cases:statistics", supervision),
    Panel("air", _("Dust alarms and air quality"), "monitoring.Monitor", "monitoring:live_map", air),
    Panel("dust", _("Inspections, enforcement and assessment"), "dust.Inspection", "dust:inspection_list", dust),
    Panel("party", _("Party meetings held as required"), "party.Meeting", "party:meeting_list", party),
    Panel("militia", _("Militia reorganisation"), "militia.Reorganisation", "militia:reorganisation_list", militia),
    Panel("studyrooms", _("City study rooms: the year's plan"), "studyrooms.YearPlan", "studyrooms:plan_progress",
          studyrooms),
    Panel("enterprise", _("Enterprise cooperation: investment by year"), "enterprise.CooperationProject",
          "enterprise:cooperation_years", enterprise),
)  # fmt: skip


def panels_for(user: Any) -> list[Panel]:
    return [panel for panel in PANELS if panel.shown_to(user)]


def _cache_key(panel: Panel, selection: Selection) -> str:
    division = selection.division.code if selection.division is not None else ""
    period = selection.period
    return f"cockpit:{panel.key}:{selection.user.pk}:{division}:{period.start}:{period.end}:{get_language()}"


def panel_data(panels: list[Panel], selection: Selection) -> tuple[dict[str, Any], dt.datetime]:
    """Each panel's data and when the oldest of them was computed. A panel's data is kept for
    HELUO_COCKPIT_CACHE_SECONDS per user, division, period and language: the leaders' screens and the
    walls refresh every few minutes, and a year of a city's rows takes a few hundred milliseconds to
    count (docs/benchmarks.md)."""
    keys = {panel.key: _cache_key(panel, selection) for panel in panels}
    kept = cache.get_many(list(keys.values()))
    data, computed = {}, []
    for panel in panels:
        at, data[panel.key] = kept.get(keys[panel.key]) or (timezone.now(), panel.build(selection))
        computed.append(at)
        if keys[panel.key] not in kept and settings.HELUO_COCKPIT_CACHE_SECONDS:
            cache.set(keys[panel.key], (at, data[panel.key]), settings.HELUO_COCKPIT_CACHE_SECONDS)
    return data, min(computed, default=timezone.now())


def period_to_date(kind: str, today: dt.date | None = None) -> Period:
    """This year or this month up to today — the period leaders mean by "so far"."""
    today = today or timezone.localdate()
    start = today.replace(month=1, day=1) if kind == "year" else today.replace(day=1)
    return Period(start, today)
