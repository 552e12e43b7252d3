"""Database expressions Django does not have, or has slowly on SQLite: the time between two timestamps.

Django subtracts timestamps on SQLite with a Python function called for every row, which over a year of
a city's cases or alarms was most of a query's time. SQLite's own julianday() does it in the database, to
the millisecond (all julianday keeps)."""

from __future__ import annotations

from typing import Any

from django.db.models import DurationField, FloatField, Func


class Elapsed(Func):
    """`end - start`, a duration."""

    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = DurationField()
    # Whole microseconds, as Django keeps a duration on SQLite.
    sqlite_template = "CAST(ROUND((julianday(%(expressions)s)) * 86400000) * 1000 AS INTEGER)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, arg_joiner=") - julianday(", template=self.sqlite_template, **extra
        )


class ElapsedSeconds(Elapsed):
    """`end - start` in seconds (exact on PostgreSQL, to the millisecond on SQLite), for arithmetic."""

    template = "EXTRACT(EPOCH FROM (%(expressions)s))"
    output_field = FloatField()
    sqlite_template = "ROUND((julianday(%(expressions)s)) * 86400, 3)"
