"""Equipment reserves (战备器材储备, 民兵武器装备管理条例): the items a department or unit holds, where they are
kept in general terms, and their periodic checks with findings. Weapon storage locations are classified
and are never entered here."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import LedgerModel

from .organisation import ArmedForcesDepartment, MilitiaUnit

DEFAULT_CHECK_DAYS = 90  # a quarter


class EquipmentCategory(models.TextChoices):
    COMMUNICATIONS = "communications", _("communications equipment")
    RESCUE = "rescue", _("rescue equipment")
    PROTECTION = "protection", _("protective equipment")
    CHEMICAL = "chemical", _("chemical defence equipment")
    DRONE = "drone", _("drones")
    MEDICAL = "medical", _("medical supplies")
    CLOTHING = "clothing", _("clothing and camp gear")
    OTHER = "other", _("other equipment")


class Condition(models.TextChoices):
    GOOD = "good", _("in good order")
    REPAIR = "repair", _("needs repair")
    SCRAPPED = "scrapped", _("to be scrapped")


class EquipmentItem(LedgerModel):
    """An item of the reserves: how many of it, in what condition, held by which department (and unit),
    kept where in general terms, and how often it is to be checked."""

    scope_module = "militia"
    scope_division_field = "department__division"

    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=20, choices=EquipmentCategory.choices)
    quantity = models.PositiveIntegerField(_("quantity"))
    measure = models.CharField(_("unit of measure"), max_length=10, default="件")
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.GOOD
    )
    department = models.ForeignKey(
        ArmedForcesDepartment, verbose_name=_("armed-forces department"), on_delete=models.PROTECT,
        related_name="equipment",
    )  # fmt: skip
    unit = models.ForeignKey(
        MilitiaUnit, verbose_name=_("militia unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="equipment", help_text=_("The unit that holds the item, if not the department itself."),
    )  # fmt: skip
    kept_at = models.CharField(
        _("kept at"), max_length=120,
        help_text=_("In general terms only (e.g. the department's equipment store); never a weapon storage location."),
    )  # fmt: skip
    check_every_days = models.PositiveSmallIntegerField(
        _("check every (days)"), default=DEFAULT_CHECK_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("equipment item")
        verbose_name_plural = _("equipment items")
        ordering = ["department__division__code", "category", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:equipmentitem_detail", args=[self.pk])


class EquipmentCheck(LedgerModel):
    """A check of an item: the day, who checked, the quantity found, the condition and the findings."""

    scope_module = "militia"
    scope_division_field = "item__department__division"

    item = models.ForeignKey(
        EquipmentItem, verbose_name=_("equipment item"), on_delete=models.PROTECT, related_name="checks"
    )
    checked_on = models.DateField(_("checked on"))
    checked_by = models.CharField(_("checked by"), max_length=60)
    quantity_found = models.PositiveIntegerField(_("quantity found"))
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.GOOD
    )
    findings = models.TextField(_("findings"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("equipment check")
        verbose_name_plural = _("equipment checks")
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.item} {self.checked_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("militia:equipmentcheck_detail", args=[self.pk])
