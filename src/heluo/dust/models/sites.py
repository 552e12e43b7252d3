"""Construction sites (施工工地 / 工程项目): the dust-control ledger every later dust rule hangs on."""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import (
    CoordinateSystem,
    Division,
    Grid,
    LedgerModel,
    Unit,
    UserScope,
    coordinates_both_or_neither,
    latitude_field,
    longitude_field,
)
from heluo.monitoring.models import MonitoringPoint

from .grids import PackageArea


class SiteKind(models.TextChoices):
    BUILDING = "building", _("building construction")
    MUNICIPAL = "municipal", _("municipal works")
    DEMOLITION = "demolition", _("demolition")
    ROAD = "road", _("road works")
    WATER = "water", _("water works")
    OTHER = "other", _("other")


class SiteState(models.TextChoices):
    PLANNED = "planned", _("not yet started")
    UNDER_CONSTRUCTION = "under_construction", _("under construction")
    SUSPENDED = "suspended", _("suspended")
    # 一票停工: stopped by an enforcement order; only a passed re-inspection lifts it.
    STOPPED = "stopped", _("stopped by order")
    COMPLETED = "completed", _("completed")


class Site(LedgerModel):
    """A construction site (工地) in the project list (工程项目清单) of dust control.

    Its grid (district/county level) is the one whose officers answer for it: a dust alarm goes to
    them, and they see the site even outside their territory. Its package area (city level) is held by
    a county-level cadre; the cadre and the area's staff see the site too.
    """

    scope_module = "dust"

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind of works"), max_length=20, choices=SiteKind.choices)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="sites"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    longitude = longitude_field()
    latitude = latitude_field()
    coordinate_system = models.CharField(
        _("coordinate system"),
        max_length=10,
        choices=CoordinateSystem.choices,
        default=CoordinateSystem.GCJ02,
    )
    contractor = models.ForeignKey(
        Unit,
        verbose_name=_("contractor"),
        on_delete=models.PROTECT,
        related_name="contracted_sites",
        help_text=_("The construction company answering for the site."),
    )
    developer = models.ForeignKey(
        Unit,
        verbose_name=_("developer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="developed_sites",
        help_text=_("The unit that has the works built, when known."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=SiteState.choices, default=SiteState.UNDER_CONSTRUCTION
    )
    grid = models.ForeignKey(
        Grid,
        verbose_name=_("grid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sites",
    )
    # The city level of the two grids (分片一包到底): the county-level cadre who holds the area answers for it.
    package_area = models.ForeignKey(
        PackageArea,
        verbose_name=_("package area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sites",
    )
    # The sizes the on-line monitoring rule looks at (Henan 2017: buildings from 10,000 m², linear works
    # from 200 m need a monitor and video).
    floor_area = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    length = models.PositiveIntegerField(_("length of linear works (m)"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("planned completion"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The site's monitoring point (kept in step by dust.services): deleted with the site, which its
    # monitors keep from being deleted.
    monitoring_points = GenericRelation(
        MonitoringPoint, content_type_field="watched_type", object_id_field="watched_id"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("construction site")
        verbose_name_plural = _("construction sites")
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "division"], name="dust_site_name_division_unique"),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True, latitude__isnull=True)
                | Q(longitude__isnull=False, latitude__isnull=False),
                name="dust_site_both_coordinates_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dust:site_detail", args=[self.pk])

    def clean(self) -> None:
        errors = coordinates_both_or_neither(self.longitude, self.latitude)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The planned completion is before the start.")
        if self.grid_id and self.division_id:
            # The grid must cover the site's place (or lie inside it): a grid of another street
            # would send the site's alarms to officers who never go there.
            grid_path = self.grid.division.path
            site_path = self.division.path
            if not (grid_path.startswith(site_path) or site_path.startswith(grid_path)):
                errors["grid"] = _("This grid lies outside the site's division.")
        if self.package_area_id and self.division_id:
            # A package area answers for the districts it covers: a site elsewhere would have a cadre
            # who never goes there.
            covered = list(self.package_area.districts.values_list("path", flat=True))
            if covered and not any(self.division.path.startswith(path) for path in covered):
                errors["package_area"] = _("This package area does not cover the site's division.")
        if self._state.adding and self.contractor_id:
            # 清出市场: a blacklisted contractor takes no new site while its period runs.
            today = timezone.localdate()
            entry = (
                self.contractor.dust_blacklist.filter(start__lte=today, until__gte=today)
                .order_by("-until")
                .first()
            )
            if entry is not None:
                errors["contractor"] = _(
                    "%(unit)s is excluded from the market until %(until)s: %(reason)s"
                ) % {"unit": entry.enterprise, "until": entry.until, "reason": entry.reason}
        if errors:
            raise ValidationError(errors)

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A grid officer sees the sites of their grids wherever the grid is; the cadre and staff of a
        # package area see its sites.
        conditions = []
        if scope.grid_ids:
            conditions.append(Q(grid_id__in=scope.grid_ids))
        if scope.person_id:
            areas = PackageArea.objects.filter(
                Q(cadre_id=scope.person_id) | Q(staff__person_id=scope.person_id)
            )
            conditions.append(Q(package_area_id__in=areas.values("pk")))
        return reduce(operator.or_, conditions) if conditions else None
