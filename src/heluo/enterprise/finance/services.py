"""Every change of the financing ledgers. Pages, imports and the API save through the ledgers' form and
saver; the demo and scripts through `create_row`."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db import transaction

from .models import Award, CoordinatedLoan, FinancingAgreement

Row = TypeVar("Row", FinancingAgreement, CoordinatedLoan, Award)


def save_row(form: forms.ModelForm, user: Any) -> Any:
    """Save a financing row from its validated form (page, import or API), recorded as `user`."""
    form.instance._history_user = user
    return form.save()


@transaction.atomic
def create_row(user: Any, row: Row) -> Row:
    """Validate and create an agreement, a loan or an award (the demo, a script), recorded as `user`.
    All or nothing: an invalid row raises ValidationError and nothing is written."""
    row.full_clean()
    row._history_user = user  # type: ignore[attr-defined]
    row.save()
    return row
