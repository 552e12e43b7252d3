"""The tables of departments, unit categories, age limits, units, members and moves (a card on a phone).
A member's ID number and phone are not columns: the list names the member, the record shows the rest."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import (
    ArmedForcesDepartment,
    EligibilityLimits,
    MilitiaMember,
    MilitiaUnit,
    UnitCategory,
    UnitMove,
)


class ArmedForcesDepartmentTable(LedgerTable):
    card_columns = ("name", "kind", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ArmedForcesDepartment
        fields = ("name", "kind", "division", "parent", "host_unit")


class UnitCategoryTable(LedgerTable):
    card_columns = ("name", "counts_as_new_type", "is_specialist")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = UnitCategory
        fields = ("order", "code", "name", "counts_as_new_type", "is_specialist")


class EligibilityLimitsTable(LedgerTable):
    card_columns = ("effective_from", "max_age", "primary_max_age")
    effective_from = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = EligibilityLimits
        fields = (
            "effective_from",
            "min_age",
            "max_age",
            "primary_max_age",
            "primary_extended_max_age",
            "basis",
        )


class MilitiaUnitTable(LedgerTable):
    card_columns = ("name", "category", "target_strength")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = MilitiaUnit
        fields = ("name", "level", "category", "is_primary", "department", "division", "target_strength")


class MilitiaMemberTable(LedgerTable):
    card_columns = ("name", "member_class", "unit")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = MilitiaMember
        fields = (
            "name",
            "member_class",
            "unit",
            "post",
            "division",
            "political_review",
            "joined_on",
            "left_on",
        )


class UnitMoveTable(LedgerTable):
    card_columns = ("member", "direction", "moved_on")
    moved_on = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = UnitMove
        fields = ("moved_on", "member", "direction", "from_unit", "to_unit", "reason")
