"""Every change of the cooperation ledger: projects and their yearly progress rows. Pages, imports and the
API save through the ledgers' savers; the year page and the demo through `record_progress`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.db import transaction

from heluo.core.models import Division, Unit

from .models import CooperationProgress, CooperationProject


def save_project(form: forms.ModelForm, user: Any) -> CooperationProject:
    """Save a project from its validated form (page, import or API), its partners with it, recorded in
    the history as `user`."""
    form.instance._history_user = user
    project: CooperationProject = form.save()
    return project


def save_progress(form: forms.ModelForm, user: Any) -> CooperationProgress:
    """Save a progress row from its validated form, recorded as `user`. Only this row changes: the
    project's other years keep their rows, so an earlier year's figures stay as they were."""
    form.instance._history_user = user
    row: CooperationProgress = form.save()
    return row


@transaction.atomic
def create_project(
    user: Any,
    *,
    name: str,
    local_party: Unit,
    partners: Sequence[Unit],
    total_investment: Decimal,
    division: Division,
    entry_year: int,
    content: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    notes: str = "",
    is_demo: bool = False,
) -> CooperationProject:
    """Validate and create a project with its partners (the demo, a script). All or nothing: an invalid
    project raises ValidationError and nothing is written."""
    project = CooperationProject(
        name=name,
        local_party=local_party,
        total_investment=total_investment,
        division=division,
        entry_year=entry_year,
        content=content,
        start_date=start_date,
        end_date=end_date,
        notes=notes,
        is_demo=is_demo,
    )
    project.full_clean()
    project._history_user = user  # type: ignore[attr-defined]
    project.save()
    project.partners.set(partners)
    return project


@transaction.atomic
def record_progress(
    project: CooperationProject,
    year: int,
    *,
    state: str,
    completed_investment: Decimal | None,
    user: Any,
    exceeds_total: bool = False,
    notes: str | None = None,
    is_demo: bool = False,
) -> CooperationProgress:
    """Record the project's state and completed investment for `year`: updates the year's one row, or
    creates it. Validated as on the page (ValidationError, nothing written); other years are untouched.
    Idempotent: recording the same values again changes nothing and writes no history."""
    existing = CooperationProgress.objects.select_for_update().filter(project=project, year=year).first()
    row = existing or CooperationProgress(project=project, year=year, is_demo=is_demo)
    changes = {"state": state, "completed_investment": completed_investment, "exceeds_total": exceeds_total}
    if notes is not None:
        changes["notes"] = notes
    if row.pk and all(getattr(row, name) == value for name, value in changes.items()):
        return row
    for name, value in changes.items():
        setattr(row, name, value)
    row.full_clean()
    row._history_user = user  # type: ignore[union-attr]
    row.save()
    return row
