"""The figures the service desk publishes (企业反映问题台账, 首席服务官), counted from the rows only: a
territory's enterprises (by their division) over a period. "On time" is the cases' rule (cases.tallies):
the accepted reply came by the original deadline."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import F, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from heluo.cases.models import State
from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from . import rules
from .models import FollowUp, OfficerAssignment, Problem, Satisfaction, Visit

PLACE = "enterprise__division"
Compute = Callable[[Territory, Period], int | Decimal]


def problems_raised(territory: Territory, period: Period) -> int:
    return territory.filter(
        Problem.objects.filter(raised_on__range=(period.start, period.end)), PLACE
    ).count()


def _solved(period: Period) -> Q:
    return Q(
        case__state=State.CLOSED, case__closed_at__gte=period.start_at, case__closed_at__lt=period.end_at
    )


def problems_solved(territory: Territory, period: Period) -> int:
    return territory.filter(Problem.objects.filter(_solved(period)), PLACE).count()


def problems_solved_on_time(territory: Territory, period: Period) -> int:
    on_time = Q(case__replied_at__lte=F("case__original_due_at"))
    return territory.filter(Problem.objects.filter(_solved(period) & on_time), PLACE).count()


def problems_open(territory: Territory, period: Period) -> int:
    """Raised by the period's end and not closed by then (cancelled cases left out)."""
    still_open = Q(case__closed_at__isnull=True) | Q(case__closed_at__gte=period.end_at)
    rows = Problem.objects.filter(raised_on__lte=period.end).exclude(case__state=State.CANCELLED)
    return territory.filter(rows.filter(still_open), PLACE).count()


def satisfaction_rate(territory: Territory, period: Period) -> Decimal:
    calls = territory.filter(
        FollowUp.objects.filter(called_on__range=(period.start, period.end)), f"problem__{PLACE}"
    )
    answered = calls.count()
    satisfied = calls.exclude(satisfaction=Satisfaction.UNSATISFIED).count()
    return rules.satisfaction_rate(satisfied, answered)


def visits_made(territory: Territory, period: Period) -> int:
    return territory.filter(Visit.objects.filter(date__range=(period.start, period.end)), PLACE).count()


def enterprises_served(territory: Territory, period: Period) -> int:
    """Enterprises with a chief service officer at some time in the period."""
    rows = OfficerAssignment.objects.filter(start__lte=period.end).filter(
        Q(end__isnull=True) | Q(end__gte=period.start)
    )
    return territory.filter(rows, PLACE).values("enterprise_id").distinct().count()


def _figure(name: str, label: Promise, compute: Compute, description: Promise, **writing: Any) -> Figure:
    return Figure(f"enterprise.service.{name}", label, "enterprise", compute=compute, description=description,
                  **writing)  # fmt: skip


FIGURES = (
    _figure("problems_raised", _("problems raised by enterprises"), problems_raised,
            _("Problems enterprises of the territory raised in the period."), unit="个"),
    _figure("problems_solved", _("enterprise problems solved"), problems_solved,
            _("Problems whose case was verified and closed in the period (after the follow-up call)."), unit="个"),
    _figure("problems_solved_on_time", _("enterprise problems solved on time"), problems_solved_on_time,
            _("Of those solved, the ones whose accepted reply came by the original deadline."), unit="个"),
    _figure("problems_open", _("enterprise problems open"), problems_open,
            _("Problems raised by the period's end and not closed by then; cancelled ones left out."), unit="个"),
    _figure("satisfaction_rate", _("enterprises' satisfaction rate"), satisfaction_rate,
            _("Follow-up calls in the period answered satisfied or fairly satisfied, over all calls."),
            writing=Writing("percent")),
    _figure("visits", _("visits to enterprises"), visits_made,
            _("Chief service officers' visits to the territory's enterprises in the period."), unit="次"),
    _figure("enterprises_served", _("enterprises served by chief service officers"), enterprises_served,
            _("Enterprises with a chief service officer at some time in the period."), unit="家"),
)  # fmt: skip

SENTENCE = Sentence(
    "enterprise.service.summary",
    "enterprise",
    "{period},{territory}首席服务官走访企业{visits},服务企业{enterprises},企业反映问题{raised},已解决{solved},"
    "其中按时办结{on_time},企业满意率{satisfaction}。",
    {
        "visits": "enterprise.service.visits",
        "enterprises": "enterprise.service.enterprises_served",
        "raised": "enterprise.service.problems_raised",
        "solved": "enterprise.service.problems_solved",
        "on_time": "enterprise.service.problems_solved_on_time",
        "satisfaction": "enterprise.service.satisfaction_rate",
    },
    _("Chief service officers and enterprise problems"),
)


def register() -> None:
    register_figure(*FIGURES)
    register_sentence(SENTENCE)
