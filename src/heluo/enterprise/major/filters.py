""" "5个1" major projects' filter sets."""

from __future__ import annotations

import django_filters
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter
from heluo.core.models import Person, Unit

from .models import MajorProject, Milestone


class MajorProjectFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    leader = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(), label=_("district leader in charge")
    )
    responsible_unit = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.all(), label=_("responsible unit")
    )

    class Meta:
        model = MajorProject
        fields = ["division", "state", "leader", "responsible_unit"]


class MilestoneFilter(LedgerFilterSet):
    project = django_filters.ModelChoiceFilter(queryset=MajorProject.objects.all(), label=_("major project"))
    planned_date = django_filters.DateFromToRangeFilter(label=_("planned date"))
    slipped = YesNoFilter(method="filter_slipped", label=_("slipped"))

    class Meta:
        model = Milestone
        fields = ["project", "planned_date", "slipped"]

    def filter_slipped(
        self, queryset: QuerySet[Milestone], name: str, value: bool | None
    ) -> QuerySet[Milestone]:
        """Slipped: done after its planned date, or still not done after it (as the figures count)."""
        if value is None:
            return queryset
        slipped = Q(actual_date__gt=F("planned_date")) | Q(
            actual_date__isnull=True, planned_date__lt=timezone.localdate()
        )
        return queryset.filter(slipped) if value else queryset.exclude(slipped)
