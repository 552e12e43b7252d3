"""Tables: the base every ledger's list shares, and core's own."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from heluo.core.models import Account, Division, Grid, GridMembership, Person, Unit, Zone
from heluo.core.services.masking import shown


class MaskedColumn(tables.Column):
    """A sensitive field: masked unless the viewing user may see it in full."""

    def render(self, value: Any, record: Any, bound_column: Any = None, table: Any = None) -> Any:
        user = getattr(getattr(table, "request", None), "user", None)
        return shown(user, record, self.accessor or "", value)


class LedgerTable(tables.Table):
    # On a phone each row is a card that starts with these columns (what the row is: its title, state,
    # deadline, responsible unit); empty: the first column.
    card_columns: tuple[str, ...] = ()

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle ledger-table heluo-cards"}
        empty_text = _("No records match.")

    @property
    def card_places(self) -> dict[str, int]:
        names = self.card_columns or tuple(self.columns.names()[:1])
        return {name: place for place, name in enumerate(names, start=1)}


class DivisionTable(LedgerTable):
    code = tables.Column(linkify=True)
    name = tables.Column()
    level = tables.Column()
    parent = tables.Column(verbose_name=_("parent division"))
    valid_to = tables.Column()

    class Meta(LedgerTable.Meta):
        model = Division
        fields = ("code", "name", "level", "parent", "valid_to")


class ZoneTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Zone
        fields = ("name", "code", "city")


class UnitTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Unit
        fields = ("name", "unit_type", "division", "credit_code", "contact_name", "contact_phone")


class PersonTable(LedgerTable):
    name = tables.Column(linkify=True)
    id_number = MaskedColumn()

    class Meta(LedgerTable.Meta):
        model = Person
        fields = ("name", "gender", "id_type", "id_number", "phone", "division", "unit", "position")


class GridTable(LedgerTable):
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Grid
        fields = ("name", "division", "level", "parent")


class GridMembershipTable(LedgerTable):
    person = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = GridMembership
        fields = ("grid", "person", "role", "start", "end")


class AccountTable(LedgerTable):
    username = tables.Column(
        accessor="user__username",
        verbose_name=_("user name"),
        linkify=lambda record: record.get_absolute_url(),
    )
    is_active = tables.BooleanColumn(accessor="user__is_active", verbose_name=_("active"))
    roles = tables.ManyToManyColumn(verbose_name=_("roles"))

    class Meta(LedgerTable.Meta):
        model = Account
        fields = ("username", "display_name", "unit", "home_division", "home_zone", "roles", "is_active")
