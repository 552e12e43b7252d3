"""Dust control in the API (docs/api.md): construction sites, package areas and their staff, waste
removals and cover records, checklists, inspections and patrol reports, enforcement, each written as on
its page (the ledger's form, then dust's service)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, form_errors, register_ledgers
from heluo.core.api.permissions import Authenticated
from heluo.core.scope import may
from heluo.dust import ledgers
from heluo.dust.forms import EndForm, FindingForm
from heluo.dust.models import (
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
from heluo.dust.services import add_finding, end_count

BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class SiteSerializer(LedgerSerializer):
    class Meta:
        model = Site
        fields = [
            "id", "display", "name", "kind", "division", "address", "longitude", "latitude", "coordinate_system",
            "contractor", "developer", "state", "package_area", "grid", "start_date", "end_date", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class SiteViewSet(LedgerViewSet):
    """Construction sites (工地) of the project list (工程项目清单)."""

    ledger = ledgers.site
    serializer_class = SiteSerializer


class PackageAreaSerializer(LedgerSerializer):
    class Meta:
        model = PackageArea
        fields = ["id", "display", "name", "cadre", "districts", "notes", *BOOKKEEPING]


class PackageAreaViewSet(LedgerViewSet):
    """City-level package areas (包片区域), each held by a county-level cadre."""

    ledger = ledgers.package_area
    serializer_class = PackageAreaSerializer


class PackageAreaStaffSerializer(LedgerSerializer):
    class Meta:
        model = PackageAreaStaff
        fields = ["id", "display", "package_area", "person", "role", *BOOKKEEPING]


class PackageAreaStaffViewSet(LedgerViewSet):
    """The staff of the package areas, with their roles."""

    ledger = ledgers.package_area_staff
    serializer_class = PackageAreaStaffSerializer


class WasteRemovalSerializer(LedgerSerializer):
    class Meta:
        model = WasteRemoval
        fields = [
            "id", "display", "site", "date", "volume", "transport_company", "vehicle", "disposal_place", "notes",
            *BOOKKEEPING,
        ]  # fmt: skip


class WasteRemovalViewSet(LedgerViewSet):
    """Construction waste removals (建筑垃圾清运) of the sites."""

    ledger = ledgers.waste_removal
    serializer_class = WasteRemovalSerializer


class CoverRecordSerializer(LedgerSerializer):
    class Meta:
        model = CoverRecord
        fields = [
            "id", "display", "site", "target", "description", "reported_at", "covered_at", "case", *BOOKKEEPING
        ]  # fmt: skip


class CoverRecordViewSet(LedgerViewSet):
    """Bare ground and stockpiles reported uncovered, and when they were covered."""

    ledger = ledgers.cover_record
    serializer_class = CoverRecordSerializer


class ChecklistTemplateSerializer(LedgerSerializer):
    class Meta:
        model = ChecklistTemplate
        fields = ["id", "display", "name", "kind", "version", "in_force_from", "active", "notes", "created_at",
                  "updated_at", "row_version"]  # fmt: skip
        read_only_fields = ["version"]


class ChecklistTemplateViewSet(LedgerViewSet):
    """Checklists (检查标准), one row per version; a change to a used version makes the next one."""

    ledger = ledgers.checklist
    serializer_class = ChecklistTemplateSerializer


class ChecklistItemSerializer(LedgerSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "display", "template", "code", "text", "severity", "time_limit_days", "legal_basis",
                  "party", "order", "created_at", "updated_at", "row_version"]  # fmt: skip


class ChecklistItemViewSet(LedgerViewSet):
    """The items of a checklist version, with severity (time limit), legal basis and responsible party."""

    ledger = ledgers.checklist_item
    serializer_class = ChecklistItemSerializer


class InspectionSerializer(LedgerSerializer):
    class Meta:
        model = Inspection
        fields = ["id", "display", "site", "template", "inspector", "performed_at", "longitude", "latitude", "note",
                  "client_id", "passed", "created_at", "updated_at", "row_version"]  # fmt: skip
        read_only_fields = ["inspector", "client_id", "passed"]


class InspectionViewSet(LedgerViewSet):
    """Site inspections (检查); item results and their cases come from the phone page's submission."""

    ledger = ledgers.inspection
    serializer_class = InspectionSerializer


class PatrolReportSerializer(LedgerSerializer):
    class Meta:
        model = PatrolReport
        fields = ["id", "display", "division", "site", "text", "address", "longitude", "latitude", "reported_by",
                  "case", "created_at", "updated_at", "row_version"]  # fmt: skip
        read_only_fields = ["reported_by", "case"]


class PatrolReportViewSet(LedgerViewSet):
    """Patrol reports (巡查上报); each new one opens a supervision case."""

    ledger = ledgers.patrol_report
    serializer_class = PatrolReportSerializer


