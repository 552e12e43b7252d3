"""Construction waste (建筑垃圾) of a site: its removals and its bare ground or stockpiles reported
uncovered until they are covered."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel, UserScope

from .sites import Site


class WasteRemoval(LedgerModel):
    """One removal of construction waste from a site (建筑垃圾清运): how much, by whom, to where."""

    scope_module = "dust"
    scope_division_field = "site__division"

    site = models.ForeignKey(
        Site, verbose_name=_("construction site"), on_delete=models.PROTECT, related_name="waste_removals"
    )
    date = models.DateField(_("date"))
    volume = models.DecimalField(
        _("volume (m³)"), max_digits=9, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    transport_company = models.CharField(_("transport company"), max_length=150)
    vehicle = models.CharField(_("vehicle plate"), max_length=20, blank=True)
    disposal_place = models.CharField(_("disposal place"), max_length=150)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("waste removal")
        verbose_name_plural = _("waste removals")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.site} {self.date:%Y-%m-%d} {self.volume} m³"

    def get_absolute_url(self) -> str:
        return reverse("dust:wasteremoval_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # The site's grid officers see its waste as they see the site.
        return Q(site__grid_id__in=scope.grid_ids) if scope.grid_ids else None


class CoverTarget(models.TextChoices):
    BARE_GROUND = "bare_ground", _("bare ground")
    STOCKPILE = "stockpile", _("stockpile")


class CoverRecord(LedgerModel):
    """Bare ground or a stockpile reported uncovered at a time, and when it was covered (物料覆盖).

    Left uncovered past HELUO_DUST_UNCOVERED_HOURS it opens one supervision case (dust.services.waste)."""

    scope_module = "dust"
    scope_division_field = "site__division"

    site = models.ForeignKey(
        Site, verbose_name=_("construction site"), on_delete=models.PROTECT, related_name="cover_records"
    )
    target = models.CharField(_("what lies uncovered"), max_length=20, choices=CoverTarget.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    reported_at = models.DateTimeField(_("reported uncovered at"))
    covered_at = models.DateTimeField(_("covered at"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("supervised case"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="cover_record",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cover record")
        verbose_name_plural = _("cover records")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["covered_at", "reported_at"], name="dust_cover_open")]

    def __str__(self) -> str:
        return f"{self.site} {self.get_target_display()}"

    def get_absolute_url(self) -> str:
        return reverse("dust:coverrecord_detail", args=[self.pk])

    def clean(self) -> None:
        if self.covered_at and self.reported_at and self.covered_at < self.reported_at:
            raise ValidationError({"covered_at": _("It cannot be covered before it was reported uncovered.")})

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(site__grid_id__in=scope.grid_ids) if scope.grid_ids else None
