"""The two-level grids (两级"双网格"): who answers for which sites."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from heluo.core.models import Division, GridMembership, Person, UserScope
from heluo.core.services.audit import audited_bulk_create, audited_bulk_update

from ..models import PackageArea, PackageAreaStaff, Site
from .sites import DUST_GRID_ROLES


@dataclass(frozen=True)
class AnsweredSites:
    """The sites a person answers for, by level: through the package areas they hold or staff (city),
    and through their dust grid roles serving today (district/county)."""

    package_areas: QuerySet[PackageArea]
    by_package_area: QuerySet[Site]
    grid_memberships: QuerySet[GridMembership]
    by_grid: QuerySet[Site]

    @property
    def count(self) -> int:
        return (self.by_package_area | self.by_grid).distinct().count()


def sites_answered_by(person: Person, sites: QuerySet[Site]) -> AnsweredSites:
    """Every site of `sites` (the caller's visible ones) that `person` answers for, by grid level."""
    areas = PackageArea.objects.filter(Q(cadre=person) | Q(staff__person=person)).distinct()
    today = timezone.localdate()
    memberships = (
        GridMembership.objects.filter(person=person, role__code__in=DUST_GRID_ROLES, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("grid", "role")
        .order_by("grid__name")
    )
    listed = sites.select_related("division", "package_area", "grid").order_by("division__code", "name")
    return AnsweredSites(
        package_areas=areas.select_related("cadre"),
        by_package_area=listed.filter(package_area__in=areas.values("pk")),
        grid_memberships=memberships,
        by_grid=listed.filter(grid_id__in=memberships.values("grid_id")),
    )


def watched_sites(scope: UserScope) -> QuerySet[Site] | None:
    """The sites (as primary keys) whose monitoring points a user sees outside their territory: those
    they take part in (their grids' sites, their package areas' sites); None when none."""
    condition = Site.participation_q(scope)
    return Site.objects.filter(condition).values("pk") if condition is not None else None


@transaction.atomic
def create_package_area(operator: Any, area: PackageArea, districts: Sequence[Division],
                        staff: Sequence[tuple[Person, str]]) -> PackageArea:  # fmt: skip
    """Create a validated package area covering `districts`, with its staff (person, role), each with
    its history row. Raises ValidationError and writes nothing on a bad value."""
    area.full_clean()
    area._history_user = operator  # type: ignore[attr-defined]
    area.save()
    area.districts.set(districts)
    posts = [
        PackageAreaStaff(package_area=area, person=person, role=role, is_demo=area.is_demo)
        for person, role in staff
    ]
    for post in posts:
        post.full_clean()
    audited_bulk_create(PackageAreaStaff, posts, user=operator)
    return area


@transaction.atomic
def assign_package_area(operator: Any, area: PackageArea, sites: Sequence[Site]) -> int:
    """Put `sites` in `area` (one history row each). All or nothing: a site whose division the area
    does not cover raises ValidationError and nothing changes."""
    for site in sites:
        site.package_area = area
        site.full_clean()
    return audited_bulk_update(Site, list(sites), ["package_area"], user=operator)
