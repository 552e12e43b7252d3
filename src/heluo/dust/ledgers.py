"""Dust control's ledgers."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.core.ledger import Ledger, register
from heluo.core.tabular.keys import NaturalKey, register_key

from . import filters, forms, tables
from .models import CoverRecord, PackageArea, PackageAreaStaff, Site, WasteRemoval
from .services import save_cover_record, save_site

site = register(
    Ledger(
        Site,
        many_rows=True,
        form=forms.SiteForm,
        filterset=filters.SiteFilter,
        table=tables.SiteTable,
        search_fields=("name", "address", "contractor__name"),
        select_related=("division", "contractor", "package_area", "grid"),
        detail_template="dust/site_detail.html",
        attachments=True,
        saver=save_site,
    )
)
package_area = register(
    Ledger(
        PackageArea,
        form=forms.PackageAreaForm,
        filterset=filters.PackageAreaFilter,
        table=tables.PackageAreaTable,
        search_fields=("name", "cadre__name"),
        select_related=("cadre",),
        prefetch_related=("districts",),
        detail_template="dust/packagearea_detail.html",
    )
)
package_area_staff = register(
    Ledger(
        PackageAreaStaff,
        many_rows=True,
        form=forms.PackageAreaStaffForm,
        filterset=filters.PackageAreaStaffFilter,
        table=tables.PackageAreaStaffTable,
        search_fields=("person__name", "package_area__name"),
        select_related=("package_area", "person"),
        slug="package-area-staff",
    )
)
waste_removal = register(
    Ledger(
        WasteRemoval,
        many_rows=True,
        form=forms.WasteRemovalForm,
        filterset=filters.WasteRemovalFilter,
        table=tables.WasteRemovalTable,
        search_fields=("site__name", "transport_company", "vehicle", "disposal_place"),
        select_related=("site",),
        attachments=True,
    )
)
cover_record = register(
    Ledger(
        CoverRecord,
        many_rows=True,
        form=forms.CoverRecordForm,
        filterset=filters.CoverRecordFilter,
        table=tables.CoverRecordTable,
        search_fields=("site__name", "description"),
        select_related=("site", "case"),
        attachments=True,
        saver=save_cover_record,
    )
)


def _areas_by_name(queryset: QuerySet[PackageArea], texts: set[str]) -> dict[str, PackageArea]:
    return {area.name: area for area in queryset.filter(name__in=texts)}


# A package area is written in a cell as its name (unique in the city): the grid assignments of a site
# export and import back as names an office reads.
register_key(
    "dust.packagearea",
    NaturalKey(lambda area: area.name, _areas_by_name, "洛龙区北片包片区域", _("the package area's name")),
)
