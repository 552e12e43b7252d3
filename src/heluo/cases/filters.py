"""Filters of the case list (state, place, unit, deadline) and of the calendar corrections."""

from __future__ import annotations

import django_filters
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.cases.models import (
    OPEN_STATES,
    Case,
    CaseCategory,
    Escalation,
    HolidayOverride,
    Priority,
    State,
    overdue_q,
)
from heluo.cases.services import worklists
from heluo.cases.sources import source_choices
from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter
from heluo.core.models import Unit


class CaseFilter(LedgerFilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices, label=_("state"))
    division = DivisionTreeFilter(field_name="division")
    responsible_unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.all(), label=_("responsible unit")
    )
    category = django_filters.ModelChoiceFilter(queryset=CaseCategory.objects.all(), label=_("category"))
    source_kind = django_filters.ChoiceFilter(choices=source_choices, label=_("source"))
    priority = django_filters.ChoiceFilter(choices=Priority.choices, label=_("priority"))
    escalation = django_filters.ChoiceFilter(choices=Escalation.choices, label=_("supervision level"))
    still_open = YesNoFilter(label=_("still open"), method="filter_open")
    overdue = YesNoFilter(label=_("overdue"), method="filter_overdue")
    mine = YesNoFilter(label=_("mine to handle"), method="filter_mine")
    due_today = YesNoFilter(label=_("due today"), method="filter_due_today")
    to_verify = YesNoFilter(label=_("reply for my unit to verify"), method="filter_to_verify")

    class Meta:
        model = Case
        fields = [
            "state",
            "division",
            "responsible_unit",
            "category",
            "source_kind",
            "priority",
            "escalation",
        ]

    def filter_open(self, qs: models.QuerySet, name: str, value: bool | None) -> models.QuerySet:
        """The coarse status beside the fine state: open (any state but closed or cancelled) or not."""
        if value is None:
            return qs
        return qs.filter(state__in=OPEN_STATES) if value else qs.exclude(state__in=OPEN_STATES)

    def filter_overdue(self, qs: models.QuerySet, name: str, value: bool | None) -> models.QuerySet:
        if value is None:
            return qs
        overdue = overdue_q(timezone.now())
        return qs.filter(overdue) if value else qs.exclude(overdue)

    def filter_mine(self, qs: models.QuerySet, name: str, value: bool | None) -> models.QuerySet:
        if value is None:
            return qs
        mine = worklists.mine_q(getattr(self.request, "user", None))
        return qs.filter(mine) if value else qs.exclude(mine)

    def filter_due_today(self, qs: models.QuerySet, name: str, value: bool | None) -> models.QuerySet:
        if value is None:
            return qs
        due = worklists.due_on_q(timezone.localdate())
        return qs.filter(due) if value else qs.exclude(due)

    def filter_to_verify(self, qs: models.QuerySet, name: str, value: bool | None) -> models.QuerySet:
        if value is None:
            return qs
        waiting = worklists.to_verify_q(getattr(self.request, "user", None))
        return qs.filter(waiting) if value else qs.exclude(waiting)


class HolidayOverrideFilter(LedgerFilterSet):
    # Years a date can hold in every database (year 0 or 99999 made the year lookup fail with a 500).
    year = django_filters.NumberFilter(
        field_name="date__year", label=_("year"), min_value=1900, max_value=2100, decimal_places=0
    )
    is_workday = YesNoFilter(label=_("working day"))

    class Meta:
        model = HolidayOverride
        fields = ["year", "is_workday"]
