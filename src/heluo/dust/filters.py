"""Dust control's filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet
from heluo.core.models import Grid, Unit

from .models import ChecklistItem, ChecklistTemplate, Inspection, PatrolReport, Site


class SiteFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    contractor = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("contractor"))
    grid = django_filters.ModelChoiceFilter(queryset=Grid.objects.all(), label=_("grid"))

    class Meta:
        model = Site
        fields = ["division", "kind", "state", "contractor", "grid"]


class ChecklistTemplateFilter(LedgerFilterSet):
    class Meta:
        model = ChecklistTemplate
        fields = ["kind", "active"]


class ChecklistItemFilter(LedgerFilterSet):
    class Meta:
        model = ChecklistItem
        fields = ["template", "severity", "party"]


class InspectionFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="site__division")
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), label=_("site"))
    performed_after = django_filters.DateFilter(field_name="performed_at", lookup_expr="date__gte",
                                                label=_("inspected from"))  # fmt: skip
    performed_before = django_filters.DateFilter(field_name="performed_at", lookup_expr="date__lte",
                                                 label=_("inspected until"))  # fmt: skip

    class Meta:
        model = Inspection
        fields = ["division", "site", "template", "passed"]


class PatrolReportFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = PatrolReport
        fields = ["division", "site"]
