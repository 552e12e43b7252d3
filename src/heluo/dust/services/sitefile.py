"""One file per site (一地一档): everything the platform knows of a site, for its one page.

The page is a list of sections, each an include in templates/dust/site/ with its context built here.
A later part of dust control adds its own by appending a `Section` to SECTIONS (a template and a
function of the site and the user); a section whose function returns None is left out, as monitoring
is for a user who may not see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse

from heluo.cases.models import OPEN_STATES, Case
from heluo.core.scope import may
from heluo.monitoring.models import Alarm, Monitor, MonitoringPoint
from heluo.monitoring.services.points import point_of

from ..models import (
    CoverRecord,
    InspectionResult,
    Measure,
    PackageAreaStaff,
    PatrolReport,
    Site,
    WasteRemoval,
)
from .enforcement import site_enforcement
from .inspections import inspection_panel
from .sites import site_officers

# How many rows of a long list (closed cases, waste, state changes) the file shows; the rest is a link away.
RECENT_ROWS = 10


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    build: Callable[[Site, Any], dict[str, Any] | None]


def grids(site: Site, user: Any) -> dict[str, Any]:
    """Both grids: the package area (city level) with its cadre and staff, and the grid (district/county
    level) with its 一长三员 serving today."""
    staff = (
        PackageAreaStaff.objects.filter(package_area_id=site.package_area_id)
        .select_related("person")
        .order_by("role", "person__name")
        if site.package_area_id
        else PackageAreaStaff.objects.none()
    )
    return {"package_area": site.package_area, "staff": list(staff), "grid": site.grid,
            "officers": list(site_officers(site))}  # fmt: skip


def monitoring(site: Site, user: Any) -> dict[str, Any] | None:
    """Its monitors with their latest hour and the link to their curves, and its open alarms, as far as
    the user may see them; None when the user may not see monitors or the site has no point."""
    point = point_of(site)
    if point is None or not may(user, "view", Monitor):
        return None
    monitors = list(
        Monitor.objects.for_user(user).filter(point=point).select_related("status", "latest").order_by("mn")
    )
    alarms = list(
        Alarm.objects.for_user(user)
        .filter(point=point, open=True)
        .select_related("rule", "case")
        .order_by("-last_breach_at")
    )
    return {
        "point": point if MonitoringPoint.objects.for_user(user).filter(pk=point.pk).exists() else None,
        "monitors": monitors,
        "curves": reverse("monitoring:point_curves", args=[point.pk]) if monitors else "",
        "alarms": alarms,
    }


def _case_sources(site: Site) -> Q:
    """Cases of the site: opened from the site, its monitoring point's alarms, its cover records, its
    inspections' failed items or patrol reports about it."""
    kinds = ContentType.objects.get_for_models(
        Site, Alarm, CoverRecord, InspectionResult, PatrolReport, Measure
    )
    condition = (
        Q(source_type=kinds[Site], source_id=site.pk)
        | Q(source_type=kinds[CoverRecord], source_id__in=CoverRecord.objects.filter(site=site).values("pk"))
        | Q(
            source_type=kinds[InspectionResult],
            source_id__in=InspectionResult.objects.filter(inspection__site=site).values("pk"),
        )
        | Q(
            source_type=kinds[PatrolReport], source_id__in=PatrolReport.objects.filter(site=site).values("pk")
        )
    )
    point = point_of(site)
    if point is not None:
        condition |= Q(source_type=kinds[Alarm], source_id__in=Alarm.objects.filter(point=point).values("pk"))
    return condition


def cases(site: Site, user: Any) -> dict[str, Any] | None:
    """Its open cases and its latest closed ones, as far as the user may see them."""
    if not may(user, "view", Case):
        return None
    linked = (
        Case.objects.for_user(user)
        .filter(_case_sources(site))
        .select_related("responsible_unit", "handler__person")
        .order_by("-created_at")
    )
    closed = linked.exclude(state__in=OPEN_STATES)
    return {
        "open": list(linked.filter(state__in=OPEN_STATES)),
        "closed": list(closed[:RECENT_ROWS]),
        "more_closed": max(0, closed.count() - RECENT_ROWS),
    }


def waste(site: Site, user: Any) -> dict[str, Any] | None:
    """Its latest waste removals and its cover records still uncovered, with links to the full lists."""
    if not may(user, "view", WasteRemoval):
        return None
    removals = WasteRemoval.objects.for_user(user).filter(site=site)
    return {
        "removals": list(removals[:RECENT_ROWS]),
        "removal_count": removals.count(),
        "uncovered": list(
            CoverRecord.objects.for_user(user)
            .filter(site=site, covered_at__isnull=True)
            .select_related("case")
        ),
        "removals_url": f"{reverse('dust:wasteremoval_list')}?site={site.pk}",
        "covers_url": f"{reverse('dust:coverrecord_list')}?site={site.pk}",
    }


def state_history(site: Site, user: Any) -> dict[str, Any]:
    """Its state changes from its history, newest first: (when, who, from, to)."""
    rows = list(site.history.order_by("history_date", "history_id").select_related("history_user"))
    labels = dict(Site._meta.get_field("state").flatchoices)
    changes = []
    before = None
    for row in rows:
        if row.state != before:
            changes.append({"at": row.history_date, "by": row.history_user,
                            "before": labels.get(before, "") if before else "", "after": labels.get(row.state, row.state)})  # fmt: skip
            before = row.state
    changes.reverse()
    return {"changes": changes[:RECENT_ROWS], "history_url": reverse("dust:site_history", args=[site.pk])}


SECTIONS: list[Section] = [
    Section("grids", "dust/site/grids.html", grids),
    Section("monitoring", "dust/site/monitoring.html", monitoring),
    Section("inspections", "dust/site/inspections.html", inspection_panel),
    Section("cases", "dust/site/cases.html", cases),
    Section("enforcement", "dust/site/enforcement.html", site_enforcement),
    Section("waste", "dust/site/waste.html", waste),
    Section("history", "dust/site/history.html", state_history),
]


def site_file(site: Site, user: Any) -> list[dict[str, Any]]:
    """The site's file for `user`: each section's template and context, in order, those the user may
    see only."""
    file = []
    for section in SECTIONS:
        data = section.build(site, user)
        if data is not None:
            file.append({"key": section.key, "template": section.template, "data": data})
    return file
