"""Rows part C's tests build: dues arrangements, reductions and payments, and a fake points source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from heluo.party.models import DuesArrangement, DuesReduction, Member, PartyOrganisation


def arrangement(of: PartyOrganisation, **fields: Any) -> DuesArrangement:
    return DuesArrangement.objects.create(organisation=of, **fields)


def reduction(who: Member, start: dt.date, end: dt.date | None = None, **fields: Any) -> DuesReduction:
    fields.setdefault("approved_by", "支部委员会")
    fields.setdefault("reason", "因病生活困难")
    if not fields.get("exempt"):
        fields.setdefault("amount", Decimal("1.00"))
    return DuesReduction.objects.create(member=who, start=start, end=end, **fields)
