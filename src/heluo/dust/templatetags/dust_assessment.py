"""The ranking of an assessment scheme on its page."""

from __future__ import annotations

from typing import Any

from django import template

from heluo.dust.models import AssessmentScheme
from heluo.dust.services.assessment import ranking_table

register = template.Library()


@register.simple_tag
def assessment_ranking(scheme: AssessmentScheme) -> dict[str, Any]:
    return ranking_table(scheme)
