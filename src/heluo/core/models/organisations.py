"""Units (单位), people (人员) and grids (网格): who does the work, and where."""

from __future__ import annotations

from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.identifiers import mask
from heluo.core.validators import validate_credit_code, validate_document, validate_phone

from .base import CodeField, LedgerModel, UserScope
from .divisions import Division


class UnitType(models.Model):
    """Kinds of unit are data, not code: a city adds its own (data seeded by a migration)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("unit type")
        verbose_name_plural = _("unit types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Unit(LedgerModel):
    """A unit (单位): a department, party organisation, enterprise, bank, school, prison, 人武部 …"""

    scope_module = "core"

    name = models.CharField(_("name"), max_length=120)
    unit_type = models.ForeignKey(UnitType, verbose_name=_("unit type"), on_delete=models.PROTECT)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    credit_code = CodeField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters (GB 32100); empty for units that have none, such as a party branch."),
    )
    leader = models.ForeignKey(
        "Person",
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_units",
    )
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=30, blank=True, validators=[validate_phone]
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="core_unit_credit_code_unique"
            ),
            # The natural key of a unit without a credit code (a party branch): its name in its division.
            models.UniqueConstraint(fields=["name", "division"], name="core_unit_name_division_unique"),
        ]
        # Lookups by credit code (imports, the API, other systems) need a plain index: the unique
        # constraint's index is partial (non-empty codes) and only serves queries that repeat its condition.
        indexes = [models.Index(fields=["credit_code"], name="core_unit_credit_code")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:unit_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A user always sees their own unit, wherever it is registered.
        return Q(pk=scope.unit_id) if scope.unit_id else None


class DocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("resident identity card")
    HMT_RESIDENCE_PERMIT = (
        "hmt_residence_permit",
        _("residence permit for Hong Kong, Macao and Taiwan residents"),
    )
    FOREIGN_PERMANENT_ID = "foreign_permanent_id", _("foreign permanent resident ID card")
    PASSPORT = "passport", _("passport")


class Gender(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class Person(LedgerModel):
    """A person known to the platform: a grid member, a leader, a party member, a militia member …

    The document number is stored in full and shown masked everywhere except to a role allowed to
    see it (heluo.core.masking); every unmasked view or export is logged.
    """

    scope_module = "core"

    sensitive_fields = ("id_number",)
    full_view_permission = "core.view_document_number"

    name = models.CharField(_("full name"), max_length=60, validators=[MinLengthValidator(1)])
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    id_type = models.CharField(_("document type"), max_length=30, choices=DocumentType.choices, blank=True)
    id_number = models.CharField(_("document number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="people"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("position"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_number"],
                condition=~Q(id_number=""),
                name="core_person_document_unique",
            ),
        ]
        permissions = [("view_document_number", _("Can see document numbers in full"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:person_detail", args=[self.pk])

    @property
    def masked_id_number(self) -> str:
        return mask(self.id_number)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        self.id_number = self.id_number.strip().upper()
        if self.id_number and not self.id_type:
            raise ValidationError({"id_type": _("Choose the type of the document.")})
        if self.id_number:
            validate_document(self.id_type, self.id_number)


class GridRole(models.Model):
    """A role within a grid (网格长, 网格员 …); data, so a campaign adds its own (扬尘 "一长三员")."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("grid role")
        verbose_name_plural = _("grid roles")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class GridLevel(models.IntegerChoices):
    FIRST = 1, _("first-level grid")
    SECOND = 2, _("second-level grid")
    THIRD = 3, _("third-level grid")


class Grid(LedgerModel):
    """A grid (网格): a named area of responsibility under a division, with its members."""

    scope_module = "core"

    name = models.CharField(_("name"), max_length=100)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="grids"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=GridLevel.choices, default=GridLevel.FIRST)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent grid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grid")
        verbose_name_plural = _("grids")
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "division"], name="core_grid_name_division_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:grid_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(pk__in=scope.grid_ids) if scope.grid_ids else None


class GridMembership(LedgerModel):
    """A person serving in a grid in a role; one person may serve in several grids."""

    scope_module = "core"

    scope_division_field = "grid__division"

    grid = models.ForeignKey(
        Grid, verbose_name=_("grid"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="grid_memberships"
    )
    role = models.ForeignKey(GridRole, verbose_name=_("grid role"), on_delete=models.PROTECT)
    start = models.DateField(_("since"), default=timezone.localdate)
    end = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grid member")
        verbose_name_plural = _("grid members")
        ordering = ["grid", "role__order", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["grid", "person", "role"], name="core_gridmembership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.grid} · {self.role} · {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("core:grid_detail", args=[self.grid_id])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        return Q(grid_id__in=scope.grid_ids) if scope.grid_ids else None
