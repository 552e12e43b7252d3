"""The militia's organisation: armed-forces departments (人民武装部), the categories of militia units (data:
which count as 新质力量), the units in their usual structure (市民兵应急营, 县区应急连, 乡镇排, 村班, 专业分队),
the members on their rosters (基干 / 普通) and their moves in and out of units (出入转队).

Sensitive by design: every model's line is "militia", which only the militia roles cover; a member's
ID and phone numbers are masked and every view of a member's record is logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, Division, Gender, LedgerModel, Person, Unit


class DepartmentKind(models.TextChoices):
    MILITARY_SUBDISTRICT = "subdistrict", _("military sub-district")
    COUNTY = "county", _("county or district armed-forces department")
    TOWNSHIP = "township", _("township or street armed-forces department")
    ENTERPRISE = "enterprise", _("armed-forces department of a unit")


class ArmedForcesDepartment(LedgerModel):
    """A people's armed-forces department (人民武装部): the city's 军分区, a county's or district's 人武部, a
    township's or street's 武装部, or the 武装部 of a large unit (`host_unit`)."""

    scope_module = "militia"
    scope_division_field = "division"

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=DepartmentKind.choices)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("higher department"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    host_unit = models.ForeignKey(
        Unit, verbose_name=_("host unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("The enterprise or institution a unit's armed-forces department belongs to."),
    )  # fmt: skip
    address = models.CharField(_("address"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("armed-forces department")
        verbose_name_plural = _("armed-forces departments")
        ordering = ["division__code", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:armedforcesdepartment_detail", args=[self.pk])


class UnitCategory(LedgerModel):
    """A category of militia unit (应急, 通信, 防化, 无人机, 网络, 心理服务 …), as data: whether its primary
    militia count as 新质力量 (new-type forces) in the reorganisation's share, and whether it is a
    specialist unit (专业分队) whose members need a matching specialty."""

    scope_module = "militia"
    scope_division_field = CITY_WIDE

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    counts_as_new_type = models.BooleanField(_("counts as new-type forces"), default=False)
    is_specialist = models.BooleanField(_("specialist unit"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("militia unit category")
        verbose_name_plural = _("militia unit categories")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:unitcategory_detail", args=[self.pk])


class UnitLevel(models.TextChoices):
    BATTALION = "battalion", _("battalion")
    COMPANY = "company", _("company")
    PLATOON = "platoon", _("platoon")
    SQUAD = "squad", _("squad")


class MilitiaUnit(LedgerModel):
    """A militia unit (民兵分队): the city's emergency battalion, a county's emergency company, a township's
    platoon, a village's squad or a specialist unit, organised by an armed-forces department in a
    division, with the strength it is to have (`target_strength`). Primary units (基干) hold primary
    militia; ordinary ones (普通) ordinary militia."""

    scope_module = "militia"
    scope_division_field = "division"

    name = models.CharField(_("name"), max_length=120)
    department = models.ForeignKey(
        ArmedForcesDepartment, verbose_name=_("armed-forces department"), on_delete=models.PROTECT,
        related_name="units",
    )  # fmt: skip
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    category = models.ForeignKey(
        UnitCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("higher unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    is_primary = models.BooleanField(_("primary militia unit"), default=True)
    target_strength = models.PositiveIntegerField(_("target strength"), default=0)
    disbanded_on = models.DateField(_("disbanded on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("militia unit")
        verbose_name_plural = _("militia units")
        ordering = ["division__code", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:militiaunit_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A unit cannot be its own higher unit.")})


class MemberClass(models.TextChoices):
    PRIMARY = "primary", _("primary militia")
    ORDINARY = "ordinary", _("ordinary militia")


class PoliticalReview(models.TextChoices):
    PENDING = "pending", _("political review pending")
    PASSED = "passed", _("political review passed")
    FAILED = "failed", _("political review failed")


class LeftReason(models.TextChoices):
    AGE = "age", _("over age")
    MOVED = "moved", _("moved away")
    ENLISTED = "enlisted", _("enlisted in the army")
    HEALTH = "health", _("health")
    REVIEW = "review", _("failed political review")
    OTHER = "other", _("other")


class MilitiaMember(LedgerModel):
    """A militia member (民兵) on the roster: primary (基干) or ordinary (普通), the unit and post held, the
    specialty and whether it matches the unit, veteran status (退役军人), employer, contact, political
    review (政审). On the roster from `joined_on` until `left_on`."""

    scope_module = "militia"
    scope_division_field = "division"
    sensitive_fields = ("id_number", "phone")
    full_view_permission = "core.view_document_number"
    access_logged = True

    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("full name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    id_number = models.CharField(_("ID number"), max_length=30, blank=True)
    birth_date = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+",
        help_text=_("Where the member is registered: the township or village, or the unit's division."),
    )  # fmt: skip
    member_class = models.CharField(_("militia class"), max_length=20, choices=MemberClass.choices)
    unit = models.ForeignKey(
        MilitiaUnit, verbose_name=_("militia unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="members",
    )  # fmt: skip
    post = models.CharField(_("post"), max_length=60, blank=True)
    is_cadre = models.BooleanField(_("militia cadre"), default=False)
    specialty = models.CharField(_("specialty"), max_length=60, blank=True)
    specialty_matches = models.BooleanField(_("specialty matches the unit"), default=False)
    is_veteran = models.BooleanField(_("veteran"), default=False)
    employer = models.CharField(_("employer"), max_length=120, blank=True)
    political_review = models.CharField(
        _("political review"), max_length=20, choices=PoliticalReview.choices, default=PoliticalReview.PENDING
    )
    joined_on = models.DateField(_("on the roster from"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeftReason.choices, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("militia member")
        verbose_name_plural = _("militia members")
        ordering = ["division__code", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("militia:militiamember_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        self.id_number = self.id_number.strip().upper()
        if bool(self.left_on) != bool(self.left_reason):
            raise ValidationError(
                {"left_reason": _("Give both the day and the reason of leaving, or neither.")}
            )
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member leaves the roster after joining it.")})


class MoveDirection(models.TextChoices):
    IN = "in", _("joined a unit")
    OUT = "out", _("left a unit")
    TRANSFER = "transfer", _("moved between units")


class UnitMove(LedgerModel):
    """A member's move in, out or between units (出入转队花名册): the roster's history of who was where."""

    scope_module = "militia"
    scope_division_field = "member__division"
    access_logged = True

    member = models.ForeignKey(
        MilitiaMember, verbose_name=_("militia member"), on_delete=models.PROTECT, related_name="moves"
    )
    direction = models.CharField(_("direction"), max_length=20, choices=MoveDirection.choices)
    from_unit = models.ForeignKey(
        MilitiaUnit, verbose_name=_("from unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    to_unit = models.ForeignKey(
        MilitiaUnit,
        verbose_name=_("to unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moved_on = models.DateField(_("moved on"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit move")
        verbose_name_plural = _("unit moves")
        ordering = ["-moved_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.member} {self.get_direction_display()} {self.moved_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("militia:unitmove_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        needs = {
            MoveDirection.IN: (False, True),
            MoveDirection.OUT: (True, False),
            MoveDirection.TRANSFER: (True, True),
        }.get(self.direction)
        if needs and (bool(self.from_unit_id), bool(self.to_unit_id)) != needs:
            raise ValidationError(
                _("A move in names the unit joined, a move out the unit left, a transfer both.")
            )
