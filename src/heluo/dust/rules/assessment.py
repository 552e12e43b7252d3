"""Assessment scores (考核奖惩) of districts and enterprises for a period. Pure: no Django, no database.

A scheme gives a base score, points deducted per counted event of each kind (a failed inspection item,
an overdue case, an alarm hour, an enforcement measure), an optional cap on each kind's deduction, and a
bonus for a clean record (nothing counted at all). The score is base − deductions + bonus, never below
zero. Ranking is by score, highest first; equal scores share a rank (1, 1, 3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Scheme:
    base: Decimal
    per_event: Mapping[str, Decimal]  # kind of count → points deducted per event
    caps: Mapping[str, Decimal] = field(default_factory=dict)  # kind → most points deducted for it
    clean_bonus: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Score:
    subject: Any
    counts: Mapping[str, int]
    deductions: Mapping[str, Decimal]
    bonus: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    score: Score


def score(scheme: Scheme, subject: Any, counts: Mapping[str, int]) -> Score:
    """One subject's score from its counts (a kind the scheme does not weigh deducts nothing)."""
    deductions: dict[str, Decimal] = {}
    for kind, per_event in scheme.per_event.items():
        points = per_event * counts.get(kind, 0)
        cap = scheme.caps.get(kind)
        deductions[kind] = min(points, cap) if cap is not None else points
    bonus = scheme.clean_bonus if not any(counts.values()) else Decimal(0)
    total = max(Decimal(0), scheme.base - sum(deductions.values(), Decimal(0)) + bonus)
    return Score(subject, dict(counts), deductions, bonus, total)


def rank(scores: Sequence[Score], key: Any = None) -> list[Ranked]:
    """Scores highest first, equal scores sharing a rank; ties in the given order, or by `key`."""
    ordered = sorted(scores, key=lambda s: (-s.total, key(s) if key else 0))
    ranked: list[Ranked] = []
    for position, item in enumerate(ordered, start=1):
        same = ranked and ranked[-1].score.total == item.total
        ranked.append(Ranked(ranked[-1].rank if same else position, item))
    return ranked
