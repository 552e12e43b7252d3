"""Dust control's filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet
from heluo.core.models import Grid, Unit

from .models import Site


class SiteFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    contractor = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("contractor"))
    grid = django_filters.ModelChoiceFilter(queryset=Grid.objects.all(), label=_("grid"))

    class Meta:
        model = Site
        fields = ["division", "kind", "state", "contractor", "grid"]
