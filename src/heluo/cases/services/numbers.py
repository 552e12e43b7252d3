"""Case numbers people can say aloud: DB-2026-000123, one sequence per year."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from heluo.cases import conf
from heluo.cases.models import CaseCounter


def allocate_number(at: dt.datetime | None = None) -> str:
    """The next number of the year of `at` (local time). Safe under concurrency on SQLite and PostgreSQL:
    the UPDATE takes the year's counter row lock until the caller's transaction ends, so two writers
    never read the same value; the first number of a year is created once (a racing creator retries
    as an update). Called inside the transaction that saves the case, so a rolled-back case gives its
    number back."""
    year = timezone.localtime(at or timezone.now()).year
    with transaction.atomic():
        if not CaseCounter.objects.filter(year=year).update(last=F("last") + 1):
            try:
                with transaction.atomic():
                    CaseCounter.objects.create(year=year, last=1)
            except IntegrityError:
                CaseCounter.objects.filter(year=year).update(last=F("last") + 1)
        last = CaseCounter.objects.values_list("last", flat=True).get(year=year)
    return f"{conf.number_prefix()}-{year}-{last:06d}"
