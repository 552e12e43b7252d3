"""Administrative divisions (行政区划) and functional zones (功能区)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.divisions_data import short_name

from .base import LedgerModel, UserScope


class CoordinateSystem(models.TextChoices):
    """Chinese maps do not share one datum: a point means nothing without the system it was read in."""

    GCJ02 = "gcj02", _("GCJ-02 (AMap, Tencent)")
    BD09 = "bd09", _("BD-09 (Baidu)")
    WGS84 = "wgs84", _("WGS-84 (GPS)")
    CGCS2000 = "cgcs2000", _("CGCS2000 (Tianditu, surveying)")


def longitude_field() -> models.DecimalField:
    """A point's longitude (China lies between 73° and 136° E), with `latitude_field`: both or neither."""
    return models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(73), MaxValueValidator(136)],
    )  # fmt: skip


def latitude_field() -> models.DecimalField:
    return models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(54)],
    )  # fmt: skip


def coordinates_both_or_neither(longitude: object, latitude: object) -> dict[str, str]:
    """The error (by field) of a point given half its coordinates; empty when both or neither are."""
    if (longitude is None) != (latitude is None):
        return {"latitude": _("Give both longitude and latitude, or neither.")}
    return {}


class DivisionLevel(models.IntegerChoices):
    PROVINCE = 1, _("province")
    CITY = 2, _("city")
    COUNTY = 3, _("district / county")
    TOWNSHIP = 4, _("street / township")
    VILLAGE = 5, _("community / village")


# Significant digits of the 12-digit code at each level (GB/T 2260 + the statistical village codes).
PATH_LENGTH = {1: 2, 2: 4, 3: 6, 4: 9, 5: 12}


def division_path(code: str, level: int) -> str:
    return code[: PATH_LENGTH[level]]


class Division(LedgerModel):
    """A division of the national tree, 省 → 市 → 县(市)区 → 街道/乡镇 → 社区/村.

    The 12-digit code is itself a materialised path: a division's subtree is every code that starts
    with its significant digits. We store those digits in `path` and query subtrees with one indexed
    prefix (range) scan — what a tree library's materialised path would give, without a second key.
    Divisions change (区划调整): a division has a validity period and successors, and records keep
    the division they were made in.
    """

    scope_module = "core"

    scope_division_field = ""

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^\d{12}$", _("A division code has 12 digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=12, editable=False, db_index=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty while the division exists.")
    )
    successors = models.ManyToManyField(
        "self", verbose_name=_("successors"), symmetrical=False, blank=True, related_name="predecessors"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["code"]
        indexes = [
            # PostgreSQL needs the pattern operator class for LIKE 'prefix%' under a non-C collation.
            models.Index(fields=["path"], name="core_division_path_like", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name as offices say it: 定鼎门社区 for 定鼎门社区居民委员会."""
        return short_name(self.name)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to > timezone.localdate()

    def get_absolute_url(self) -> str:
        return reverse("core:division_detail", args=[self.pk])

    def clean(self) -> None:
        if self.code and self.level:
            if self.parent is not None and not self.code.startswith(self.parent.path):
                raise ValidationError({"code": _("The code must start with the parent division's code.")})
            if self.code[PATH_LENGTH[self.level] :].strip("0"):
                raise ValidationError({"code": _("The code does not match the level.")})

    def save(self, *args: object, **kwargs: object) -> None:
        self.path = division_path(self.code, self.level)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def ancestors(self) -> models.QuerySet[Division]:
        """This division's ancestors, root first (one query)."""
        prefixes = [self.code[:n] for lvl, n in PATH_LENGTH.items() if lvl < self.level]
        return Division.objects.filter(path__in=prefixes).order_by("level")

    def subtree(self) -> models.QuerySet[Division]:
        return Division.objects.filter(path__startswith=self.path)


class Zone(LedgerModel):
    """A functional zone (功能区: 高新区, 伊滨区 …): not a division, but run like a district.

    A zone owns a set of streets/townships; it can be a user's home scope and a line in reports.
    """

    scope_module = "core"

    scope_division_field = "city"

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    city = models.ForeignKey(Division, verbose_name=_("city"), on_delete=models.PROTECT, related_name="zones")
    streets = models.ManyToManyField(
        Division, verbose_name=_("streets and townships"), related_name="zones_owning", blank=True
    )

    history = HistoricalRecords(m2m_fields=[streets])

    class Meta:
        verbose_name = _("functional zone")
        verbose_name_plural = _("functional zones")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:zone_detail", args=[self.pk])

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A zone's own staff see their zone although its city lies above their scope.
        return Q(pk=scope.zone_id) if scope.zone_id else None
