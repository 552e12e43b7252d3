"""Science parks (科技园区): the parks, the enterprises in them, the qualifications those enterprises hold
(kinds of qualification are data) and each enterprise's yearly figures (revenue, R&D, employees, IP)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, Division, LedgerModel, Unit

__all__ = [
    "EnterpriseYear",
    "Industry",
    "Park",
    "ParkEnterprise",
    "Qualification",
    "QualificationAward",
]

# The years a yearly row or a qualification may name: the ledgers start with the parks of the 2010s.
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]
ENTERPRISE_UNITS = {"unit_type__code": "enterprise"}


def check_enterprise(row: models.Model) -> None:
    """Refuse a row whose enterprise is a unit of another kind (an import names units by credit code)."""
    unit = getattr(row, "enterprise", None) if getattr(row, "enterprise_id", None) else None
    if unit is not None and unit.unit_type.code != "enterprise":
        raise ValidationError({"enterprise": _("%(unit)s is not an enterprise.") % {"unit": unit}})


class Park(LedgerModel):
    """A science park (科技园区): where it is, who runs it and how large it is."""

    scope_module = "enterprise"
    scope_division_field = "division"

    name = models.CharField(_("name"), max_length=120, unique=True)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="science_parks"
    )
    operator = models.ForeignKey(
        Unit,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="operated_parks",
        null=True,
        blank=True,
    )
    land_area = models.DecimalField(
        _("land area (mu)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    floor_area = models.DecimalField(
        _("floor area (m²)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    converted_from = models.CharField(
        _("converted from"), max_length=120, blank=True, help_text=_("The site the park was built from.")
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("science park")
        verbose_name_plural = _("science parks")
        ordering = ["division__code", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:park_detail", args=[self.pk])


class Industry(models.TextChoices):
    EQUIPMENT = "equipment", _("equipment manufacturing")
    INTERNET = "internet", _("internet and software")
    ELECTRONICS = "electronics", _("electronics")
    MATERIALS = "materials", _("new materials")
    BIOMEDICINE = "biomedicine", _("biomedicine")
    CULTURE = "culture", _("culture and creative industries")
    SERVICES = "services", _("technology services")
    OTHER = "other", _("other")


class ParkEnterprise(LedgerModel):
    """An enterprise's stay in a park (入园企业): from the day it entered to the day it left, if it has."""

    scope_module = "enterprise"
    scope_division_field = "park__division"

    park = models.ForeignKey(
        Park, verbose_name=_("science park"), on_delete=models.PROTECT, related_name="enterprises"
    )
    enterprise = models.ForeignKey(
        Unit,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="park_stays",
        limit_choices_to=ENTERPRISE_UNITS,
    )
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    incubating = models.BooleanField(
        _("incubating"), default=False, help_text=_("Incubated by the park (在孵企业).")
    )
    entered = models.DateField(_("date entered"))
    left = models.DateField(_("date left"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("park enterprise")
        verbose_name_plural = _("park enterprises")
        ordering = ["park__name", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "enterprise", "entered"], name="enterprise_park_stay_unique"
            ),
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("entered")),
                name="enterprise_park_stay_left_after_entered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise}（{self.park}）"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:parkenterprise_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_enterprise(self)
        if self.left is not None and self.entered is not None and self.left < self.entered:
            raise ValidationError({"left": _("An enterprise cannot leave before it entered.")})


class Qualification(LedgerModel):
    """A kind of qualification or platform an enterprise may hold (高新技术企业, 院士工作站 …): data, so a
    city adds its own without code. Seeded by the migration."""

    scope_module = "enterprise"
    scope_division_field = CITY_WIDE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprise:qualification_detail", args=[self.pk])


class QualificationAward(LedgerModel):
    """A qualification an enterprise obtained, from the year it obtained it to the year it is valid until
    (open when it does not lapse)."""

    scope_module = "enterprise"
    scope_division_field = "enterprise__division"

    enterprise = models.ForeignKey(
        Unit,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="qualification_awards",
        limit_choices_to=ENTERPRISE_UNITS,
    )
    qualification = models.ForeignKey(
        Qualification, verbose_name=_("qualification"), on_delete=models.PROTECT, related_name="awards"
    )
    obtained = models.PositiveSmallIntegerField(_("year obtained"), validators=YEAR_VALIDATORS)
    valid_until = models.PositiveSmallIntegerField(
        _("valid until (year)"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualification held")
        verbose_name_plural = _("qualifications held")
        ordering = ["enterprise__name", "qualification__order", "-obtained"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "qualification", "obtained"],
                name="enterprise_qualification_award_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("obtained")),
                name="enterprise_qualification_valid_after_obtained",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.qualification}（{self.obtained}）"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:qualificationaward_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_enterprise(self)
        if self.valid_until is not None and self.obtained is not None and self.valid_until < self.obtained:
            raise ValidationError({"valid_until": _("A qualification cannot lapse before it was obtained.")})


class EnterpriseYear(LedgerModel):
    """An enterprise's figures for one year (企业年度数据): one row per enterprise and year, which an
    import updates in place."""

    scope_module = "enterprise"
    scope_division_field = "enterprise__division"

    enterprise = models.ForeignKey(
        Unit,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="yearly_figures",
        limit_choices_to=ENTERPRISE_UNITS,
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    revenue = models.DecimalField(
        _("revenue (yuan)"),
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    rd_spend = models.DecimalField(
        _("R&D spend (yuan)"),
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    employees = models.PositiveIntegerField(_("employees"), default=0)
    ip_applications = models.PositiveIntegerField(_("IP applications"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enterprise yearly figures")
        verbose_name_plural = _("enterprise yearly figures")
        ordering = ["enterprise__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="enterprise_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}年"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:enterpriseyear_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        check_enterprise(self)
