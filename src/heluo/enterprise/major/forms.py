""" "5个1" major projects' forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import MajorProject, Milestone


class MajorProjectForm(LedgerForm):
    class Meta:
        model = MajorProject
        fields = [
            "name", "division", "investment", "floor_area", "jobs", "content", "leader", "responsible_unit",
            "state", "start_date", "end_date", "notes",
        ]  # fmt: skip
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "content": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class MilestoneForm(LedgerForm):
    class Meta:
        model = Milestone
        fields = [
            "project", "order", "title", "done_means", "planned_date", "owner_unit", "owner_person", "actual_date",
        ]  # fmt: skip
        widgets = {
            "planned_date": DateInput(),
            "actual_date": DateInput(),
            "done_means": forms.Textarea(attrs={"rows": 2}),
        }
