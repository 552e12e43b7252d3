"""Monitoring's ledgers: monitors, control stations and their hourly values, alarm rules."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.core.ledger import Ledger, register
from heluo.core.tabular.keys import NaturalKey, register_key

from . import filters, forms, tables
from .models import AlarmRule, ControlReading, ControlStation, Monitor, MonitoringPoint

monitor = register(
    Ledger(
        Monitor,
        many_rows=True,
        form=forms.MonitorForm,
        filterset=filters.MonitorFilter,
        table=tables.MonitorTable,
        search_fields=("mn", "name", "point__name"),
        select_related=("point", "status"),
        detail_template="monitoring/monitor_detail.html",
    )
)
monitoring_point = register(
    Ledger(
        MonitoringPoint,
        many_rows=True,
        form=forms.MonitoringPointForm,
        filterset=filters.MonitoringPointFilter,
        table=tables.MonitoringPointTable,
        search_fields=("name", "address"),
        select_related=("division",),
        slug="points",
        detail_template="monitoring/point_detail.html",
    )
)
control_station = register(
    Ledger(
        ControlStation,
        form=forms.ControlStationForm,
        filterset=filters.ControlStationFilter,
        table=tables.ControlStationTable,
        search_fields=("code", "name"),
        select_related=("division",),
    )
)
control_reading = register(
    Ledger(
        ControlReading,
        many_rows=True,
        form=forms.ControlReadingForm,
        filterset=filters.ControlReadingFilter,
        table=tables.ControlReadingTable,
        search_fields=("station__name", "station__code"),
        select_related=("station",),
    )
)
alarm_rule = register(
    Ledger(
        AlarmRule,
        form=forms.AlarmRuleForm,
        filterset=filters.AlarmRuleFilter,
        table=tables.AlarmRuleTable,
        search_fields=("code", "name"),
    )
)


def _stations_by_code(queryset: QuerySet[ControlStation], texts: set[str]) -> dict[str, ControlStation]:
    return {station.code: station for station in queryset.filter(code__in=texts)}


# A control station is written in a cell as its code (the network's station code, e.g. 1388A).
register_key(
    "monitoring.controlstation",
    NaturalKey(lambda station: station.code, _stations_by_code, "1388A", _("the station code")),
)
