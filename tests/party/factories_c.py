"""Rows part C's tests build: dues arrangements, reductions and payments, and a fake points source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from heluo.party.models import DuesArrangement, DuesReduction, Member, PartyOrganisation


def arrangement(of: PartyOrganisation, **fields: Any) -> DuesArrangement:
    return DuesArrangement.objects.create(organisation=of, **fields)


def reduction(who: Member, start: dt.date, end: dt.date | None = None, **fields: Any) -> DuesReduction:
    fields.setdefault("approved_by", "支部委员会")
    fields.setdefault("reason", "因病生活困难")
    if not fields.get("exempt"):
        fields.setdefault("amount", Decimal("1.00"))
    return DuesReduction.objects.create(member=who, start=start, end=end, **fields)


@contextmanager
def refused(code: str, *, saying: str = "") -> Iterator[None]:
    """The block raises a ValidationError with `code` (on a field or not) whose text contains `saying`;
    codes rather than words, so that the test holds in English and in Chinese."""
    with pytest.raises(ValidationError) as caught:
        yield
    error = caught.value
    errors = (
        [e for field in error.error_dict.values() for e in field]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    assert code in {e.code for e in errors}, errors
    assert saying in " ".join(error.messages)
