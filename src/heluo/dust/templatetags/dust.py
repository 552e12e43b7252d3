"""Template helpers of dust control's pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import QuerySet

from heluo.core.models import GridMembership
from heluo.dust.models import Site
from heluo.dust.services import site_officers as officers_of
from heluo.monitoring.models import MonitoringPoint
from heluo.monitoring.services.points import point_of

register = template.Library()


@register.simple_tag
def site_officers(site: Site) -> QuerySet[GridMembership]:
    return officers_of(site)


@register.simple_tag
def site_point(site: Site, user: Any) -> MonitoringPoint | None:
    """The site's monitoring point, when the user may see it."""
    point = point_of(site)
    if point is None or not MonitoringPoint.objects.for_user(user).filter(pk=point.pk).exists():
        return None
    return point
