"""The cooperation ledger's published figures: a year's summary computed from its progress rows (a
project counts in each year it has a row), and the sentence that writes it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from heluo.core.figures import (
    Figure,
    Period,
    Sentence,
    Territory,
    register_figure,
    register_sentence,
    render_sentence,
)
from heluo.core.figures.writing import Writing

from . import rules
from .models import CooperationProgress

PROJECTS = "enterprise.cooperation.projects"
TOTAL_INVESTMENT = "enterprise.cooperation.total_investment"
COMPLETED = "enterprise.cooperation.completed"
COMPLETED_INVESTMENT = "enterprise.cooperation.completed_investment"
CONTINUING = "enterprise.cooperation.continuing"
KEYS = (PROJECTS, TOTAL_INVESTMENT, COMPLETED, COMPLETED_INVESTMENT, CONTINUING)


def year_summary(territory: Territory, period: Period) -> rules.YearSummary:
    """The summary of the progress rows of the period's years on projects in the territory."""
    rows = territory.filter(
        CooperationProgress.objects.filter(year__gte=period.start.year, year__lte=period.end.year),
        "project__division",
    ).values_list("project_id", "project__total_investment", "completed_investment", "state")
    return rules.summarize(rules.ProgressRow(*row) for row in rows)


def _part(name: str) -> Callable[[Territory, Period], int | Decimal]:
    def compute(territory: Territory, period: Period) -> int | Decimal:
        number: int | Decimal = getattr(year_summary(territory, period), name)
        return number

    return compute


FIGURES = (
    Figure(PROJECTS, _("cooperation projects in the ledger"), "enterprise", _part("projects"), unit="个"),
    Figure(
        TOTAL_INVESTMENT,
        _("total investment of the ledger's projects"),
        "enterprise",
        _part("total_investment"),
        unit="元",
        writing=Writing("amount"),
    ),
    Figure(COMPLETED, _("cooperation projects completed"), "enterprise", _part("completed"), unit="个"),
    Figure(
        COMPLETED_INVESTMENT,
        _("investment completed in the ledger's projects"),
        "enterprise",
        _part("completed_investment"),
        unit="元",
        writing=Writing("amount"),
    ),
    Figure(CONTINUING, _("cooperation projects continuing"), "enterprise", _part("continuing"), unit="个"),
)

YEAR = "enterprise.cooperation.year"
SENTENCE = Sentence(
    YEAR,
    "enterprise",
    rules.SENTENCE_UNDER_WAY,
    {
        "projects": PROJECTS,
        "total_investment": TOTAL_INVESTMENT,
        "completed": COMPLETED,
        "completed_investment": COMPLETED_INVESTMENT,
        "continuing": CONTINUING,
    },
    _("The cooperation ledger's year"),
    choose=rules.year_template,
)


def register() -> None:
    register_figure(*FIGURES)
    register_sentence(SENTENCE)


def year_sentence(territory: Territory, period: Period) -> str:
    """The year's sentence as the district writes it (its wording chosen by the year's figures)."""
    return render_sentence(YEAR, territory, period)
