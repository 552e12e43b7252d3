"""A database lookup Django lacks: IN over integer columns drops values no column can hold, as Django's
exact, greater-than and less-than lookups already do (IntegerFieldOverflow). Without it an out-of-range
key — a form's many-to-many choice, an API id list — fails on SQLite with OverflowError (a 500) instead of
matching nothing. Registered when core starts."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
