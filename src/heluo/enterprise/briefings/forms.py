"""Policy briefings' forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import Briefing, BriefingPolicy


class BriefingForm(LedgerForm):
    class Meta:
        model = Briefing
        fields = ["date", "title", "place", "division", "organiser", "departments", "enterprises", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class BriefingPolicyForm(LedgerForm):
    class Meta:
        model = BriefingPolicy
        fields = ["briefing", "title", "department", "document_number", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
