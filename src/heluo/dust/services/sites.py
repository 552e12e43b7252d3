"""Sites: the site ledger's save, its monitoring point and who answers for it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.cases.services.opening import AssignmentPolicy, Officer
from heluo.core.models import GridMembership
from heluo.core.services.audit import audited_bulk_create
from heluo.monitoring.services.points import Place, place_points

from ..models import Site

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


def site_responsible(site: Site) -> AssignmentPolicy:
    """Who answers for a site's monitoring point (registered with monitoring): its grid officers, and
    the grid's division (else the site's) to find a government unit in."""
    officers = [Officer(member.person, member.role.name) for member in site_officers(site)]
    area = site.grid.division if site.grid is not None else site.division
    return AssignmentPolicy(
        officers=officers, area=area, note=_("Assigned automatically to the site's grid officer.")
    )


def site_place(site: Site) -> Place:
    return Place(
        name=site.name, division=site.division, address=site.address, longitude=site.longitude,
        latitude=site.latitude, coordinate_system=site.coordinate_system,
    )  # fmt: skip


@transaction.atomic
def save_site(form: forms.ModelForm, user: Any) -> Site:
    """Save a site from its validated form (page, import or API) with its monitoring point."""
    form.instance._history_user = user
    site: Site = form.save()
    place_points([(site, site_place(site))], user=user)
    return site


@transaction.atomic
def create_sites(operator: Any, sites: Sequence[Site]) -> list[Site]:
    """Validate and create many sites at once, with one history row each and their monitoring points
    (the demo, an import).

    All or nothing: the first invalid site raises ValidationError and nothing is written.
    """
    for site in sites:
        site.full_clean()
    created: list[Site] = audited_bulk_create(Site, list(sites), user=operator)  # type: ignore[assignment]
    place_points([(site, site_place(site)) for site in created], user=operator)
    return created
