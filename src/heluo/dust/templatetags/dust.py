"""Template helpers of dust control's pages."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from heluo.core.models import GridMembership
from heluo.dust.models import Site
from heluo.dust.services import site_officers as officers_of

register = template.Library()


@register.simple_tag
def site_officers(site: Site) -> QuerySet[GridMembership]:
    return officers_of(site)
