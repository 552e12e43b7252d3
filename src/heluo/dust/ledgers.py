"""Dust control's ledgers."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import AssessmentScheme, ConsultationRule, SensitiveReceptor, Site, WeatherForecast
from .services import save_site

site = register(
    Ledger(
        Site,
        many_rows=True,
        form=forms.SiteForm,
        filterset=filters.SiteFilter,
        table=tables.SiteTable,
        search_fields=("name", "address", "contractor__name"),
        select_related=("division", "contractor", "grid"),
        detail_template="dust/site_detail.html",
        attachments=True,
        saver=save_site,
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
