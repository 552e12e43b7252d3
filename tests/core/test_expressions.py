"""The time between two timestamps, counted by the database (SQLite's julianday, PostgreSQL's interval):
to the millisecond, exact on whole hours — the assessment rounds alarm hours up, so 2 h must not read
as 2 h and a hair."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import DateTimeField, Value

from heluo.core.expressions import Elapsed, ElapsedSeconds
from heluo.core.models import Division

ZONE = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 10, 31, 22, 0, tzinfo=ZONE)


def _between(expression: type[Elapsed], end: dt.datetime) -> Any:
    moments = (Value(end, output_field=DateTimeField()), Value(START, output_field=DateTimeField()))
    return Division.objects.annotate(between=expression(*moments)).values_list("between", flat=True)[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("end", "seconds"),
    [
        (START + dt.timedelta(hours=2), 7200),
        (START + dt.timedelta(hours=4, minutes=30), 16200),
        (START + dt.timedelta(seconds=1, milliseconds=500), 1.5),
        (START + dt.timedelta(days=400, hours=1), 400 * 86400 + 3600),
        (START - dt.timedelta(minutes=1), -60),
    ],
)
def test_the_seconds_and_the_duration_between_two_moments(end: dt.datetime, seconds: float) -> None:
    assert float(_between(ElapsedSeconds, end)) == seconds
    assert _between(Elapsed, end) == dt.timedelta(seconds=seconds)
