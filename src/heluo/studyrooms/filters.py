"""The city study rooms' list filters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YearFilter, YesNoFilter

from .models import (
    HoursKind,
    MonthlyStatistics,
    OpeningBalance,
    OpeningHours,
    ReadingEvent,
    Room,
    RoomState,
    SpecialDay,
    YearPlan,
)


class RoomFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    state = django_filters.ChoiceFilter(choices=RoomState.choices, label=_("state"))
    self_service_24h = YesNoFilter(field_name="self_service_24h", label=_("24-hour self-service"))
    plan = django_filters.ModelChoiceFilter(queryset=YearPlan.objects.all(), label=_("year plan"))
    late_case = YesNoFilter(
        field_name="late_case", lookup_expr="isnull", exclude=True, label=_("late-room case")
    )

    class Meta:
        model = Room
        fields = ["division", "state", "self_service_24h", "plan", "late_case"]


class OpeningHoursFilter(LedgerFilterSet):
    room = django_filters.ModelChoiceFilter(queryset=Room.objects.all(), label=_("city study room"))
    kind = django_filters.ChoiceFilter(choices=HoursKind.choices, label=_("kind"))

    class Meta:
        model = OpeningHours
        fields = ["room", "weekday", "kind"]


class SpecialDayFilter(LedgerFilterSet):
    room = django_filters.ModelChoiceFilter(queryset=Room.objects.all(), label=_("city study room"))
    year = YearFilter("date")

    class Meta:
        model = SpecialDay
        fields = ["room", "year", "closed"]


class YearPlanFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = YearPlan
        fields = ["year", "division"]


class OpeningBalanceFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="room__division")

    class Meta:
        model = OpeningBalance
        fields = ["division"]


class MonthlyStatisticsFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="room__division")
    room = django_filters.ModelChoiceFilter(queryset=Room.objects.all(), label=_("city study room"))
    year = YearFilter("month")
    month = django_filters.DateFilter(field_name="month", label=_("month"))

    class Meta:
        model = MonthlyStatistics
        fields = ["division", "room", "year", "month"]


class ReadingEventFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    room = django_filters.ModelChoiceFilter(queryset=Room.objects.all(), label=_("city study room"))
    year = YearFilter("held_on")

    class Meta:
        model = ReadingEvent
        fields = ["division", "room", "year"]
