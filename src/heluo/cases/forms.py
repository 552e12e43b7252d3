"""Forms of supervision: a case's registration and details (its ledger form) and one small form per act."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.cases.models import Case, HolidayOverride
from heluo.core.forms import DateInput, LedgerForm, scope_choices
from heluo.core.models import Account, Unit

DATE = DateInput()


class CaseForm(LedgerForm):
    """Registering a case and changing its description. Who handles it and by when are set by acts."""

    class Meta:
        model = Case
        fields = [
            "title",
            "category",
            "source_kind",
            "source_reference",
            "division",
            "address",
            "priority",
            "description",
            "supervising_unit",
            "cooperating_units",
            "time_limit_days",
            "requested_due_date",
            "requirements",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "requested_due_date": DATE,
        }


class HolidayOverrideForm(LedgerForm):
    class Meta:
        model = HolidayOverride
        fields = ["date", "is_workday", "name"]
        widgets = {"date": DATE}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or files at once (each checked by core.services.files when the act is made)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ActForm(forms.Form):
    """Base of the acts' forms: choices of scoped rows narrowed to the acting user's scope."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        scope_choices(self, user)


def _note(required: bool, label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or (_("reason") if required else _("note")),
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignForm(ActForm):
    unit = forms.ModelChoiceField(Unit.objects.all(), label=_("responsible unit"))
    handler = forms.ModelChoiceField(
        Account.objects.select_related("user"), label=_("handler"), required=False
    )
    days = forms.IntegerField(
        label=_("time limit (working days)"), min_value=1, max_value=365, required=False
    )
    due_date = forms.DateField(label=_("or due date"), required=False, widget=DATE)
    requirements = forms.CharField(
        label=_("requirements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = _note(False)

    def __init__(self, *args: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if case is not None and not self.is_bound:
            self.initial.update(days=case.time_limit_days, due_date=case.requested_due_date,
                                requirements=case.requirements)  # fmt: skip
        self.fields["handler"].queryset = self.fields["handler"].queryset.filter(user__is_active=True)


class ReopenForm(ActForm):
    days = forms.IntegerField(
        label=_("time limit (working days)"), min_value=1, max_value=365, required=False
    )
    due_date = forms.DateField(label=_("or due date"), required=False, widget=DATE)
    note = _note(True)


class ReassignForm(ActForm):
    unit = forms.ModelChoiceField(Unit.objects.all(), label=_("responsible unit"))
    handler = forms.ModelChoiceField(
        Account.objects.select_related("user"), label=_("handler"), required=False
    )
    note = _note(True)


class ReplyForm(ActForm):
    note = _note(True, _("what was done"))
    files = MultipleFileField(label=_("photos and files"))


class NoteForm(ActForm):
    note = _note(False)
    files = MultipleFileField(label=_("photos and files"))


class ReasonForm(ActForm):
    note = _note(True)


class CommentForm(ActForm):
    note = _note(False)


class ExtensionForm(ActForm):
    until = forms.DateField(label=_("new due date"), widget=DATE)
    note = _note(True)


# The form of each act (heluo.cases.services.transitions.TRANSITIONS).
ACT_FORMS: dict[str, type[ActForm]] = {
    "assign": AssignForm,
    "accept": CommentForm,
    "reply": ReplyForm,
    "return": ReasonForm,
    "close": CommentForm,
    "reassign": ReassignForm,
    "request_extension": ExtensionForm,
    "extend": ExtensionForm,
    "refuse_extension": ReasonForm,
    "suspend": ReasonForm,
    "resume": CommentForm,
    "wait": ReasonForm,
    "end_wait": CommentForm,
    "cancel": ReasonForm,
    "reopen": ReopenForm,
    "note": NoteForm,
}


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=DATE)
    end = forms.DateField(label=_("to"), widget=DATE)
    by = forms.ChoiceField(
        label=_("per"), choices=[("unit", _("unit")), ("division", _("district"))], initial="unit"
    )

    # Cases exist from the 2000s on; a period of all time (0001…9999) overflowed the date arithmetic.
    EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day is not None and not self.EARLIEST <= day <= self.LATEST:
                self.add_error(
                    name,
                    _("Choose a date between %(first)s and %(last)s.")
                    % {"first": self.EARLIEST.isoformat(), "last": self.LATEST.isoformat()},
                )
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period comes before its start."))
        return cleaned
