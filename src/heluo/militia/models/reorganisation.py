"""The yearly militia reorganisation (民兵整组): the year's task with its reference date, on which the roster
is counted and ages are measured, and the share of new-type forces (新质力量) the province requires."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, LedgerModel


class Reorganisation(LedgerModel):
    """One year's reorganisation of a territory (the city's, or a county's own): its reference date and the
    required share of new-type forces in the primary militia, in percent."""

    scope_module = "militia"
    scope_division_field = "division"

    name = models.CharField(_("name"), max_length=120)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The territory reorganised: the city, or a county or district."),
    )  # fmt: skip
    reference_date = models.DateField(
        _("reference date"), help_text=_("The roster is counted and ages are measured on this day.")
    )
    required_new_type_share = models.DecimalField(
        _("required share of new-type forces (%)"), max_digits=5, decimal_places=2, default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )  # fmt: skip
    task = models.TextField(_("the province's task"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("militia reorganisation")
        verbose_name_plural = _("militia reorganisations")
        ordering = ["-year", "division__code", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "division"], name="militia_one_reorganisation_a_year")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:reorganisation_detail", args=[self.pk])