class LegalBasisSerializer(LedgerSerializer):
    class Meta:
        model = LegalBasis
        fields = ["id", "display", "code", "law", "article", "text", "fine_min", "fine_max", "row_version"]


class LegalBasisViewSet(LedgerViewSet):
    """Legal bases of enforcement measures, with their fine ranges in yuan."""

    ledger = ledgers.legal_basis
    serializer_class = LegalBasisSerializer


class LadderSerializer(LedgerSerializer):
    class Meta:
        model = Ladder
        fields = [
            "id", "display", "name", "in_force", "period_days", "legal_basis", "first_kind", "first_stop_days",
            "second_kind", "second_stop_days", "third_kind", "third_stop_days", "note", "row_version",
        ]  # fmt: skip


class LadderViewSet(LedgerViewSet):
    """Enforcement ladders: what the first, second and third breach within a period bring."""

    ledger = ledgers.ladder
    serializer_class = LadderSerializer


class MeasureSerializer(LedgerSerializer):
    class Meta:
        model = Measure
        fields = [
            "id", "display", "site", "kind", "legal_basis", "amount", "served_on", "deadline", "stop_days",
            "until", "ladder_step", "decided_by", "note", "lifted_on", "lifted_note", "case", "created_at",
            "updated_at", "row_version",
        ]  # fmt: skip


class MeasureViewSet(LedgerViewSet):
    """Enforcement measures (执法措施), recorded through dust's enforcement service."""

    ledger = ledgers.measure
    serializer_class = MeasureSerializer


class PenaltyCountSerializer(LedgerSerializer):
    class Meta:
        model = PenaltyCount
        fields = [
            "id", "display", "order", "daily", "note", "ended_on", "end_reason", "days", "total", "row_version",
        ]  # fmt: skip


class FindingRequestSerializer(serializers.Serializer):
    on = serializers.DateField()
    reference = serializers.CharField(required=False, allow_blank=True, max_length=200)


class EndRequestSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.ChoiceField(choices=CountEnd.choices)


class MayChangeCounts(Authenticated):
    """A count's acts change it: the right to change counts (the scope is the viewset's queryset)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return super().has_permission(request, view) and may(request.user, "change", PenaltyCount)


class PenaltyCountViewSet(LedgerViewSet):
    """Daily continuous penalty counts (按日连续处罚), their days and total kept from their dates."""

    ledger = ledgers.penalty_count
    serializer_class = PenaltyCountSerializer

    def _act(self, request: Request, form: FindingForm | EndForm, act: Any) -> Response:
        count = self.get_object()
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        try:
            count = act(count, form.cleaned_data)
        except ValidationError as error:
            raise serializers.ValidationError({"non_field_errors": error.messages}) from None
        return Response(self.get_serializer(count).data)

    @extend_schema(request=FindingRequestSerializer, responses=PenaltyCountSerializer)
    @action(detail=True, methods=["post"], permission_classes=[MayChangeCounts])
    def findings(self, request: Request, pk: Any = None) -> Response:
        """A re-inspection on `on` found the breach again: the count runs to that day (400 with the reason
        when on or before the service date, before a counted finding or after the count ended)."""
        return self._act(
            request, FindingForm(request.data),
            lambda count, data: add_finding(count, data["on"], reference=data["reference"], by=request.user),
        )  # fmt: skip

    @extend_schema(request=EndRequestSerializer, responses=PenaltyCountSerializer)
    @action(detail=True, methods=["post"], permission_classes=[MayChangeCounts])
    def end(self, request: Request, pk: Any = None) -> Response:
        """End the count on `on`: a verified correction (`corrected`) or a stop-work that ended the breach
        (`stopped`)."""
        return self._act(
            request, EndForm(request.data),
            lambda count, data: end_count(count, on=data["on"], reason=data["reason"], by=request.user),
        )  # fmt: skip


class BlacklistEntrySerializer(LedgerSerializer):
    class Meta:
        model = BlacklistEntry
        fields = ["id", "display", "enterprise", "start", "until", "reason", "measure", "row_version"]


class BlacklistEntryViewSet(LedgerViewSet):
    """Enterprises excluded from the market (清出市场) and for how long."""

    ledger = ledgers.blacklist
    serializer_class = BlacklistEntrySerializer


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
    register_ledgers(
        router,
        SiteViewSet,
        PackageAreaViewSet,
        PackageAreaStaffViewSet,
        WasteRemovalViewSet,
        CoverRecordViewSet,
        ChecklistTemplateViewSet,
        ChecklistItemViewSet,
        InspectionViewSet,
        PatrolReportViewSet,
        MeasureViewSet,
        PenaltyCountViewSet,
        BlacklistEntryViewSet,
        LegalBasisViewSet,
        LadderViewSet,
        SensitiveReceptorViewSet,
        WeatherForecastViewSet,
        ConsultationRuleViewSet,
        AssessmentSchemeViewSet,
    )
