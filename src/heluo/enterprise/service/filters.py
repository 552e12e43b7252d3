"""The service desk's filter sets."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.cases.models import OPEN_STATES, State
from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter
from heluo.core.models import Person, Unit

from .models import ENTERPRISE, OfficerAssignment, Problem, ProblemCategory, Stage, TimeLimit, Visit


def _enterprise() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(queryset=Unit.objects.filter(**ENTERPRISE), label=_("enterprise"))


def _officer() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("chief service officer"))


class ProblemCategoryFilter(LedgerFilterSet):
    class Meta:
        model = ProblemCategory
        fields: list[str] = []


class TimeLimitFilter(LedgerFilterSet):
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label=_("stage"))

    class Meta:
        model = TimeLimit
        fields = ["stage", "category"]


class OfficerAssignmentFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="enterprise__division")
    officer = _officer()
    enterprise = _enterprise()
    current = YesNoFilter(method="filter_current", label=_("current"))

    class Meta:
        model = OfficerAssignment
        fields = ["division", "officer", "enterprise", "current"]

    def filter_current(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(end__isnull=True) if value else queryset.filter(end__isnull=False)


class VisitFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="enterprise__division")
    officer = _officer()
    enterprise = _enterprise()
    date = django_filters.DateFromToRangeFilter(label=_("date"))

    class Meta:
        model = Visit
        fields = ["division", "officer", "enterprise", "date"]


class ProblemFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="enterprise__division")
    enterprise = _enterprise()
    responsible_unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.all(), label=_("responsible unit")
    )
    raised_on = django_filters.DateFromToRangeFilter(label=_("raised on"))
    state = django_filters.ChoiceFilter(field_name="case__state", choices=State.choices, label=_("state"))
    still_open = YesNoFilter(method="filter_open", label=_("not yet closed"))

    class Meta:
        model = Problem
        fields = [
            "division",
            "enterprise",
            "category",
            "responsible_unit",
            "raised_on",
            "state",
            "still_open",
        ]

    def filter_open(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        condition = Q(case__state__in=OPEN_STATES)
        return queryset.filter(condition) if value else queryset.exclude(condition)
