"""Stand-ins for later modules' rows: a party record (line 条 'party'), a dust site kept by a grid
(participation by grid) and a supervision case with co-operating units (participation by unit)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, Grid, LedgerModel, Unit, UserScope


class PartyRecord(LedgerModel):
    scope_module = "party"
    # Party members' records: every view is in the access log, as the party module's will be.
    access_logged = True

    name = models.CharField(max_length=100)
    division = models.ForeignKey(Division, on_delete=models.PROTECT)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("testapp:partyrecord_detail", args=[self.pk])


class GridSite(LedgerModel):
    scope_module = "dust"

    name = models.CharField(max_length=100)
    division = models.ForeignKey(Division, on_delete=models.PROTECT)
    grid = models.ForeignKey(Grid, null=True, blank=True, on_delete=models.PROTECT)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("testapp:gridsite_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(grid_id__in=scope.grid_ids) if scope.grid_ids else None


class CoopCase(LedgerModel):
    scope_module = "cases"

    name = models.CharField(max_length=100)
    division = models.ForeignKey(Division, on_delete=models.PROTECT)
    cooperating_units = models.ManyToManyField(Unit, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("testapp:coopcase_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        if not scope.unit_id:
            return None
        return Q(
            pk__in=cls.cooperating_units.through.objects.filter(unit_id=scope.unit_id).values("coopcase_id")
        )
