"""Dust control's forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import ChecklistItem, ChecklistTemplate, Inspection, PatrolReport, Site


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
