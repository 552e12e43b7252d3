"""Dust control's domain rules. Views, commands, the demo and (later) alarms call these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from heluo.core.models import GridMembership
from heluo.core.services.audit import audited_bulk_create

from .models import Site

# The grid roles of dust control's "一长三员", in the order an alarm looks for someone to tell.
DUST_GRID_ROLES = ("grid_leader", "grid_member", "dust_inspector", "dust_supervisor")


def site_officers(site: Site, *, on: Any = None) -> QuerySet[GridMembership]:
    """The people serving today (or on the date `on`) in the site's grid, in a 一长三员 role.

    Empty when the site has no grid. This is who a dust alarm of the site goes to.
    """
    if site.grid_id is None:
        return GridMembership.objects.none()
    day = on or timezone.localdate()
    return (
        GridMembership.objects.filter(grid_id=site.grid_id, role__code__in=DUST_GRID_ROLES, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("person", "role")
        .order_by("role__order", "person__name")
    )


@transaction.atomic
def create_sites(operator: Any, sites: Sequence[Site]) -> list[Site]:
    """Validate and create many sites at once, with one history row each (the demo, an import).

    All or nothing: the first invalid site raises ValidationError and nothing is written.
    """
    for site in sites:
        site.full_clean()
    return audited_bulk_create(Site, list(sites), user=operator)  # type: ignore[return-value]
