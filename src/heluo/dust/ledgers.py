"""Dust control's ledgers."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import Site
from .services import save_site

site = register(
    Ledger(
        Site,
        many_rows=True,
        form=forms.SiteForm,
        filterset=filters.SiteFilter,
        table=tables.SiteTable,
        search_fields=("name", "address", "contractor__name"),
        select_related=("division", "contractor", "grid"),
        detail_template="dust/site_detail.html",
        attachments=True,
        saver=save_site,
    )
)
