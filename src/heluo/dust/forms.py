"""Dust control's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm
from heluo.core.scope import scope_of

from .models import AssessmentScheme, ConsultationRule, SensitiveReceptor, Site, WeatherForecast
from .rules.geo import compass_degrees


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


class WindDirectionField(forms.IntegerField):
    """Degrees (0–359), or a point of the compass as forecasts write it (东北风, NE), turned into degrees."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and value.strip() and not value.strip().isdigit():
            degrees = compass_degrees(value)
            if degrees is not None:
                return degrees
        return super().to_python(value)


class WeatherForecastForm(LedgerForm):
    wind_direction = WindDirectionField(
        label=_("wind direction (°)"), required=False, min_value=0, max_value=359,
        help_text=_("Where the wind blows from: degrees clockwise from north (0 north, 90 east, 180 south) or a point of the compass such as 东北."),
    )  # fmt: skip

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


class CityOfficeForm(LedgerForm):
    """A form of the city's own rules (consultation rules, assessment schemes): they bind every district,
    so only a user whose territory is the whole city (or wider) writes them, on every way in."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        scope = scope_of(self.user)
        # A city's division path has 4 digits (a province's 2): a shorter prefix covers the whole city.
        if not scope.unrestricted and not any(len(prefix) <= 4 for prefix in scope.prefixes):
            raise forms.ValidationError(_("Only the city's offices change the city's rules and assessments."))
        return data


class ConsultationRuleForm(CityOfficeForm):
    class Meta:
        model = ConsultationRule
        fields = [
            "order", "name", "decision", "alert_at_least", "aqi_at_least", "wind_at_least", "precipitation_below",
            "receptor_within", "receptor_downwind", "station_within", "active", "basis",
        ]  # fmt: skip
        widgets = {"basis": forms.Textarea(attrs={"rows": 3})}


class AssessmentSchemeForm(CityOfficeForm):
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
