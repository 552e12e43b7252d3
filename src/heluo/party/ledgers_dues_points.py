"""Part C's ledgers: dues (arrangements, reductions, payments) and points (rules, entries, closed years)."""

from __future__ import annotations

from .services import points  # noqa: F401  (seeds the points scheme after migrate)
