"""Inspections' ledgers: the inspections, the places they visited and their findings (each finding's
case opened by its saver)."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters_c as filters
from . import forms_c as form_classes
from . import tables_c as tables
from .models import Finding, Inspection, InspectionVisit
from .services import inspections as services

inspection = register(
    Ledger(
        Inspection,
        form=form_classes.InspectionForm,
        filterset=filters.InspectionFilter,
        table=tables.InspectionTable,
        search_fields=("inspected_by", "led_by", "summary"),
        select_related=("division", "reorganisation"),
        detail_template="militia/inspections/inspection_detail.html",
    )
)
inspection_visit = register(
    Ledger(
        InspectionVisit,
        form=form_classes.InspectionVisitForm,
        filterset=filters.InspectionVisitFilter,
        table=tables.InspectionVisitTable,
        search_fields=("place", "department__name", "looked_at"),
        select_related=("inspection", "department"),
    )
)
finding = register(
    Ledger(
        Finding,
        form=form_classes.FindingForm,
        filterset=filters.FindingFilter,
        table=tables.FindingTable,
        search_fields=("text", "department__name"),
        select_related=("inspection", "department", "case"),
        detail_fields=("inspection", "visit", "text", "department", "deadline_days", "case", "rectified_on"),
        saver=services.save_finding,
        read_only_columns=("case", "rectified_on"),
    )
)
