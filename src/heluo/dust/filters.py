"""Dust control's filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet
from heluo.core.models import Grid, Unit

from .models import AssessmentScheme, ConsultationRule, SensitiveReceptor, Site, WeatherForecast


class SiteFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    contractor = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("contractor"))
    grid = django_filters.ModelChoiceFilter(queryset=Grid.objects.all(), label=_("grid"))

    class Meta:
        model = Site
        fields = ["division", "kind", "state", "contractor", "grid"]


class SensitiveReceptorFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = SensitiveReceptor
        fields = ["division", "kind"]


class WeatherForecastFilter(LedgerFilterSet):
    class Meta:
        model = WeatherForecast
        fields = ["day", "division", "alert"]


class ConsultationRuleFilter(LedgerFilterSet):
    class Meta:
        model = ConsultationRule
        fields = ["decision", "active"]


class AssessmentSchemeFilter(LedgerFilterSet):
    class Meta:
        model = AssessmentScheme
        fields = ["subject"]
