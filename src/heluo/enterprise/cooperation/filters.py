"""The cooperation ledger's filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet
from heluo.core.models import Unit

from .models import CooperationProgress, CooperationProject


class CooperationProjectFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    local_party = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("local party"))
    partners = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("enterprise partner"))
    year = django_filters.NumberFilter(field_name="progress__year", label=_("in the ledger in year"))

    class Meta:
        model = CooperationProject
        fields = ["division", "entry_year", "local_party", "partners", "year"]


class CooperationProgressFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="project__division")

    class Meta:
        model = CooperationProgress
        fields = ["division", "year", "state", "project"]
