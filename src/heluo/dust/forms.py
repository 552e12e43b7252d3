"""Dust control's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from heluo.core.forms import DateInput, LedgerForm
from heluo.core.scope import scope_of

from .models import (
    AssessmentScheme,
    BlacklistEntry,
    ChecklistItem,
    ChecklistTemplate,
    ConsultationRule,
    CountEnd,
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
from .rules.geo import compass_degrees


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker, whose value is always ISO (YYYY-MM-DDTHH:MM)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


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
            "package_area",
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


class PackageAreaForm(LedgerForm):
    class Meta:
        model = PackageArea
        fields = ["name", "cadre", "districts", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class PackageAreaStaffForm(LedgerForm):
    class Meta:
        model = PackageAreaStaff
        fields = ["package_area", "person", "role"]


class WasteRemovalForm(LedgerForm):
    class Meta:
        model = WasteRemoval
        fields = ["site", "date", "volume", "transport_company", "vehicle", "disposal_place", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class CoverRecordForm(LedgerForm):
    class Meta:
        model = CoverRecord
        fields = ["site", "target", "description", "reported_at", "covered_at"]
        widgets = {"reported_at": DateTimeInput(), "covered_at": DateTimeInput()}


class ChecklistTemplateForm(LedgerForm):
    class Meta:
        model = ChecklistTemplate
        fields = ["name", "kind", "in_force_from", "active", "notes"]
        widgets = {"in_force_from": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class ChecklistItemForm(LedgerForm):
    class Meta:
        model = ChecklistItem
        fields = ["template", "code", "text", "severity", "time_limit_days", "legal_basis", "party", "order"]


class InspectionForm(LedgerForm):
    class Meta:
        model = Inspection
        fields = ["site", "template", "performed_at", "longitude", "latitude", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class PatrolReportForm(LedgerForm):
    class Meta:
        model = PatrolReport
        fields = ["division", "site", "text", "address", "longitude", "latitude"]


class LegalBasisForm(LedgerForm):
    class Meta:
        model = LegalBasis
        fields = ["code", "law", "article", "text", "fine_min", "fine_max"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class LadderForm(LedgerForm):
    class Meta:
        model = Ladder
        fields = [
            "name", "in_force", "period_days", "legal_basis", "first_kind", "first_stop_days", "second_kind",
            "second_stop_days", "third_kind", "third_stop_days", "note",
        ]  # fmt: skip
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class MeasureForm(LedgerForm):
    class Meta:
        model = Measure
        fields = [
            "site", "kind", "legal_basis", "amount", "served_on", "deadline", "stop_days", "until",
            "ladder_step", "decided_by", "note",
        ]  # fmt: skip
        widgets = {
            "served_on": DateInput(),
            "deadline": DateInput(),
            "until": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk:
            # What a measure brought (its case, the stop, the blacklist) follows its site and kind: a
            # different measure is recorded anew.
            for name in ("site", "kind"):
                if name in self.changed_data:
                    self.add_error(name, _("A recorded measure keeps its site and kind; record a new one."))
            if "served_on" in self.changed_data and self.instance.penalty_counts.exists():
                # Its daily-penalty counts run from this date.
                self.add_error(
                    "served_on", _("A daily penalty counts from this order: its service date stays.")
                )
        return data


class PenaltyCountForm(LedgerForm):
    class Meta:
        model = PenaltyCount
        fields = ["order", "daily", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.instance.pk and "order" in self.changed_data:
            # Its findings were counted from this order's service date.
            self.add_error("order", _("A count keeps its order to correct; start a new count for another."))
        return data


class BlacklistEntryForm(LedgerForm):
    class Meta:
        model = BlacklistEntry
        fields = ["enterprise", "start", "until", "reason", "measure"]
        widgets = {"start": DateInput(), "until": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}


# A daily-penalty count's acts (its page and the API).
class FindingForm(forms.Form):
    on = forms.DateField(label=_("re-inspected on"), widget=DateInput())
    reference = forms.CharField(label=_("re-inspection"), max_length=200, required=False)


class EndForm(forms.Form):
    on = forms.DateField(label=_("ended on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("ended by"), choices=CountEnd.choices)


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
