"""The service desk's forms: one per ledger, and the follow-up call recorded on a problem's page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm

from .models import OfficerAssignment, Problem, ProblemCategory, Satisfaction, TimeLimit, Visit


class ProblemCategoryForm(LedgerForm):
    class Meta:
        model = ProblemCategory
        fields = ["code", "name", "order"]


class TimeLimitForm(LedgerForm):
    class Meta:
        model = TimeLimit
        fields = ["stage", "category", "working_days", "note"]


class OfficerAssignmentForm(LedgerForm):
    class Meta:
        model = OfficerAssignment
        fields = ["officer", "enterprise", "start", "end"]
        widgets = {"start": DateInput(), "end": DateInput()}


class VisitForm(LedgerForm):
    class Meta:
        model = Visit
        fields = ["officer", "enterprise", "date", "discussed"]
        widgets = {"date": DateInput(), "discussed": forms.Textarea(attrs={"rows": 4})}


class ProblemForm(LedgerForm):
    class Meta:
        model = Problem
        fields = ["enterprise", "category", "description", "raised_on", "responsible_unit", "visit"]
        widgets = {"raised_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # Once its case is open, who answers for the problem changes on the case (reassign), not here.
        if self.instance.pk and self.instance.case_id:
            for name in ("enterprise", "responsible_unit"):
                if (
                    name in cleaned
                    and cleaned[name] is not None
                    and cleaned[name].pk != getattr(self.instance, f"{name}_id")
                ):
                    self.add_error(
                        name, _("The problem's case is open: reassign the case on its page instead.")
                    )
        return cleaned


class FollowUpForm(forms.Form):
    """The follow-up call (回访) about a problem, and what it leads to."""

    called_on = forms.DateField(label=_("called on"), widget=DateInput())
    called_by = forms.CharField(label=_("called by"), max_length=60)
    satisfaction = forms.ChoiceField(label=_("satisfaction"), choices=Satisfaction.choices)
    remarks = forms.CharField(label=_("remarks"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    then = forms.ChoiceField(
        label=_("then"),
        required=False,
        choices=[
            ("", _("only record the call")),
            ("close", _("verify and close the case")),
            ("send_back", _("send it back to the responsible unit")),
        ],
    )
