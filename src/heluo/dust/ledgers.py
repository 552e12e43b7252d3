"""Dust control's ledgers."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from heluo.core.ledger import Ledger, register
from heluo.core.scope import may

from . import filters, forms, tables
from .models import ChecklistItem, ChecklistTemplate, Inspection, PatrolReport, Site
from .services import save_checklist, save_checklist_item, save_inspection, save_patrol_report, save_site

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


def only_standard_setters(user: Any, obj: models.Model) -> str | None:
    """The city's standards are changed by those who may make them (the bureau, administrators), not
    by everyone who may change dust rows (grid officers)."""
    if may(user, "add", ChecklistTemplate):
        return None
    return _("Only those who may add checklists may change them.")


checklist = register(
    Ledger(
        ChecklistTemplate,
        form=forms.ChecklistTemplateForm,
        filterset=filters.ChecklistTemplateFilter,
        table=tables.ChecklistTemplateTable,
        search_fields=("name",),
        detail_template="dust/checklist_detail.html",
        saver=save_checklist,
        refuse_change=only_standard_setters,
        read_only_columns=("version",),
    )
)
checklist_item = register(
    Ledger(
        ChecklistItem,
        form=forms.ChecklistItemForm,
        filterset=filters.ChecklistItemFilter,
        table=tables.ChecklistItemTable,
        search_fields=("text", "code", "legal_basis"),
        select_related=("template",),
        saver=save_checklist_item,
        refuse_change=only_standard_setters,
    )
)
inspection = register(
    Ledger(
        Inspection,
        many_rows=True,
        form=forms.InspectionForm,
        filterset=filters.InspectionFilter,
        table=tables.InspectionTable,
        search_fields=("site__name", "note"),
        select_related=("site", "template", "inspector"),
        detail_template="dust/inspection_detail.html",
        saver=save_inspection,
        deletable=False,
        read_only_columns=("client_id", "passed"),
    )
)
patrol_report = register(
    Ledger(
        PatrolReport,
        form=forms.PatrolReportForm,
        filterset=filters.PatrolReportFilter,
        table=tables.PatrolReportTable,
        search_fields=("text", "address", "site__name"),
        select_related=("division", "site", "reported_by", "case"),
        attachments=True,
        saver=save_patrol_report,
        deletable=False,
        read_only_columns=("case",),
    )
)
