"""The yearly militia reorganisation (民兵整组): the year's task with its reference date, on which the roster
is counted and ages are measured, the share of new-type forces (新质力量) the province requires, the
composition standards its units are checked against, and the targets per county and category."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, DivisionLevel, LedgerModel

from .organisation import MemberClass, UnitCategory

# The composition standards' defaults (../shared/reference/modules.md, e.g. Hainan 2015): a city's
# reorganisation may set its own.
DEFAULT_QUALIFIED_SHARE = Decimal("60")
DEFAULT_STRENGTH_SHARE = Decimal("80")
DEFAULT_MUSTER_TURNOUT = Decimal("90")
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


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
    min_qualified_share = models.DecimalField(
        _("required share of veterans or matching specialists (%)"), max_digits=5, decimal_places=2,
        default=DEFAULT_QUALIFIED_SHARE, validators=PERCENT,
        help_text=_("Of a primary unit's members on the roster. By default 60."),
    )  # fmt: skip
    min_strength_share = models.DecimalField(
        _("required strength on hand (%)"), max_digits=5, decimal_places=2, default=DEFAULT_STRENGTH_SHARE,
        validators=PERCENT, help_text=_("Members on the roster over the unit's target strength. By default 80."),
    )  # fmt: skip
    min_muster_turnout = models.DecimalField(
        _("required muster turnout (%)"), max_digits=5, decimal_places=2, default=DEFAULT_MUSTER_TURNOUT,
        validators=PERCENT, help_text=_("Members present at a muster over those called. By default 90."),
    )  # fmt: skip

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


class ReorganisationTarget(LedgerModel):
    """The province's task for a county or district (县区) in a year's reorganisation: how many militia
    of a class (基干 / 普通), in units of a category (or of every category), it is to have on the roster."""

    scope_module = "militia"
    scope_division_field = "division"

    reorganisation = models.ForeignKey(
        Reorganisation,
        verbose_name=_("militia reorganisation"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The county or district the target is set for."),
    )  # fmt: skip
    member_class = models.CharField(_("militia class"), max_length=20, choices=MemberClass.choices)
    category = models.ForeignKey(
        UnitCategory, verbose_name=_("unit category"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Empty: the militia of this class in every category."),
    )  # fmt: skip
    target_count = models.PositiveIntegerField(_("target count"))
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reorganisation target")
        verbose_name_plural = _("reorganisation targets")
        ordering = ["reorganisation", "division__code", "member_class", "category__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "division", "member_class", "category"],
                name="militia_one_target_per_category",
            ),
            models.UniqueConstraint(
                fields=["reorganisation", "division", "member_class"],
                condition=models.Q(category__isnull=True),
                name="militia_one_target_per_class",
            ),
        ]

    def __str__(self) -> str:
        kind = self.category.name if self.category_id else _("all categories")
        return f"{self.division} {self.get_member_class_display()} {kind}"

    def get_absolute_url(self) -> str:
        return reverse("militia:reorganisationtarget_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.reorganisation_id and self.division_id:
            reorganisation, division = self.reorganisation, self.division
            if division.level != DivisionLevel.COUNTY or not division.path.startswith(
                reorganisation.division.path
            ):
                raise ValidationError(
                    {"division": _("Choose a county or district within the reorganised territory.")}
                )
