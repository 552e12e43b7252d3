"""The published figures of the "5个1" major projects, computed from the rows (never from a user).

A project is followed in a period when its span (start to planned end, open-ended while unknown)
overlaps it. A milestone counts in the period of its planned date: on time when done by that date,
slipped when not (done late, or still not done after it); an open case counts under its milestone."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.cases.models import OPEN_STATES
from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from .models import MajorProject, Milestone


def followed_projects(territory: Territory, period: Period) -> QuerySet[MajorProject]:
    overlapping = Q(start_date__lte=period.end) & (Q(end_date__isnull=True) | Q(end_date__gte=period.start))
    return territory.filter(MajorProject.objects.filter(overlapping), "division")


def planned_milestones(territory: Territory, period: Period) -> QuerySet[Milestone]:
    rows = Milestone.objects.filter(planned_date__gte=period.start, planned_date__lte=period.end)
    return territory.filter(rows, "project__division")


def count_projects(territory: Territory, period: Period) -> int:
    return followed_projects(territory, period).count()


def total_investment(territory: Territory, period: Period) -> Decimal:
    return followed_projects(territory, period).aggregate(total=Sum("investment"))["total"] or Decimal(0)


def count_on_time(territory: Territory, period: Period) -> int:
    return planned_milestones(territory, period).filter(actual_date__lte=F("planned_date")).count()


def count_slipped(territory: Territory, period: Period) -> int:
    late = Q(actual_date__gt=F("planned_date"))
    missed = Q(actual_date__isnull=True, planned_date__lt=timezone.localdate())
    return planned_milestones(territory, period).filter(late | missed).count()


def count_open_cases(territory: Territory, period: Period) -> int:
    return planned_milestones(territory, period).filter(case__state__in=OPEN_STATES).count()


def register() -> None:
    register_figure(
        Figure("enterprise.major.projects", _("major projects followed"), "enterprise", compute=count_projects,
               unit="个"),
        Figure("enterprise.major.investment", _("total investment of the major projects"), "enterprise",
               compute=total_investment, unit="元", writing=Writing("amount")),
        Figure("enterprise.major.milestones_on_time", _("milestones done on time"), "enterprise",
               compute=count_on_time, unit="个"),
        Figure("enterprise.major.milestones_slipped", _("milestones slipped"), "enterprise",
               compute=count_slipped, unit="个"),
        Figure("enterprise.major.open_cases", _("open cases of slipped milestones"), "enterprise",
               compute=count_open_cases, unit="件"),
    )  # fmt: skip
    register_sentence(
        Sentence(
            "enterprise.major.summary",
            "enterprise",
            "{period},纳入“5个1”工作推进机制的重大项目{projects},总投资{investment};"
            "推进计划节点按期完成{on_time},滞后{slipped},正在督办{open_cases}。",
            {
                "projects": "enterprise.major.projects",
                "investment": "enterprise.major.investment",
                "on_time": "enterprise.major.milestones_on_time",
                "slipped": "enterprise.major.milestones_slipped",
                "open_cases": "enterprise.major.open_cases",
            },
            _("major projects summary"),
        )
    )
