"""Dust control's forms."""

from __future__ import annotations

from typing import Any

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import (
    ChecklistItem,
    ChecklistTemplate,
    CoverRecord,
    Inspection,
    PackageArea,
    PackageAreaStaff,
    PatrolReport,
    Site,
    WasteRemoval,
)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker, whose value is always ISO (YYYY-MM-DDTHH:MM)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class SiteForm(LedgerForm):
    class Meta:
        model = Site
        fields = [
            "name",
            "kind",
            "division",
            "address",
            "longitude",
            "latitude",
            "coordinate_system",
            "contractor",
            "developer",
            "state",
            "package_area",
            "grid",
            "floor_area",
            "length",
            "start_date",
            "end_date",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class PackageAreaForm(LedgerForm):
    class Meta:
        model = PackageArea
        fields = ["name", "cadre", "districts", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class PackageAreaStaffForm(LedgerForm):
    class Meta:
        model = PackageAreaStaff
        fields = ["package_area", "person", "role"]


class WasteRemovalForm(LedgerForm):
    class Meta:
        model = WasteRemoval
        fields = ["site", "date", "volume", "transport_company", "vehicle", "disposal_place", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class CoverRecordForm(LedgerForm):
    class Meta:
        model = CoverRecord
        fields = ["site", "target", "description", "reported_at", "covered_at"]
        widgets = {"reported_at": DateTimeInput(), "covered_at": DateTimeInput()}


class ChecklistTemplateForm(LedgerForm):
    class Meta:
        model = ChecklistTemplate
        fields = ["name", "kind", "in_force_from", "active", "notes"]
        widgets = {"in_force_from": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class ChecklistItemForm(LedgerForm):
    class Meta:
        model = ChecklistItem
        fields = ["template", "code", "text", "severity", "time_limit_days", "legal_basis", "party", "order"]


class InspectionForm(LedgerForm):
    class Meta:
        model = Inspection
        fields = ["site", "template", "performed_at", "longitude", "latitude", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class PatrolReportForm(LedgerForm):
    class Meta:
        model = PatrolReport
        fields = ["division", "site", "text", "address", "longitude", "latitude"]
