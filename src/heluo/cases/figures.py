"""The supervision figures core's registry publishes (docs/figures.md). Each is a column of the total row
of the statistics page grouped by district — the same function, `statistics.summary` — over the cases
placed in the territory."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from heluo.cases.models import Case
from heluo.cases.services import statistics
from heluo.cases.tallies import Tally
from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing


def tally(territory: Territory, period: Period) -> Tally:
    return statistics.summary(territory.filter(Case.objects.all(), "division"), period)


def _count(name: str) -> Callable[[Territory, Period], int]:
    def compute(territory: Territory, period: Period) -> int:
        return int(getattr(tally(territory, period), name))

    return compute


received, closed, closed_on_time, open_overdue = map(
    _count, ("received", "closed", "on_time", "open_overdue")
)


def on_time_rate(territory: Territory, period: Period) -> Decimal | None:
    return tally(territory, period).on_time_rate


register_figure(
    Figure("cases.received", _("cases received"), "cases", compute=received, unit="件",
           description=_("Cases assigned to a responsible unit in the period.")),
    Figure("cases.closed", _("cases closed"), "cases", compute=closed, unit="件",
           description=_("Cases closed in the period.")),
    Figure("cases.closed_on_time", _("cases closed on time"), "cases", compute=closed_on_time, unit="件",
           description=_("Closed cases whose accepted reply came by the original deadline.")),
    Figure("cases.open_overdue", _("cases open and overdue"), "cases", compute=open_overdue,
           unit="件", description=_("Cases past their deadline and still open at the period's end.")),
    Figure("cases.on_time_rate", _("on-time rate"), "cases", compute=on_time_rate, unit="%",
           writing=Writing("percent"),
           description=_("Closed on time ÷ closed; none when nothing was closed.")),
)  # fmt: skip
register_sentence(
    Sentence(
        "cases.summary", "cases",
        "{period}，共受理督办事项{received}，办结{closed}，其中按时办结{on_time}，按时办结率{rate}，"
        "逾期未办结{overdue}。",
        {"received": "cases.received", "closed": "cases.closed", "on_time": "cases.closed_on_time",
         "rate": "cases.on_time_rate", "overdue": "cases.open_overdue"},
        label=_("Supervision in the period"),
    )
)  # fmt: skip
