"""Policy briefings' state changes: recording a meeting with its policies at once (the demo, a migration
from another system). Pages, imports and the API write through the ledgers' forms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from heluo.core.models import Unit
from heluo.core.services.audit import audited_bulk_create

from .models import Briefing, BriefingPolicy


@transaction.atomic
def record_briefing(
    operator: Any,
    briefing: Briefing,
    *,
    departments: Sequence[Unit],
    enterprises: Sequence[Unit],
    policies: Sequence[BriefingPolicy],
) -> Briefing:
    """Validate and create a briefing with its departments, enterprises and policies, one history row
    each. All or nothing: the first invalid row raises ValidationError and nothing is written."""
    briefing.full_clean()
    briefing._history_user = operator  # type: ignore[attr-defined]
    briefing.save()
    briefing.departments.set(departments)
    briefing.enterprises.set(enterprises)
    for policy in policies:
        policy.briefing = briefing
        policy.full_clean()
    audited_bulk_create(BriefingPolicy, list(policies), user=operator)
    return briefing
