"""A ledger (台账) is a model plus the few pieces that differ between models: its form, filter set,
table and search fields. Declaring one gives the model its list, detail, history, create, edit, delete
and autocomplete pages (heluo.core.views.routes), its Excel round trip, its place in global search, its
API (heluo.core.api.base) and the generic tests.

Every way in writes a row the same way: the ledger's form validates it (pages, imports and the API
alike) and `Ledger.save` stores it, through the ledger's `saver` when rows need a service (accounts,
cases, sites). A ledger is data: it imports no form, view or service of Heluo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
import django_tables2
from django import forms
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise

LEDGERS: dict[str, Ledger] = {}

# Saves a validated form as the acting user and returns the row.
Saver = Callable[[forms.ModelForm, Any], models.Model]
# Why the user may not change this row (though their role may change rows of the ledger), or None.
ChangeRule = Callable[[Any, models.Model], str | None]


@dataclass(eq=False)
class Ledger:
    model: type[models.Model]
    form: type[forms.ModelForm]
    filterset: type[django_filters.FilterSet]
    table: type[django_tables2.Table]
    search_fields: tuple[str, ...] = ("name",)
    # Fields on the detail page, in order; None: the form's fields.
    detail_fields: tuple[str, ...] | None = None
    attachments: bool = False
    # Joined into the list's query so that a page costs one query, not one per row.
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    detail_template: str = "core/ledger_detail.html"
    slug: str = ""
    # More rows than a plain <select> should carry: choices of this ledger load as the user types.
    many_rows: bool = False
    # How a row reads in a select's list; default str(row).
    choice_label: Callable[[Any], str] = str
    # Saves a valid form as `user` (pages, imports and the API alike); None: form.save(). Accounts need
    # their service, which checks the grant rules.
    saver: Saver | None = None
    # The ledger's own refusal of a change to one row, on every way in (cases: supervisors only).
    refuse_change: ChangeRule | None = None
    # False: rows are kept for ever (disabled or cancelled instead); no way in deletes them.
    deletable: bool = True
    # Columns of its Excel/CSV export, import and template; None: the form's fields.
    columns: tuple[str, ...] | None = None
    # Model fields exported after those for reading only (set by a workflow, not by a form).
    read_only_columns: tuple[str, ...] = ()
    # Fields that name a row as well as its ID does (an enterprise and a year): an imported row without an
    # ID updates the stored row with the same values of these fields instead of adding a second one.
    import_key: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.slug = self.slug or f"{self.model._meta.model_name}s"

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name or ""

    @property
    def verbose_name(self) -> str | Promise:
        return self.model._meta.verbose_name or self.model_name

    @property
    def verbose_name_plural(self) -> str | Promise:
        return self.model._meta.verbose_name_plural or self.model_name

    def url_name(self, action: str) -> str:
        return f"{self.app_label}:{self.model_name}_{action}"

    def url(self, action: str, pk: int | str | None = None) -> str:
        return reverse(self.url_name(action), args=[pk] if pk is not None else [])

    def fields_for_detail(self) -> tuple[str, ...]:
        if self.detail_fields is not None:
            return self.detail_fields
        return tuple(self.form._meta.fields or ())

    def column_names(self) -> tuple[str, ...]:
        return self.columns if self.columns is not None else tuple(self.form.base_fields)

    def save(self, form: forms.ModelForm, user: Any) -> models.Model:
        """Save a validated form of this ledger as `user`, recorded as such in the history: the one write
        of a row, whichever way it came in."""
        if self.saver is not None:
            return self.saver(form, user)
        form.instance._history_user = user
        return form.save()

    def change_refusal(self, user: Any, obj: models.Model) -> str | None:
        """Why `user` may not change `obj` through this ledger (beyond role and scope), or None."""
        return self.refuse_change(user, obj) if self.refuse_change is not None and obj.pk else None

    def list_queryset(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.select_related(*self.select_related).prefetch_related(*self.prefetch_related)

    def search(self, queryset: models.QuerySet, text: str | None) -> models.QuerySet:
        """Rows whose search fields contain every word of `text`."""
        # PostgreSQL refuses NUL in a string parameter; no search field can hold one anyway.
        for word in (text or "").replace("\x00", "").split()[:5]:
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset


def register(ledger: Ledger) -> Ledger:
    LEDGERS[ledger.label] = ledger
    return ledger


def ledger_for(model: type[models.Model] | models.Model) -> Ledger | None:
    return LEDGERS.get(model._meta.label_lower)
