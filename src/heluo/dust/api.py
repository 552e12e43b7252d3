"""Dust control in the API (docs/api.md): construction sites, written as on their pages (the site form,
then dust's service, which keeps each site's monitoring point in step)."""

from __future__ import annotations

from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.dust import ledgers
from heluo.dust.models import AssessmentScheme, ConsultationRule, SensitiveReceptor, Site, WeatherForecast


class SiteSerializer(LedgerSerializer):
    class Meta:
        model = Site
        fields = [
            "id", "display", "name", "kind", "division", "address", "longitude", "latitude", "coordinate_system",
            "contractor", "developer", "state", "grid", "start_date", "end_date", "notes", "created_at",
            "updated_at", "row_version",
        ]  # fmt: skip


class SiteViewSet(LedgerViewSet):
    """Construction sites (工地) of the project list (工程项目清单)."""

    ledger = ledgers.site
    serializer_class = SiteSerializer


class SensitiveReceptorSerializer(LedgerSerializer):
    class Meta:
        model = SensitiveReceptor
        fields = [
            "id", "display", "name", "kind", "division", "address", "longitude", "latitude", "coordinate_system",
            "notes", "created_at", "updated_at", "row_version",
        ]  # fmt: skip


class SensitiveReceptorViewSet(LedgerViewSet):
    """Sensitive receptors (敏感目标): schools, hospitals and the like near demolition sites."""

    ledger = ledgers.sensitive_receptor
    serializer_class = SensitiveReceptorSerializer


class WeatherForecastSerializer(LedgerSerializer):
    class Meta:
        model = WeatherForecast
        fields = [
            "id", "display", "day", "division", "wind_speed", "wind_direction", "precipitation", "alert", "source",
            "notes", "created_at", "updated_at", "row_version",
        ]  # fmt: skip


class WeatherForecastViewSet(LedgerViewSet):
    """The day's weather forecast per district or for the whole city, with the heavy-pollution alert."""

    ledger = ledgers.weather_forecast
    serializer_class = WeatherForecastSerializer


class ConsultationRuleSerializer(LedgerSerializer):
    class Meta:
        model = ConsultationRule
        fields = [
            "id", "display", "order", "name", "decision", "alert_at_least", "aqi_at_least", "wind_at_least",
            "precipitation_below", "receptor_within", "receptor_downwind", "station_within", "active", "basis",
            "created_at", "updated_at", "row_version",
        ]  # fmt: skip


class ConsultationRuleViewSet(LedgerViewSet):
    """The rules of the daily demolition consultation, tried in their order."""

    ledger = ledgers.consultation_rule
    serializer_class = ConsultationRuleSerializer


class AssessmentSchemeSerializer(LedgerSerializer):
    class Meta:
        model = AssessmentScheme
        fields = [
            "id", "display", "name", "subject", "period_start", "period_end", "base_score", "per_failed_item",
            "per_overdue_case", "per_alarm_hour", "per_enforcement", "cap_per_kind", "clean_bonus", "issuer",
            "notes", "created_at", "updated_at", "row_version",
        ]  # fmt: skip


class AssessmentSchemeViewSet(LedgerViewSet):
    """Assessment schemes (考核奖惩) of districts or enterprises, one per period."""

    ledger = ledgers.assessment_scheme
    serializer_class = AssessmentSchemeSerializer


def register(router: BaseRouter) -> None:
    """Dust control's routes under /api/dust/."""
    register_ledgers(router, SiteViewSet)
    register_ledgers(
        router,
        SensitiveReceptorViewSet,
        WeatherForecastViewSet,
        ConsultationRuleViewSet,
        AssessmentSchemeViewSet,
    )
