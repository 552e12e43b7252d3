"""Dust control's filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter
from heluo.core.models import Grid, Unit

from .models import BlacklistEntry, Ladder, LegalBasis, Measure, PenaltyCount, Site


class SiteFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    contractor = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("contractor"))
    grid = django_filters.ModelChoiceFilter(queryset=Grid.objects.all(), label=_("grid"))

    class Meta:
        model = Site
        fields = ["division", "kind", "state", "contractor", "grid"]


class LegalBasisFilter(LedgerFilterSet):
    class Meta:
        model = LegalBasis
        fields = ["law"]


class LadderFilter(LedgerFilterSet):
    class Meta:
        model = Ladder
        fields = ["in_force"]


class MeasureFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="site__division")
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), label=_("construction site"))
    legal_basis = django_filters.ModelChoiceFilter(queryset=LegalBasis.objects.all(), label=_("legal basis"))
    served_on = django_filters.DateFromToRangeFilter(label=_("served on"))

    class Meta:
        model = Measure
        fields = ["division", "site", "kind", "legal_basis", "served_on"]


class PenaltyCountFilter(LedgerFilterSet):
    site = django_filters.ModelChoiceFilter(
        queryset=Site.objects.all(), field_name="order__site", label=_("construction site")
    )
    running = YesNoFilter(field_name="ended_on", lookup_expr="isnull", label=_("running"))

    class Meta:
        model = PenaltyCount
        fields = ["site", "running", "end_reason"]


class BlacklistEntryFilter(LedgerFilterSet):
    enterprise = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("enterprise"))

    class Meta:
        model = BlacklistEntry
        fields = ["enterprise"]
