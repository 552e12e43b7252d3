"""Core's ledgers: each model's form, filters, table and search in one declaration."""

from __future__ import annotations

from typing import Any

from heluo.core import filters, forms, tables
from heluo.core.ledger import Ledger, register
from heluo.core.models import Account, Division, Grid, GridMembership, Person, Unit, Zone
from heluo.core.services import accounts as account_services


def save_account(form: forms.AccountForm, user: Any) -> Account:
    """Accounts are created and changed through their service, which holds the grant rules.

    A new account's temporary password rides on the returned object, to be shown once.
    """
    data = form.cleaned_data
    fields = {
        "display_name": data.get("display_name", ""),
        "home_division": data.get("home_division"),
        "home_zone": data.get("home_zone"),
        "unit": data.get("unit"),
        "person": data.get("person"),
    }
    if form.instance.pk:
        return account_services.update_account(
            user, form.instance, roles=data.get("roles") or [], email=data.get("email", ""),
            is_active=data.get("is_active", True), **fields,
        )  # fmt: skip
    account, password = account_services.create_account(
        user, username=data["username"], email=data.get("email", ""), roles=data.get("roles") or [], **fields
    )
    account.temporary_password = password  # type: ignore[attr-defined]
    return account


def _division_choice(division: Division) -> str:
    parent = division.parent.display_name if division.parent_id else ""
    return f"{division.display_name}（{parent}）" if parent else division.display_name


division = register(
    Ledger(
        Division,
        many_rows=True,
        form=forms.DivisionForm,
        filterset=filters.DivisionFilter,
        table=tables.DivisionTable,
        search_fields=("name", "code"),
        select_related=("parent",),
        choice_label=_division_choice,
    )
)
zone = register(
    Ledger(
        Zone,
        form=forms.ZoneForm,
        filterset=filters.ZoneFilter,
        table=tables.ZoneTable,
        search_fields=("name", "code"),
        select_related=("city",),
    )
)
unit = register(
    Ledger(
        Unit,
        many_rows=True,
        form=forms.UnitForm,
        filterset=filters.UnitFilter,
        table=tables.UnitTable,
        search_fields=("name", "credit_code", "contact_name"),
        select_related=("unit_type", "division"),
        attachments=True,
    )
)
person = register(
    Ledger(
        Person,
        many_rows=True,
        form=forms.PersonForm,
        filterset=filters.PersonFilter,
        table=tables.PersonTable,
        search_fields=("name", "phone"),
        select_related=("division", "unit"),
        slug="people",
        attachments=True,
    )
)
grid = register(
    Ledger(
        Grid,
        many_rows=True,
        form=forms.GridForm,
        filterset=filters.GridFilter,
        table=tables.GridTable,
        search_fields=("name",),
        select_related=("division", "parent"),
        detail_template="core/grid_detail.html",
    )
)
grid_membership = register(
    Ledger(
        GridMembership,
        form=forms.GridMembershipForm,
        filterset=filters.GridMembershipFilter,
        table=tables.GridMembershipTable,
        search_fields=("person__name", "grid__name"),
        select_related=("grid", "person", "role"),
    )
)
account = register(
    Ledger(
        Account,
        form=forms.AccountForm,
        filterset=filters.AccountFilter,
        table=tables.AccountTable,
        search_fields=("user__username", "display_name"),
        detail_fields=(
            "display_name",
            "person",
            "unit",
            "home_division",
            "home_zone",
            "roles",
            "must_change_password",
        ),
        select_related=("user", "unit", "home_division", "home_zone"),
        prefetch_related=("roles",),
        detail_template="core/account_detail.html",
        saver=save_account,
        # The history and the access log point at accounts: disable one (is_active) instead.
        deletable=False,
        columns=(
            "username",
            "display_name",
            "email",
            "person",
            "unit",
            "home_division",
            "home_zone",
            "roles",
            "is_active",
        ),
    )
)
