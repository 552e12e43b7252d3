"""The reorganisation's list filters."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import LedgerFilterSet, YesNoFilter

from .models import MemberClass, Muster, MusterAttendance, Reorganisation, ReorganisationTarget


class ReorganisationFilter(LedgerFilterSet):
    year = django_filters.NumberFilter(label=_("year"))

    class Meta:
        model = Reorganisation
        fields = ["year"]


class ReorganisationTargetFilter(LedgerFilterSet):
    member_class = django_filters.ChoiceFilter(choices=MemberClass.choices, label=_("militia class"))
    year = django_filters.NumberFilter(field_name="reorganisation__year", label=_("year"))

    class Meta:
        model = ReorganisationTarget
        fields = ["member_class", "year"]


class MusterFilter(LedgerFilterSet):
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte", label=_("held from"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte", label=_("held to"))

    class Meta:
        model = Muster
        fields = ["held_from", "held_to"]


class MusterAttendanceFilter(LedgerFilterSet):
    present = YesNoFilter(field_name="present", label=_("present"))

    class Meta:
        model = MusterAttendance
        fields = ["present"]
