"""Template helpers of dust control's pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.db.models import QuerySet
from django.urls import reverse

from heluo.cases.models import Case
from heluo.core.models import GridMembership
from heluo.core.scope import may
from heluo.dust.models import Site
from heluo.dust.services import site_officers as officers_of
from heluo.dust.services.enforcement import site_enforcement as enforcement_of
from heluo.monitoring.models import Alarm, Monitor, MonitoringPoint
from heluo.monitoring.services.points import point_of

register = template.Library()
SITE_ALARMS = 10


@register.simple_tag
def site_officers(site: Site) -> QuerySet[GridMembership]:
    return officers_of(site)


@register.simple_tag(takes_context=True)
def site_monitoring(context: dict[str, Any], site: Site) -> dict[str, Any] | None:
    """What the monitoring platform knows of a site, as far as the user may see it: its monitors, the
    page of its curves, its latest alarms with their cases, and the search for its cases. None when the
    user may not see monitoring."""
    user = context["request"].user
    point = point_of(site)
    if point is None or not may(user, "view", Monitor):
        return None
    monitors = list(
        Monitor.objects.for_user(user).filter(point=point).select_related("status").order_by("mn")
    )
    alarms = list(
        Alarm.objects.for_user(user)
        .filter(point=point)
        .select_related("rule", "case")
        .order_by("-last_breach_at")
    )
    cases = f"{reverse('cases:case_list')}?{urlencode({'q': site.name})}" if may(user, "view", Case) else ""
    return {
        "point": point if MonitoringPoint.objects.for_user(user).filter(pk=point.pk).exists() else None,
        "monitors": monitors,
        "curves": reverse("monitoring:point_curves", args=[point.pk]) if monitors else "",
        "alarms": alarms[:SITE_ALARMS],
        "more_alarms": max(0, len(alarms) - SITE_ALARMS),
        "cases": cases,
    }


@register.simple_tag(takes_context=True)
def site_enforcement(context: dict[str, Any], site: Site) -> dict[str, Any] | None:
    """The context of dust/site/_enforcement.html for the page's user."""
    return enforcement_of(site, context["request"].user)
