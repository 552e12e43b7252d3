"""The cooperation ledger's forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import CooperationProgress, CooperationProject


class CooperationProjectForm(LedgerForm):
    class Meta:
        model = CooperationProject
        fields = [
            "name",
            "local_party",
            "partners",
            "content",
            "total_investment",
            "start_date",
            "end_date",
            "division",
            "entry_year",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "content": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class CooperationProgressForm(LedgerForm):
    class Meta:
        model = CooperationProgress
        fields = ["project", "year", "state", "completed_investment", "exceeds_total", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class ProgressUpdateForm(forms.ModelForm):
    """The year page's inline edit of one row: its state and completed investment."""

    class Meta:
        model = CooperationProgress
        fields = ["state", "completed_investment", "exceeds_total"]
