"""The reorganisation's ledger forms: the year's reorganisation with its standards, the province's
targets per county, the musters and each member's attendance at one."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import Muster, MusterAttendance, Reorganisation, ReorganisationTarget


class ReorganisationForm(LedgerForm):
    class Meta:
        model = Reorganisation
        fields = [
            "name",
            "year",
            "division",
            "reference_date",
            "required_new_type_share",
            "min_qualified_share",
            "min_strength_share",
            "min_muster_turnout",
            "task",
        ]
        widgets = {"reference_date": DateInput(), "task": forms.Textarea(attrs={"rows": 4})}


class ReorganisationTargetForm(LedgerForm):
    class Meta:
        model = ReorganisationTarget
        fields = ["reorganisation", "division", "member_class", "category", "target_count", "notes"]


class MusterForm(LedgerForm):
    class Meta:
        model = Muster
        fields = ["reorganisation", "unit", "held_on", "place", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class MusterAttendanceForm(LedgerForm):
    class Meta:
        model = MusterAttendance
        fields = ["muster", "member", "present", "absence_reason"]
