"""The militia's ledgers: departments, unit categories and the city's age limits, units, members and moves.
Every way in writes through these forms and `Ledger.save` (members and moves through their services)."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import (
    ArmedForcesDepartment,
    EligibilityLimits,
    MilitiaMember,
    MilitiaUnit,
    UnitCategory,
    UnitMove,
)
from .services.members import save_member, save_move

armed_forces_department = register(
    Ledger(
        ArmedForcesDepartment,
        slug="departments",
        form=forms.ArmedForcesDepartmentForm,
        filterset=filters.ArmedForcesDepartmentFilter,
        table=tables.ArmedForcesDepartmentTable,
        select_related=("division", "parent", "host_unit"),
    )
)
unit_category = register(
    Ledger(
        UnitCategory,
        slug="categories",
        form=forms.UnitCategoryForm,
        filterset=filters.UnitCategoryFilter,
        table=tables.UnitCategoryTable,
        search_fields=("name", "code"),
        refuse_change=forms.city_data_refusal,
        import_key=("code",),
    )
)
eligibility_limits = register(
    Ledger(
        EligibilityLimits,
        slug="age-limits",
        form=forms.EligibilityLimitsForm,
        filterset=filters.EligibilityLimitsFilter,
        table=tables.EligibilityLimitsTable,
        search_fields=("basis",),
        refuse_change=forms.city_data_refusal,
        deletable=False,
        import_key=("effective_from",),
    )
)
militia_unit = register(
    Ledger(
        MilitiaUnit,
        slug="units",
        form=forms.MilitiaUnitForm,
        filterset=filters.MilitiaUnitFilter,
        table=tables.MilitiaUnitTable,
        select_related=("department", "division", "category", "parent"),
        detail_template="militia/unit_detail.html",
    )
)
militia_member = register(
    Ledger(
        MilitiaMember,
        slug="members",
        form=forms.MilitiaMemberForm,
        filterset=filters.MilitiaMemberFilter,
        table=tables.MilitiaMemberTable,
        search_fields=("name", "unit__name"),
        select_related=("division", "unit"),
        detail_template="militia/member_detail.html",
        saver=save_member,
        many_rows=True,
    )
)
unit_move = register(
    Ledger(
        UnitMove,
        slug="moves",
        form=forms.UnitMoveForm,
        filterset=filters.UnitMoveFilter,
        table=tables.UnitMoveTable,
        search_fields=("member__name", "reason"),
        select_related=("member", "from_unit", "to_unit"),
        saver=save_move,
        deletable=False,
        read_only_columns=("direction", "from_unit"),
    )
)
