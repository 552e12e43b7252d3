"""Dust control's tables."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from heluo.core.tables import LedgerTable

from .filters import RECENT
from .models import (
    AssessmentScheme,
    BlacklistEntry,
    ChecklistItem,
    ChecklistTemplate,
    ConsultationRule,
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


class SiteTable(LedgerTable):
    card_columns = ("name", "state", "division")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Site
        fields = ("name", "kind", "division", "contractor", "state", "package_area", "grid", "start_date")

    def render_name(self, value: str, record: Site) -> Any:
        # The dynamic ledger's badge: new or changed in the last seven days.
        since = timezone.now() - RECENT
        if record.created_at >= since:
            return format_html('{} <span class="badge text-bg-success">{}</span>', value, _("new"))
        if record.updated_at >= since:
            return format_html('{} <span class="badge text-bg-info">{}</span>', value, _("changed"))
        return value


class PackageAreaTable(LedgerTable):
    card_columns = ("name", "cadre")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = PackageArea
        fields = ("name", "cadre")


class PackageAreaStaffTable(LedgerTable):
    card_columns = ("person", "package_area", "role")
    person = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = PackageAreaStaff
        fields = ("person", "package_area", "role")


class WasteRemovalTable(LedgerTable):
    card_columns = ("site", "date", "volume")
    site = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = WasteRemoval
        fields = ("site", "date", "volume", "transport_company", "vehicle", "disposal_place")


class CoverRecordTable(LedgerTable):
    card_columns = ("site", "target", "reported_at")
    site = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = CoverRecord
        fields = ("site", "target", "reported_at", "covered_at", "case")


class ChecklistTemplateTable(LedgerTable):
    card_columns = ("name", "version", "active")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ChecklistTemplate
        fields = ("name", "kind", "version", "in_force_from", "active")


class ChecklistItemTable(LedgerTable):
    card_columns = ("text", "template", "severity")
    text = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = ChecklistItem
        fields = ("text", "template", "code", "severity", "time_limit_days", "party", "legal_basis", "order")


class InspectionTable(LedgerTable):
    card_columns = ("performed_at", "site", "passed")
    performed_at = tables.DateTimeColumn(linkify=True, format="Y-m-d H:i")
    passed = tables.BooleanColumn()

    class Meta(LedgerTable.Meta):
        model = Inspection
        fields = ("performed_at", "site", "template", "inspector", "passed")


class PatrolReportTable(LedgerTable):
    card_columns = ("text", "division", "case")
    text = tables.Column(linkify=True)
    case = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = PatrolReport
        fields = ("text", "site", "division", "reported_by", "case", "created_at")


class LegalBasisTable(LedgerTable):
    card_columns = ("code", "article", "fine_max")
    code = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = LegalBasis
        fields = ("code", "law", "article", "fine_min", "fine_max")


class LadderTable(LedgerTable):
    card_columns = ("name", "in_force", "first_kind")
    name = tables.Column(linkify=True)

    class Meta(LedgerTable.Meta):
        model = Ladder
        fields = ("name", "in_force", "period_days", "first_kind", "second_kind", "third_kind")


class MeasureTable(LedgerTable):
    card_columns = ("site", "kind", "served_on")
    kind = tables.Column(linkify=True)
    top_fine = tables.BooleanColumn(verbose_name=_("top of the range"), orderable=False)

    class Meta(LedgerTable.Meta):
        model = Measure
        fields = ("site", "kind", "legal_basis", "amount", "top_fine", "served_on", "deadline", "lifted_on")


class PenaltyCountTable(LedgerTable):
    card_columns = ("order", "days", "total")
    order = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = PenaltyCount
        fields = ("order", "daily", "days", "total", "ended_on", "end_reason")


class BlacklistEntryTable(LedgerTable):
    card_columns = ("enterprise", "until")
    enterprise = tables.Column(linkify=lambda record: record.get_absolute_url())

    class Meta(LedgerTable.Meta):
        model = BlacklistEntry
        fields = ("enterprise", "start", "until", "reason")


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
