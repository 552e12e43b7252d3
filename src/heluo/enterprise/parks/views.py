"""A park's page: its details, then its summary for a year as published (read from the figures
registry, with the sentence officials write), a chart of revenue and R&D by year, and its enterprises
filterable by qualification and industry."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from heluo.core.figures import Period, Territory, render_sentence, series, value
from heluo.core.views.generic import LedgerDetailView

from . import figures
from .filters import ParkEnterpriseFilter
from .models import EnterpriseYear, Park, ParkEnterprise, Qualification
from .tables import ParkEnterpriseTable

SUMMARY = (
    f"{figures.PREFIX}.enterprises",
    f"{figures.PREFIX}.ip_applications",
    f"{figures.PREFIX}.incubating_revenue",
    f"{figures.PREFIX}.incubating_rd_spend",
    f"{figures.PREFIX}.incubating_employees",
)
WAN = Decimal(10000)
PER_PAGE = 25


class ParkDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        park = extra.get("object")
        if isinstance(park, Park):
            extra.update(self.summary(park))
            extra.update(self.enterprises(park))
        return super().context(**extra)

    def years(self, territory: Territory) -> list[int]:
        """The years the territory's park enterprises have figures for (the chart's axis)."""
        enterprises = territory.filter(ParkEnterprise.objects.all(), "park__division").values("enterprise")
        span = EnterpriseYear.objects.filter(enterprise__in=enterprises).aggregate(
            first=Min("year"), last=Max("year")
        )
        if span["first"] is None:
            return []
        return list(range(span["first"], span["last"] + 1))

    def summary(self, park: Park) -> dict[str, Any]:
        territory = Territory.of(park.division)
        years = self.years(territory)
        default = years[-1] if years else timezone.localdate().year
        year = _year(self.request.GET.get("year"), default)
        period = Period.year(year)
        readings = [value(key, territory, period) for key in SUMMARY]
        qualified = [
            (item.name, value(figures.qualification_figure(item.code).key, territory, period))
            for item in Qualification.objects.all()
        ]
        periods = [Period.year(y) for y in years]
        chart = {
            "years": [str(y) for y in years],
            "labels": {
                "revenue": _("Revenue (10,000 yuan)"),
                "rd_spend": _("R&D spend (10,000 yuan)"),
            },
            "revenue": [_in_wan(r.number) for r in series(readings[2].figure.key, territory, periods)],
            "rd_spend": [_in_wan(r.number) for r in series(readings[3].figure.key, territory, periods)],
        }
        return {
            "year": year,
            "years": sorted({*years, year}),
            "readings": readings,
            "qualified": qualified,
            "sentence": render_sentence(f"{figures.PREFIX}.summary", territory, period),
            "chart": json.dumps(chart, ensure_ascii=False),
            # The figures count every park of the division; the page says so when the park has neighbours.
            "counted_parks": list(territory.filter(Park.objects.all()).exclude(pk=park.pk)),
        }

    def enterprises(self, park: Park) -> dict[str, Any]:
        rows = (
            ParkEnterprise.objects.for_user(self.request.user)
            .filter(park=park)
            .select_related("park", "enterprise")
        )
        filterset = ParkEnterpriseFilter(self.request.GET or None, queryset=rows, request=self.request)
        table = ParkEnterpriseTable(filterset.qs, request=self.request, exclude=("park",))
        RequestConfig(self.request, paginate=False).configure(table)
        try:
            table.paginate(page=self.request.GET.get("page", 1), per_page=PER_PAGE)
        except PageNotAnInteger:
            table.paginate(page=1, per_page=PER_PAGE)
        except EmptyPage:
            table.paginate(page=table.paginator.num_pages, per_page=PER_PAGE)
        return {"enterprise_filter": filterset, "enterprise_table": table}


def _year(text: str | None, default: int) -> int:
    """The year asked for in the link, or `default` when it is missing or not a plausible year."""
    if text and text.isdigit() and 1990 <= int(text) <= 2100:
        return int(text)
    return default


def _in_wan(number: int | Decimal) -> float:
    return float((Decimal(number) / WAN).quantize(Decimal("0.01")))
