"""Dust control's forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import Site


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
