"""Template helpers of dust control's pages."""

from __future__ import annotations

from typing import Any

from django import template

from heluo.dust.models import Site
from heluo.dust.services.sitefile import site_file as file_of

register = template.Library()


@register.simple_tag(takes_context=True)
def site_file(context: dict[str, Any], site: Site) -> list[dict[str, Any]]:
    """The sections of the site's file (一地一档) the user may see (dust.services.sitefile)."""
    return file_of(site, context["request"].user)
