"""The cases' ledgers: supervised cases (their list, detail, history, export, import …) and the
calendar corrections."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.utils.translation import gettext as _

from heluo.cases import filters, forms, tables
from heluo.cases.models import Case, HolidayOverride
from heluo.cases.services.registration import Registration, edit_case, register_case
from heluo.cases.services.transitions import holds
from heluo.core.ledger import Ledger, register


def save_case(form: django_forms.ModelForm, user: Any) -> Case:
    """A new case is registered by the service (its number, its first event); a change of the
    description is recorded on the case's timeline."""
    data = form.cleaned_data
    if form.instance.pk is None:
        fields = {name: data[name] for name in forms.CaseForm.Meta.fields if data.get(name) is not None}
        fields["cooperating_units"] = list(data.get("cooperating_units") or [])
        return register_case(user, Registration(**fields))
    return edit_case(user, form)


def only_supervisors(user: Any, case: Case) -> str | None:
    """A case's description is changed by supervisors only; handlers act through the acts."""
    return None if holds(user, "assign_case") else _("Only supervisors may change a case's description.")


case = register(
    Ledger(
        Case,
        form=forms.CaseForm,
        filterset=filters.CaseFilter,
        table=tables.CaseTable,
        search_fields=("number", "title", "address", "source_reference"),
        select_related=("responsible_unit", "handler", "division", "category"),
        attachments=True,
        detail_template="cases/case_detail.html",
        saver=save_case,
        refuse_change=only_supervisors,
        slug="cases",
        read_only_columns=(
            "number",
            "state",
            "responsible_unit",
            "handler",
            "assigned_at",
            # A deadline's last day: 00:00 of the next day (when it ends) would read as one day late.
            "due_date",
            "original_due_date",
            "extended",
            "escalation",
            "replied_at",
            "closed_at",
        ),
    )
)
holiday_override = register(
    Ledger(
        HolidayOverride,
        form=forms.HolidayOverrideForm,
        filterset=filters.HolidayOverrideFilter,
        table=tables.HolidayOverrideTable,
        search_fields=("name",),
        slug="calendar",
    )
)
