"""Training's, equipment's and inspections' list filters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter

from .models import (
    Audience,
    Condition,
    EquipmentCategory,
    EquipmentCheck,
    EquipmentItem,
    Finding,
    Inspection,
    InspectionVisit,
    MilitiaUnit,
    TrainingAttendance,
    TrainingSession,
    TrainingSubject,
)


class TrainingSubjectFilter(LedgerFilterSet):
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("for whom"))

    class Meta:
        model = TrainingSubject
        fields = ["audience", "category"]


class TrainingSessionFilter(LedgerFilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=MilitiaUnit.objects.all(), label=_("militia unit"))
    division = DivisionTreeFilter(field_name="unit__division")
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("held from"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("held until"))

    class Meta:
        model = TrainingSession
        fields = ["unit", "subject", "division", "held_from", "held_to"]


class TrainingAttendanceFilter(LedgerFilterSet):
    session = django_filters.ModelChoiceFilter(
        queryset=TrainingSession.objects.all(), label=_("training session")
    )

    class Meta:
        model = TrainingAttendance
        fields = ["session", "present", "assessment"]


class EquipmentItemFilter(LedgerFilterSet):
    category = django_filters.ChoiceFilter(choices=EquipmentCategory.choices, label=_("category"))
    condition = django_filters.ChoiceFilter(choices=Condition.choices, label=_("condition"))
    division = DivisionTreeFilter(field_name="department__division")

    class Meta:
        model = EquipmentItem
        fields = ["category", "condition", "department", "division"]


class EquipmentCheckFilter(LedgerFilterSet):
    item = django_filters.ModelChoiceFilter(queryset=EquipmentItem.objects.all(), label=_("equipment item"))

    class Meta:
        model = EquipmentCheck
        fields = ["item", "condition"]


class InspectionFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = Inspection
        fields = ["division", "reorganisation"]


class InspectionVisitFilter(LedgerFilterSet):
    inspection = django_filters.ModelChoiceFilter(
        queryset=Inspection.objects.all(), label=_("militia inspection")
    )

    class Meta:
        model = InspectionVisit
        fields = ["inspection", "department"]


class FindingFilter(LedgerFilterSet):
    inspection = django_filters.ModelChoiceFilter(
        queryset=Inspection.objects.all(), label=_("militia inspection")
    )
    rectified = YesNoFilter(
        field_name="rectified_on", lookup_expr="isnull", exclude=True, label=_("rectified")
    )

    class Meta:
        model = Finding
        fields = ["inspection", "department", "rectified"]
