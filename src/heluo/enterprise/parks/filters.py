"""The science parks' list filters: the park enterprises by park, qualification, industry and stay."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, LedgerFilterSet, YesNoFilter
from heluo.core.models import Unit

from .models import EnterpriseYear, Industry, Park, ParkEnterprise, Qualification, QualificationAward


class ParkFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = Park
        fields = ["division"]


class ParkEnterpriseFilter(LedgerFilterSet):
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("science park"))
    qualification = django_filters.ModelChoiceFilter(
        queryset=Qualification.objects.all(), method="filter_qualification", label=_("qualification")
    )
    industry = django_filters.ChoiceFilter(choices=Industry.choices, label=_("industry"))
    incubating = YesNoFilter(field_name="incubating", label=_("incubating"))
    present = YesNoFilter(method="filter_present", label=_("in the park today"))

    class Meta:
        model = ParkEnterprise
        fields = ["park", "qualification", "industry", "incubating", "present"]

    def filter_qualification(
        self, queryset: QuerySet[ParkEnterprise], name: str, value: Qualification | None
    ) -> QuerySet[ParkEnterprise]:
        if value is None:
            return queryset
        holders = QualificationAward.objects.filter(qualification=value).values("enterprise")
        return queryset.filter(enterprise__in=holders)

    def filter_present(
        self, queryset: QuerySet[ParkEnterprise], name: str, value: bool | None
    ) -> QuerySet[ParkEnterprise]:
        if value is None:
            return queryset
        today = timezone.localdate()
        present = Q(entered__lte=today) & (Q(left__isnull=True) | Q(left__gt=today))
        return queryset.filter(present if value else ~present)


class QualificationFilter(LedgerFilterSet):
    class Meta:
        model = Qualification
        fields: list[str] = []


class QualificationAwardFilter(LedgerFilterSet):
    qualification = django_filters.ModelChoiceFilter(
        queryset=Qualification.objects.all(), label=_("qualification")
    )
    enterprise = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("enterprise"))
    obtained = django_filters.NumberFilter(label=_("year obtained"))

    class Meta:
        model = QualificationAward
        fields = ["qualification", "enterprise", "obtained"]


class EnterpriseYearFilter(LedgerFilterSet):
    enterprise = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), label=_("enterprise"))
    year = django_filters.NumberFilter(label=_("year"))

    class Meta:
        model = EnterpriseYear
        fields = ["enterprise", "year"]
