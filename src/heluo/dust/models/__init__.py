"""Dust control's models, one module per part of the loop."""

from .assessment import AssessedSubject, AssessmentScheme
from .consultation import (
    AlertLevel,
    ConsultationDecision,
    ConsultationRule,
    Decision,
    ReceptorKind,
    SensitiveReceptor,
    WeatherForecast,
)
from .sites import Site, SiteKind, SiteState

__all__ = [
    "AlertLevel",
    "AssessedSubject",
    "AssessmentScheme",
    "ConsultationDecision",
    "ConsultationRule",
    "Decision",
    "ReceptorKind",
    "SensitiveReceptor",
    "Site",
    "SiteKind",
    "SiteState",
    "WeatherForecast",
]
