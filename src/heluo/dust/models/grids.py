"""The city level of dust control's two-level grids (两级"双网格", 分片一包到底): package areas (包片区域),
each held by a county-level cadre with staff and covering districts. The district/county level is core's
grids (Site.grid)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, Division, LedgerModel, Person


class PackageArea(LedgerModel):
    """A city-level package area (包片区域): one county-level cadre (县级干部) answers for every site in it."""

    scope_module = "dust"
    # The city's own division of the work: every dust office reads it.
    scope_division_field = CITY_WIDE

    name = models.CharField(_("name"), max_length=100, unique=True)
    cadre = models.ForeignKey(
        Person,
        verbose_name=_("county-level cadre"),
        on_delete=models.PROTECT,
        related_name="held_package_areas",
        help_text=_("The county-level cadre who holds the package area (包片领导)."),
    )
    districts = models.ManyToManyField(
        Division, verbose_name=_("districts and counties"), related_name="package_areas", blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(m2m_fields=[districts])

    class Meta:
        verbose_name = _("package area")
        verbose_name_plural = _("package areas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dust:packagearea_detail", args=[self.pk])


class PackageStaffRole(models.TextChoices):
    LIAISON = "liaison", _("liaison officer")
    INSPECTOR = "inspector", _("supervising inspector")
    TECHNICIAN = "technician", _("technical staff")


class PackageAreaStaff(LedgerModel):
    """Someone working in a package area under its cadre, in a role (联络员, 督导员, 技术人员)."""

    scope_module = "dust"
    scope_division_field = CITY_WIDE

    package_area = models.ForeignKey(
        PackageArea, verbose_name=_("package area"), on_delete=models.CASCADE, related_name="staff"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="package_area_posts"
    )
    role = models.CharField(_("role"), max_length=20, choices=PackageStaffRole.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("package area staff")
        verbose_name_plural = _("package area staff")
        ordering = ["package_area__name", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["package_area", "person"], name="dust_package_staff_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.package_area} · {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("dust:packageareastaff_detail", args=[self.pk])
