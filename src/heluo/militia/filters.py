"""The list filters of departments, unit categories, age limits, units, members and moves."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter

from .models import (
    ArmedForcesDepartment,
    DepartmentKind,
    EligibilityLimits,
    MemberClass,
    MilitiaMember,
    MilitiaUnit,
    MoveDirection,
    PoliticalReview,
    UnitCategory,
    UnitLevel,
    UnitMove,
)


class ArmedForcesDepartmentFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    kind = django_filters.ChoiceFilter(choices=DepartmentKind.choices, label=_("kind"))

    class Meta:
        model = ArmedForcesDepartment
        fields = ["division", "kind"]


class UnitCategoryFilter(LedgerFilterSet):
    counts_as_new_type = YesNoFilter(label=_("counts as new-type forces"))

    class Meta:
        model = UnitCategory
        fields = ["counts_as_new_type"]


class EligibilityLimitsFilter(LedgerFilterSet):
    class Meta:
        model = EligibilityLimits
        fields: list[str] = []


class MilitiaUnitFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    level = django_filters.ChoiceFilter(choices=UnitLevel.choices, label=_("level"))
    is_primary = YesNoFilter(label=_("primary militia unit"))

    class Meta:
        model = MilitiaUnit
        fields = ["division", "level", "category", "is_primary"]


class MilitiaMemberFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    member_class = django_filters.ChoiceFilter(choices=MemberClass.choices, label=_("militia class"))
    political_review = django_filters.ChoiceFilter(
        choices=PoliticalReview.choices, label=_("political review")
    )
    is_veteran = YesNoFilter(label=_("veteran"))
    on_roster = YesNoFilter(field_name="left_on", lookup_expr="isnull", label=_("on the roster"))

    class Meta:
        model = MilitiaMember
        fields = ["division", "member_class", "unit", "political_review", "is_veteran", "on_roster"]


class UnitMoveFilter(LedgerFilterSet):
    direction = django_filters.ChoiceFilter(choices=MoveDirection.choices, label=_("direction"))

    class Meta:
        model = UnitMove
        fields = ["direction", "member"]
