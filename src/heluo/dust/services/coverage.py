"""The coverage report (动态管理台账的覆盖情况): proof that every active site is supervised — it has a
grid of each level, a monitor where the Henan rule requires one, and a recent inspection."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.tabular.writing import new_workbook
from heluo.monitoring.models import Monitor

from ..models import Site, SiteState
from ..rules.coverage import needs_monitor, uninspected
from .inspections import last_inspected_on

# Sites the report looks at: those not completed.
ACTIVE_STATES = (SiteState.PLANNED, SiteState.UNDER_CONSTRUCTION, SiteState.SUSPENDED, SiteState.STOPPED)


@dataclass
class Gap:
    """One site in one part of the report, with its latest inspection (None: never)."""

    site: Site
    last_inspected: dt.date | None = None


@dataclass
class Coverage:
    """The report: the active sites, and those without a package area, without a grid, without a
    monitor the rule requires, and not inspected for `uninspected_days` days (or never)."""

    total: int
    uninspected_days: int
    no_package_area: list[Gap] = field(default_factory=list)
    no_grid: list[Gap] = field(default_factory=list)
    no_monitor: list[Gap] = field(default_factory=list)
    not_inspected: list[Gap] = field(default_factory=list)

    @property
    def never_inspected(self) -> int:
        return sum(1 for gap in self.not_inspected if gap.last_inspected is None)

    def parts(self) -> list[tuple[str, str, list[Gap]]]:
        """(key, title, gaps) of each part, in the report's order."""
        return [
            ("no_package_area", _("Without a package area (city level)"), self.no_package_area),
            ("no_grid", _("Without a grid (district/county level)"), self.no_grid),
            ("no_monitor", _("Without the on-line monitor the rule requires"), self.no_monitor),
            (
                "not_inspected",
                _("Not inspected for %(days)s days") % {"days": self.uninspected_days},
                self.not_inspected,
            ),
        ]


def supervised(sites: QuerySet[Site]) -> QuerySet[Site]:
    """The sites of `sites` under supervision (not completed): the report's total and the figure of the
    sites in core's registry (heluo.dust.figures)."""
    return sites.filter(state__in=ACTIVE_STATES)


def coverage(sites: QuerySet[Site], today: dt.date | None = None) -> Coverage:
    """The coverage of the active sites of `sites` (the caller's visible ones) on `today`."""
    today = today or timezone.localdate()
    active = list(
        supervised(sites)
        .select_related("division", "package_area", "grid")
        .order_by("division__code", "name")
    )
    ids = [site.pk for site in active]
    kind = ContentType.objects.get_for_model(Site)
    monitored = set(
        Monitor.objects.filter(point__watched_type=kind, point__watched_id__in=ids).values_list(
            "point__watched_id", flat=True
        )
    )
    inspected = last_inspected_on(ids)
    report = Coverage(total=len(active), uninspected_days=settings.DUST_UNINSPECTED_DAYS)
    for site in active:
        last = inspected.get(site.pk)
        if site.package_area_id is None:
            report.no_package_area.append(Gap(site, last))
        if site.grid_id is None:
            report.no_grid.append(Gap(site, last))
        required = needs_monitor(
            site.kind, site.floor_area, site.length, floor_area_from=settings.DUST_MONITOR_FLOOR_AREA_M2,
            length_from=settings.DUST_MONITOR_LENGTH_M,
        )  # fmt: skip
        if required and site.pk not in monitored:
            report.no_monitor.append(Gap(site, last))
        if uninspected(last, today, settings.DUST_UNINSPECTED_DAYS):
            report.not_inspected.append(Gap(site, last))
    return report


def workbook(report: Coverage) -> bytes:
    """The report as one .xlsx: a sheet per part, a row per site."""
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True})
    for _key, title, gaps in report.parts():
        # Excel refuses []:*?/\ in a sheet's name and more than 31 characters.
        sheet = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", "-", title)[:31])
        headers: list[Any] = [_("Site"), _("Division"), _("Kind of works"), _("State"), _("Package area"),
                              _("Grid"), _("Last inspected")]  # fmt: skip
        sheet.write_row(0, 0, headers, bold)
        for row, gap in enumerate(gaps, start=1):
            site = gap.site
            sheet.write_row(row, 0, [
                site.name, site.division.name, site.get_kind_display(), site.get_state_display(),
                str(site.package_area or ""), str(site.grid or ""),
                gap.last_inspected.isoformat() if gap.last_inspected else _("never"),
            ])  # fmt: skip
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 6, 16)
    book.close()
    return buffer.getvalue()
