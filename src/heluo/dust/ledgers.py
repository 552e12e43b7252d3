"""Dust control's ledgers."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.core.ledger import Ledger, register
from heluo.core.scope import may
from heluo.core.tabular.keys import NaturalKey, register_key

from . import filters, forms, tables
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
from .services import (
    save_checklist,
    save_checklist_item,
    save_cover_record,
    save_inspection,
    save_patrol_report,
    save_site,
)
from .services.enforcement import save_measure, save_penalty_count

site = register(
    Ledger(
        Site,
        many_rows=True,
        form=forms.SiteForm,
        filterset=filters.SiteFilter,
        table=tables.SiteTable,
        search_fields=("name", "address", "contractor__name"),
        select_related=("division", "contractor", "package_area", "grid"),
        detail_template="dust/site_detail.html",
        attachments=True,
        saver=save_site,
    )
)
package_area = register(
    Ledger(
        PackageArea,
        form=forms.PackageAreaForm,
        filterset=filters.PackageAreaFilter,
        table=tables.PackageAreaTable,
        search_fields=("name", "cadre__name"),
        select_related=("cadre",),
        prefetch_related=("districts",),
        detail_template="dust/packagearea_detail.html",
    )
)
package_area_staff = register(
    Ledger(
        PackageAreaStaff,
        many_rows=True,
        form=forms.PackageAreaStaffForm,
        filterset=filters.PackageAreaStaffFilter,
        table=tables.PackageAreaStaffTable,
        search_fields=("person__name", "package_area__name"),
        select_related=("package_area", "person"),
        slug="package-area-staff",
    )
)
waste_removal = register(
    Ledger(
        WasteRemoval,
        many_rows=True,
        form=forms.WasteRemovalForm,
        filterset=filters.WasteRemovalFilter,
        table=tables.WasteRemovalTable,
        search_fields=("site__name", "transport_company", "vehicle", "disposal_place"),
        select_related=("site",),
        attachments=True,
    )
)
cover_record = register(
    Ledger(
        CoverRecord,
        many_rows=True,
        form=forms.CoverRecordForm,
        filterset=filters.CoverRecordFilter,
        table=tables.CoverRecordTable,
        search_fields=("site__name", "description"),
        select_related=("site", "case"),
        attachments=True,
        saver=save_cover_record,
    )
)


def _areas_by_name(queryset: QuerySet[PackageArea], texts: set[str]) -> dict[str, PackageArea]:
    return {area.name: area for area in queryset.filter(name__in=texts)}


# A package area is written in a cell as its name (unique in the city): the grid assignments of a site
# export and import back as names an office reads.
register_key(
    "dust.packagearea",
    NaturalKey(lambda area: area.name, _areas_by_name, "洛龙区北片包片区域", _("the package area's name")),
)


def only_standard_setters(user: Any, obj: models.Model) -> str | None:
    """The city's standards are changed by those who may make them (the bureau, administrators), not
    by everyone who may change dust rows (grid officers)."""
    if may(user, "add", ChecklistTemplate):
        return None
    return str(_("Only those who may add checklists may change them."))


checklist = register(
    Ledger(
        ChecklistTemplate,
        form=forms.ChecklistTemplateForm,
        filterset=filters.ChecklistTemplateFilter,
        table=tables.ChecklistTemplateTable,
        search_fields=("name",),
        detail_template="dust/checklist_detail.html",
        saver=save_checklist,
        refuse_change=only_standard_setters,
        read_only_columns=("version",),
    )
)
checklist_item = register(
    Ledger(
        ChecklistItem,
        form=forms.ChecklistItemForm,
        filterset=filters.ChecklistItemFilter,
        table=tables.ChecklistItemTable,
        search_fields=("text", "code", "legal_basis"),
        select_related=("template",),
        saver=save_checklist_item,
        refuse_change=only_standard_setters,
    )
)
inspection = register(
    Ledger(
        Inspection,
        many_rows=True,
        form=forms.InspectionForm,
        filterset=filters.InspectionFilter,
        table=tables.InspectionTable,
        search_fields=("site__name", "note"),
        select_related=("site", "template", "inspector"),
        detail_template="dust/inspection_detail.html",
        saver=save_inspection,
        deletable=False,
        read_only_columns=("client_id", "passed"),
    )
)
patrol_report = register(
    Ledger(
        PatrolReport,
        form=forms.PatrolReportForm,
        filterset=filters.PatrolReportFilter,
        table=tables.PatrolReportTable,
        search_fields=("text", "address", "site__name"),
        select_related=("division", "site", "reported_by", "case"),
        attachments=True,
        saver=save_patrol_report,
        deletable=False,
        read_only_columns=("case",),
    )
)
legal_basis = register(
    Ledger(
        LegalBasis,
        form=forms.LegalBasisForm,
        filterset=filters.LegalBasisFilter,
        table=tables.LegalBasisTable,
        search_fields=("code", "law", "article", "text"),
        slug="legal-bases",
    )
)
ladder = register(
    Ledger(
        Ladder,
        form=forms.LadderForm,
        filterset=filters.LadderFilter,
        table=tables.LadderTable,
        select_related=("legal_basis",),
    )
)
measure = register(
    Ledger(
        Measure,
        many_rows=True,
        form=forms.MeasureForm,
        filterset=filters.MeasureFilter,
        table=tables.MeasureTable,
        search_fields=("site__name", "decided_by", "note"),
        select_related=("site", "legal_basis"),
        detail_template="dust/measure_detail.html",
        detail_fields=(
            "site",
            "kind",
            "legal_basis",
            "amount",
            "served_on",
            "deadline",
            "stop_days",
            "until",
            "ladder_step",
            "decided_by",
            "note",
            "lifted_on",
            "lifted_note",
        ),
        attachments=True,
        saver=save_measure,
        # A measure served is a legal record, as is what it brought (a case, a stop, a blacklisting).
        deletable=False,
        read_only_columns=("lifted_on", "lifted_note"),
    )
)
penalty_count = register(
    Ledger(
        PenaltyCount,
        form=forms.PenaltyCountForm,
        filterset=filters.PenaltyCountFilter,
        table=tables.PenaltyCountTable,
        search_fields=("order__site__name", "note"),
        select_related=("order__site",),
        detail_template="dust/penaltycount_detail.html",
        detail_fields=("order", "daily", "days", "total", "ended_on", "end_reason", "note"),
        saver=save_penalty_count,
        deletable=False,
        read_only_columns=("days", "total", "ended_on", "end_reason"),
    )
)
blacklist = register(
    Ledger(
        BlacklistEntry,
        form=forms.BlacklistEntryForm,
        filterset=filters.BlacklistEntryFilter,
        table=tables.BlacklistEntryTable,
        search_fields=("enterprise__name", "reason"),
        select_related=("enterprise",),
        slug="blacklist",
    )
)

sensitive_receptor = register(
    Ledger(
        SensitiveReceptor,
        form=forms.SensitiveReceptorForm,
        filterset=filters.SensitiveReceptorFilter,
        table=tables.SensitiveReceptorTable,
        search_fields=("name", "address"),
        select_related=("division",),
    )
)
weather_forecast = register(
    Ledger(
        WeatherForecast,
        form=forms.WeatherForecastForm,
        filterset=filters.WeatherForecastFilter,
        table=tables.WeatherForecastTable,
        search_fields=("source", "notes"),
        select_related=("division",),
    )
)
consultation_rule = register(
    Ledger(
        ConsultationRule,
        form=forms.ConsultationRuleForm,
        filterset=filters.ConsultationRuleFilter,
        table=tables.ConsultationRuleTable,
        search_fields=("name", "basis"),
    )
)
assessment_scheme = register(
    Ledger(
        AssessmentScheme,
        form=forms.AssessmentSchemeForm,
        filterset=filters.AssessmentSchemeFilter,
        table=tables.AssessmentSchemeTable,
        search_fields=("name", "issuer"),
        detail_template="dust/assessmentscheme_detail.html",
        slug="assessments",
    )
)
