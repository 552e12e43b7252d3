"""Monitoring's filter sets."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heluo.core.filters import DivisionTreeFilter, FilterSet, LedgerFilterSet, YesNoFilter

from .conf import offline_after
from .models import AlarmRule, AlarmState, ControlReading, ControlStation, Direction, Monitor, MonitoringPoint


class MonitorFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="point__division")
    point = django_filters.ModelChoiceFilter(
        queryset=MonitoringPoint.objects.all(), label=_("monitoring point")
    )
    online = YesNoFilter(label=_("online"), method="filter_online")

    class Meta:
        model = Monitor
        fields = ["division", "point", "protocol_version", "active", "online"]

    def filter_online(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        recent = Q(status__last_seen__gte=timezone.now() - offline_after())
        return qs.filter(recent) if value else qs.exclude(recent)


class MessageLogFilter(FilterSet):
    """Not a ledger's: the log is reached per MN, and the view checks the MN is the user's."""

    mn = django_filters.CharFilter(label=_("MN"))
    direction = django_filters.ChoiceFilter(choices=Direction.choices, label=_("direction"))
    text = django_filters.CharFilter(lookup_expr="icontains", label=_("text contains"))


class MonitoringPointFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = MonitoringPoint
        fields = ["division", "coordinate_system"]


class ControlStationFilter(LedgerFilterSet):
    division = DivisionTreeFilter(field_name="division")

    class Meta:
        model = ControlStation
        fields = ["division", "kind", "active"]


class ControlReadingFilter(LedgerFilterSet):
    station = django_filters.ModelChoiceFilter(
        queryset=ControlStation.objects.all(), label=_("control station")
    )
    since = django_filters.DateFilter(field_name="hour", lookup_expr="date__gte", label=_("from"))
    until = django_filters.DateFilter(field_name="hour", lookup_expr="date__lte", label=_("to"))

    class Meta:
        model = ControlReading
        fields = ["station", "since", "until"]


class AlarmRuleFilter(LedgerFilterSet):
    class Meta:
        model = AlarmRule
        fields = ["method", "factor", "active"]


class AlarmFilter(FilterSet):
    """Not a ledger's: alarms are made by the rules, never by hand; the view scopes the rows."""

    state = django_filters.ChoiceFilter(choices=AlarmState.choices, label=_("state"))
    rule = django_filters.ModelChoiceFilter(queryset=AlarmRule.objects.all(), label=_("alarm rule"))
    division = DivisionTreeFilter(field_name="point__division")
