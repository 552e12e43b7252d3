"""Dust control's filter sets."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter
from heluo.core.models import Grid, Person, Unit

from .models import (
    AssessmentScheme,
    BlacklistEntry,
    ChecklistItem,
    ChecklistTemplate,
    ConsultationRule,
    CoverRecord,
    Inspection,
    Ladder,
    LegalBasis,
    Measure,
    PackageArea,
    PackageAreaStaff,
    PatrolReport,
    PenaltyCount,
    SensitiveReceptor,
    Site,
    WasteRemoval,
    WeatherForecast,
)

# The dynamic ledger's (动态管理台账) "this week": the last seven days.
RECENT = dt.timedelta(days=7)


class SiteFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")
    contractor = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("contractor"))
    package_area = django_filters.ModelChoiceFilter(
        queryset=PackageArea.objects.all(), label=_("package area")
    )
    grid = django_filters.ModelChoiceFilter(queryset=Grid.objects.all(), label=_("grid"))
    changed_this_week = YesNoFilter(method="filter_changed", label=_("changed in the last 7 days"))

    class Meta:
        model = Site
        fields = ["division", "kind", "state", "contractor", "package_area", "grid", "changed_this_week"]

    def filter_changed(self, queryset: QuerySet[Site], name: str, value: bool | None) -> QuerySet[Site]:
        """Sites with a history row (created or changed) in the last seven days, or none."""
        if value is None:
            return queryset
        changed = Site.history.filter(history_date__gte=timezone.now() - RECENT).values("id")
        return queryset.filter(pk__in=changed) if value else queryset.exclude(pk__in=changed)


class PackageAreaFilter(LedgerFilterSet):
    cadre = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), label=_("county-level cadre"))

    class Meta:
        model = PackageArea
        fields = ["cadre"]


class PackageAreaStaffFilter(LedgerFilterSet):
    package_area = django_filters.ModelChoiceFilter(
        queryset=PackageArea.objects.all(), label=_("package area")
    )

    class Meta:
        model = PackageAreaStaff
        fields = ["package_area", "role"]


class WasteRemovalFilter(LedgerFilterSet):
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), label=_("construction site"))
    date = django_filters.DateFromToRangeFilter(label=_("date"))

    class Meta:
        model = WasteRemoval
        fields = ["site", "date"]


class CoverRecordFilter(LedgerFilterSet):
    site = django_filters.ModelChoiceFilter(queryset=Site.objects.all(), label=_("construction site"))
    uncovered = YesNoFilter(method="filter_uncovered", label=_("still uncovered"))

    class Meta:
        model = CoverRecord
        fields = ["site", "target", "uncovered"]

    def filter_uncovered(
        self, queryset: QuerySet[CoverRecord], name: str, value: bool | None
    ) -> QuerySet[CoverRecord]:
        if value is None:
            return queryset
        return queryset.filter(Q(covered_at__isnull=value))


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
