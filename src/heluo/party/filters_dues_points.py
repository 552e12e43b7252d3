"""The list filters of dues and points."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import LedgerFilterSet, YesNoFilter

from .models import (
    DuesArrangement,
    DuesPayment,
    DuesReduction,
    PartyOrganisation,
    PaymentMethod,
    PointsCategory,
    PointsEntry,
    PointsRule,
    PointsYear,
)


class OrganisationTreeFilter(django_filters.ModelChoiceFilter):
    """Rows of the chosen organisation and of every organisation below it."""

    def __init__(self, field_name: str, **kwargs: object) -> None:
        super().__init__(
            field_name=field_name,
            queryset=PartyOrganisation.objects.all(),
            label=_("party organisation"),
            **kwargs,
        )
        self.path_field = field_name

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.path_field}__path__startswith": value.path})


class DuesArrangementFilter(LedgerFilterSet):
    quarterly_allowed = YesNoFilter(field_name="quarterly_allowed", label=_("quarterly payment allowed"))

    class Meta:
        model = DuesArrangement
        fields = ["quarterly_allowed"]


class DuesReductionFilter(LedgerFilterSet):
    organisation = OrganisationTreeFilter("member__organisation")
    exempt = YesNoFilter(field_name="exempt", label=_("exempt"))

    class Meta:
        model = DuesReduction
        fields = ["organisation", "exempt"]


class DuesPaymentFilter(LedgerFilterSet):
    organisation = OrganisationTreeFilter("member__organisation")
    month = django_filters.DateFromToRangeFilter(field_name="month", label=_("month paid for"))
    method = django_filters.ChoiceFilter(choices=PaymentMethod.choices, label=_("method"))

    class Meta:
        model = DuesPayment
        fields = ["organisation", "month", "method"]


class PointsRuleFilter(LedgerFilterSet):
    category = django_filters.ChoiceFilter(choices=PointsCategory.choices, label=_("category"))

    class Meta:
        model = PointsRule
        fields = ["category"]


class PointsEntryFilter(LedgerFilterSet):
    organisation = OrganisationTreeFilter("member__organisation")
    year = django_filters.NumberFilter(field_name="year", label=_("year"))
    rule = django_filters.ModelChoiceFilter(queryset=PointsRule.objects.all(), label=_("rule"))
    manual = YesNoFilter(field_name="content_type", lookup_expr="isnull", label=_("manual entry"))

    class Meta:
        model = PointsEntry
        fields = ["organisation", "year", "rule", "manual"]


class PointsYearFilter(LedgerFilterSet):
    year = django_filters.NumberFilter(field_name="year", label=_("year"))

    class Meta:
        model = PointsYear
        fields = ["year"]
