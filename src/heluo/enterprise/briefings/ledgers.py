"""Policy briefings' ledgers: the meetings and the policies explained at them."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters, forms, tables
from .models import Briefing, BriefingPolicy

briefing = register(
    Ledger(
        Briefing,
        form=forms.BriefingForm,
        filterset=filters.BriefingFilter,
        table=tables.BriefingTable,
        search_fields=("title", "place", "organiser__name"),
        select_related=("division", "organiser"),
        prefetch_related=("enterprises",),
        detail_template="enterprise/briefings/briefing_detail.html",
        attachments=True,
    )
)
briefing_policy = register(
    Ledger(
        BriefingPolicy,
        form=forms.BriefingPolicyForm,
        filterset=filters.BriefingPolicyFilter,
        table=tables.BriefingPolicyTable,
        search_fields=("title", "document_number", "department__name", "briefing__title"),
        select_related=("briefing", "department"),
        slug="briefing-policies",
    )
)
