"""Dust control's tables."""

from __future__ import annotations

import django_tables2 as tables

from heluo.core.tables import LedgerTable

from .models import AssessmentScheme, ConsultationRule, SensitiveReceptor, Site, WeatherForecast


class SiteTable(LedgerTable):
    card_columns = ("name", "state", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Site
        fields = ("name", "kind", "division", "contractor", "state", "grid", "start_date")


class SensitiveReceptorTable(LedgerTable):
    card_columns = ("name", "kind", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = SensitiveReceptor
        fields = ("name", "kind", "division", "address")


class WeatherForecastTable(LedgerTable):
    card_columns = ("day", "division", "alert")
    day = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = WeatherForecast
        fields = ("day", "division", "wind_speed", "wind_direction", "precipitation", "alert")


class ConsultationRuleTable(LedgerTable):
    card_columns = ("order", "name", "decision")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ConsultationRule
        fields = ("order", "name", "decision", "active")


class AssessmentSchemeTable(LedgerTable):
    card_columns = ("name", "subject", "period_end")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = AssessmentScheme
        fields = ("name", "subject", "period_start", "period_end", "base_score")
