"""The cases' ledgers: supervised cases (their list, detail, history, export, import …) and the
calendar corrections."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from heluo.cases import filters, forms, tables
from heluo.cases.models import Case, HolidayOverride
from heluo.cases.services.transitions import Registration, holds, register_case
from heluo.core.ledger import Ledger, register


def save_case(form: forms.CaseForm, user: Any) -> Case:
    """A new case is registered by the service (its number, its first event); a case's description
    is changed by supervisors only — handlers act through the acts."""
    data = form.cleaned_data
    if form.instance.pk is None:
        fields = {name: data[name] for name in form.Meta.fields if name in data and data[name] is not None}
        fields["cooperating_units"] = list(data.get("cooperating_units") or [])
        return register_case(user, Registration(**fields))
    if not holds(user, "assign_case"):
        # The edit page refuses them up front (CaseUpdateView); an import row is refused here.
        raise ValidationError(_("Only supervisors may change a case's description."))
    form.instance._history_user = user
    return form.save()


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
