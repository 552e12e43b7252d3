"""Dust control's ledgers."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

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
