"""The muster and roll call (集结点验) of a militia unit in a year's reorganisation: the day and place, and
each member called, present or absent with the reason (集结点验登记册). The turnout (到点率) is those
present over those called (heluo.militia.rules.composition)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel

from .organisation import MilitiaMember, MilitiaUnit
from .reorganisation import Reorganisation


class Muster(LedgerModel):
    """A unit's muster (集结点验) on a day at a place, in a year's reorganisation."""

    scope_module = "militia"
    scope_division_field = "unit__division"

    reorganisation = models.ForeignKey(
        Reorganisation,
        verbose_name=_("militia reorganisation"),
        on_delete=models.PROTECT,
        related_name="musters",
    )
    unit = models.ForeignKey(
        MilitiaUnit, verbose_name=_("militia unit"), on_delete=models.PROTECT, related_name="musters"
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=120)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("muster")
        verbose_name_plural = _("musters")
        ordering = ["-held_on", "unit__name", "pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("militia:muster_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if (
            self.reorganisation_id
            and self.unit_id
            and not self.unit.division.path.startswith(self.reorganisation.division.path)
        ):
            raise ValidationError({"unit": _("The unit is outside the reorganised territory.")})
        if self.reorganisation_id and self.held_on and self.held_on.year != self.reorganisation.year:
            raise ValidationError({"held_on": _("A muster is held in its reorganisation's year.")})


class MusterAttendance(LedgerModel):
    """A member called to a muster: present, or absent with the reason (集结点验登记册)."""

    scope_module = "militia"
    scope_division_field = "muster__unit__division"
    access_logged = True

    muster = models.ForeignKey(
        Muster, verbose_name=_("muster"), on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(
        MilitiaMember, verbose_name=_("militia member"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=True)
    absence_reason = models.CharField(_("reason for absence"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("muster attendance")
        verbose_name_plural = _("muster attendances")
        ordering = ["muster", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["muster", "member"], name="militia_called_once_per_muster")
        ]

    def __str__(self) -> str:
        return f"{self.muster} {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("militia:musterattendance_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if not self.present and not self.absence_reason.strip():
            raise ValidationError({"absence_reason": _("Give the reason of an absence.")})
        if self.present and self.absence_reason.strip():
            raise ValidationError({"absence_reason": _("A member present has no reason of absence.")})
        # Checked when called: a member may move to another unit after the muster.
        if (
            self.pk is None
            and self.muster_id
            and self.member_id
            and self.member.unit_id != self.muster.unit_id
        ):
            raise ValidationError({"member": _("Only members of the mustered unit are called.")})
