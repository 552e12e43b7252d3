"""The city's age limits for the militia roster, as data (民兵年龄条件): the defaults of
heluo.militia.rules.eligibility are seeded once after migrate; a city changes them from a day on (the
county notices of 2026 use 18–45, cadres and specialists to 50) by adding a row effective from that day."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, LedgerModel

from ..rules.eligibility import AgeLimits

DEFAULTS = AgeLimits()


class EligibilityLimits(LedgerModel):
    """The age limits the city applies from `effective_from` until the next row's day (inclusive ages)."""

    scope_module = "militia"
    scope_division_field = CITY_WIDE

    effective_from = models.DateField(_("effective from"), unique=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=DEFAULTS.min_age)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=DEFAULTS.max_age)
    primary_max_age = models.PositiveSmallIntegerField(
        _("maximum age of primary militia"), default=DEFAULTS.primary_max_age
    )
    primary_extended_max_age = models.PositiveSmallIntegerField(
        _("maximum age of primary cadres and specialists"), default=DEFAULTS.primary_extended_max_age
    )
    basis = models.CharField(_("basis"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("militia age limits")
        verbose_name_plural = _("militia age limits")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.effective_from:%Y-%m-%d} {self.min_age}–{self.max_age}"

    def get_absolute_url(self) -> str:
        return reverse("militia:eligibilitylimits_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        # Cadres and specialists of the primary militia may serve beyond the ordinary militia's limit
        # (2026 notices: 18–45, cadres and specialists to 50).
        if not (self.min_age <= self.primary_max_age <= min(self.primary_extended_max_age, self.max_age)):
            raise ValidationError(
                _(
                    "The limits must rise in order: the minimum age, then the primary militia's limit, then "
                    "the maximum age and the limit of primary cadres and specialists."
                )
            )

    def as_limits(self) -> AgeLimits:
        return AgeLimits(
            min_age=self.min_age,
            max_age=self.max_age,
            primary_max_age=self.primary_max_age,
            primary_extended_max_age=self.primary_extended_max_age,
        )
