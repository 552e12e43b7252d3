"""The financing ledgers' filter sets."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet
from heluo.core.models import Unit

from .models import Award, CoordinatedLoan, FinancingAgreement


class FinancingAgreementFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    bank = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("bank"))

    class Meta:
        model = FinancingAgreement
        fields = ["division", "bank", "amount_kind"]


class CoordinatedLoanFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    bank = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("bank"))
    granted_after = django_filters.DateFilter(
        field_name="granted_on", lookup_expr="gte", label=_("granted from")
    )
    granted_before = django_filters.DateFilter(
        field_name="granted_on", lookup_expr="lte", label=_("granted until")
    )

    class Meta:
        model = CoordinatedLoan
        fields = ["division", "bank", "granted_after", "granted_before"]


class AwardFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = Award
        fields = ["division", "level", "year"]
