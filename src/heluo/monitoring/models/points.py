"""Monitoring points (监测点): the places monitors watch.

Monitoring knows a place only as a point — its division, address and coordinates, and a link to the row
of another module it stands for (a construction site of dust control). That module keeps the point in
step with its row and tells monitoring who answers for it (heluo.monitoring.points), so monitoring never
imports it.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import (
    CoordinateSystem,
    Division,
    LedgerModel,
    UserScope,
    coordinates_both_or_neither,
    latitude_field,
    longitude_field,
)
from heluo.monitoring.watchers import watched_q


class MonitoringPoint(LedgerModel):
    """A place under on-line monitoring: a construction site, a road, a yard."""

    scope_module = "monitoring"

    name = models.CharField(_("name"), max_length=150)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="monitoring_points"
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
    # What the point stands for, when another module owns it (that module keeps the point in step).
    watched_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, editable=False, related_name="+",
        verbose_name=_("kind of place"),
    )  # fmt: skip
    watched_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    watched = GenericForeignKey("watched_type", "watched_id")
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monitoring point")
        verbose_name_plural = _("monitoring points")
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["watched_type", "watched_id"],
                condition=Q(watched_id__isnull=False),
                name="monitoring_point_one_per_watched_row",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True, latitude__isnull=True)
                | Q(longitude__isnull=False, latitude__isnull=False),
                name="monitoring_point_both_coordinates_or_none",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # Who answers for the watched row (a site's grid officers) sees the point outside their territory.
        return watched_q(scope)

    def get_absolute_url(self) -> str:
        return reverse("monitoring:monitoringpoint_detail", args=[self.pk])

    def clean(self) -> None:
        errors = coordinates_both_or_neither(self.longitude, self.latitude)
        if errors:
            raise ValidationError(errors)
