"""Dust control's forms."""

from __future__ import annotations

from django import forms

from heluo.core.forms import DateInput, LedgerForm

from .models import AssessmentScheme, ConsultationRule, SensitiveReceptor, Site, WeatherForecast


class SiteForm(LedgerForm):
    class Meta:
        model = Site
        fields = [
            "name",
            "kind",
            "division",
            "address",
            "longitude",
            "latitude",
            "coordinate_system",
            "contractor",
            "developer",
            "state",
            "grid",
            "floor_area",
            "length",
            "start_date",
            "end_date",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class SensitiveReceptorForm(LedgerForm):
    class Meta:
        model = SensitiveReceptor
        fields = [
            "name",
            "kind",
            "division",
            "address",
            "longitude",
            "latitude",
            "coordinate_system",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class WeatherForecastForm(LedgerForm):
    class Meta:
        model = WeatherForecast
        fields = [
            "day",
            "division",
            "wind_speed",
            "wind_direction",
            "precipitation",
            "alert",
            "source",
            "notes",
        ]
        widgets = {"day": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class ConsultationRuleForm(LedgerForm):
    class Meta:
        model = ConsultationRule
        fields = [
            "order", "name", "decision", "alert_at_least", "aqi_at_least", "wind_at_least", "precipitation_below",
            "receptor_within", "receptor_downwind", "station_within", "active", "basis",
        ]  # fmt: skip
        widgets = {"basis": forms.Textarea(attrs={"rows": 3})}


class AssessmentSchemeForm(LedgerForm):
    class Meta:
        model = AssessmentScheme
        fields = [
            "name", "subject", "period_start", "period_end", "base_score", "per_failed_item", "per_overdue_case",
            "per_alarm_hour", "per_enforcement", "cap_per_kind", "clean_bonus", "issuer", "notes",
        ]  # fmt: skip
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
