"""Training's, equipment's and inspections' ledger forms: the same rules on a page, in an import and
through the API. A finding's case and its rectification are set by the cases engine, not by a form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .forms import CityDataForm
from .models import (
    EquipmentCheck,
    EquipmentItem,
    Finding,
    Inspection,
    InspectionVisit,
    TrainingAttendance,
    TrainingSession,
    TrainingSubject,
)

TEXT = forms.Textarea(attrs={"rows": 3})


class TrainingSubjectForm(CityDataForm):
    """The outline (按纲抓训) is the city's: its militia staff alone change it."""

    class Meta:
        model = TrainingSubject
        fields = ["name", "audience", "category", "required_hours", "order"]


class TrainingSessionForm(LedgerForm):
    class Meta:
        model = TrainingSession
        fields = ["unit", "subject", "held_on", "hours", "place", "trainer"]
        widgets = {"held_on": DateInput()}


class TrainingAttendanceForm(LedgerForm):
    class Meta:
        model = TrainingAttendance
        fields = ["session", "member", "present", "assessment"]


class EquipmentItemForm(LedgerForm):
    class Meta:
        model = EquipmentItem
        fields = [
            "name", "category", "quantity", "measure", "condition", "department", "unit", "kept_at",
            "check_every_days",
        ]  # fmt: skip


class EquipmentCheckForm(LedgerForm):
    class Meta:
        model = EquipmentCheck
        fields = ["item", "checked_on", "checked_by", "quantity_found", "condition", "findings"]
        widgets = {"checked_on": DateInput(), "findings": TEXT}


class InspectionForm(LedgerForm):
    class Meta:
        model = Inspection
        fields = ["inspected_by", "led_by", "division", "started_on", "ended_on", "reorganisation", "summary"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput(), "summary": TEXT}


class InspectionVisitForm(LedgerForm):
    class Meta:
        model = InspectionVisit
        fields = ["inspection", "department", "place", "visited_on", "looked_at"]
        widgets = {"visited_on": DateInput(), "looked_at": TEXT}


class FindingForm(LedgerForm):
    class Meta:
        model = Finding
        fields = ["inspection", "visit", "text", "department", "deadline_days"]
        widgets = {"text": TEXT}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Once its case is open, the case owns the department and the deadline (reassign, extend there).
        if self.instance.case_id is not None:
            for name in ("department", "deadline_days"):
                if name in self.changed_data:
                    self.add_error(
                        name,
                        _(
                            "The finding's supervision case is open: change this through the case (reassignment, extension)."
                        ),
                    )
        return cleaned
