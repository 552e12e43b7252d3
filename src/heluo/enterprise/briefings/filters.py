"""Policy briefings' filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet
from heluo.core.models import Unit

from .models import Briefing, BriefingPolicy


class BriefingFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    date = django_filters.DateFromToRangeFilter(label=_("date"))
    enterprises = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.filter(unit_type__code="enterprise"), label=_("enterprise attending")
    )

    class Meta:
        model = Briefing
        fields = ["division", "date", "enterprises"]


class BriefingPolicyFilter(LedgerFilterSet):
    briefing = django_filters.ModelChoiceFilter(queryset=Briefing.objects.all(), label=_("policy briefing"))
    department = django_filters.ModelChoiceFilter(
        queryset=Unit.objects.filter(unit_type__code="government"), label=_("department")
    )

    class Meta:
        model = BriefingPolicy
        fields = ["briefing", "department"]
