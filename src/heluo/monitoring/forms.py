"""Monitoring's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm
from heluo.core.models import Division
from heluo.monitoring.aqi import CATEGORIES

from .models import AlarmRule, ControlReading, ControlStation, Monitor, MonitoringPoint


class MonitorForm(LedgerForm):
    class Meta:
        model = Monitor
        fields = [
            "mn",
            "pw",
            "point",
            "name",
            "vendor",
            "protocol_version",
            "particulate_unit",
            "accept_crc_swapped",
            "accept_crc_modbus_swapped",
            "accept_crc_modbus",
            "sm4_key",
            "sm4_padding",
            "minute_interval",
            "active",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Most devices send minute data every minute: a form or file that leaves it out means 1.
        self.fields["minute_interval"].required = False

    def clean_minute_interval(self) -> int:
        return self.cleaned_data.get("minute_interval") or 1

    def clean_mn(self) -> str:
        return (self.cleaned_data.get("mn") or "").strip()

    def clean_sm4_key(self) -> str:
        return (self.cleaned_data.get("sm4_key") or "").strip()


class MonitoringPointForm(LedgerForm):
    class Meta:
        model = MonitoringPoint
        fields = ["name", "division", "address", "longitude", "latitude", "coordinate_system", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class ControlStationForm(LedgerForm):
    class Meta:
        model = ControlStation
        fields = ["code", "name", "kind", "division", "longitude", "latitude", "active", "notes"]


class ControlReadingForm(LedgerForm):
    class Meta:
        model = ControlReading
        fields = ["station", "hour", "pm10", "pm25"]


class AlarmRuleForm(LedgerForm):
    class Meta:
        model = AlarmRule
        fields = [
            "code", "name", "method", "factor", "limit", "margin", "cap", "per_day", "count", "minutes",
            "flags", "clear_minutes", "time_limit_days", "priority", "requirements", "active",
        ]  # fmt: skip


class LiveFilterForm(forms.Form):
    """The live list's filters: a division (and everything under it), an AQI level, words."""

    division = forms.ModelChoiceField(queryset=Division.objects.none(), required=False, label=_("division"))
    level = forms.TypedChoiceField(
        choices=[("", "—"), *((c.level, c.name) for c in CATEGORIES)], coerce=int, empty_value=None,
        required=False, label=_("AQI level"),
    )  # fmt: skip
    q = forms.CharField(required=False, label=_("MN or monitoring point"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        division = self.fields["division"]
        assert isinstance(division, forms.ModelChoiceField)
        division.queryset = Division.objects.for_user(user).filter(level__lte=4, valid_to__isnull=True)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=DateInput())
    end = forms.DateField(label=_("to"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period comes before its start."))
        if start and end and (end - start).days > 366:
            raise forms.ValidationError(_("A period is at most a year."))
        return cleaned
