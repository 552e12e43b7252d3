"""Where a member's activity comes from, for the art. 9 flag (heluo.party.rules.activity): each part of
the module registers a provider of one kind —

- "life" (meetings and study attended or excused: heluo.party meetings),
- "dues" (months paid or exempted: heluo.party dues),
- "work" (joint activities and volunteer work: heluo.party alliance) —

a function `(member_ids, start, end) -> {member_id: {first day of a month, ...}}` giving, for each
member, the months between `start` and `end` (both included) in which they had some of it. A kind
without a provider is not checked. Heluo flags; the branch decides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

from .rules.activity import IDLE_MONTHS, flagged_kinds, whole_months_before

__all__ = [
    "FollowUp",
    "Participation",
    "Provider",
    "follow_ups",
    "register_participation",
    "registered",
    "unregister_participation",
]

Provider = Callable[[Collection[int], dt.date, dt.date], dict[int, set[dt.date]]]


@dataclass(frozen=True)
class Participation:
    kind: str
    label: str | Promise
    provider: Provider


_REGISTRY: dict[str, Participation] = {}


def register_participation(kind: str, label: str | Promise, provider: Provider) -> None:
    """Register (or replace) the provider of one kind of activity; called from an app's ready()."""
    _REGISTRY[kind] = Participation(kind, label, provider)


def unregister_participation(kind: str) -> None:
    """Forget a kind (tests that register fakes clean up with this)."""
    _REGISTRY.pop(kind, None)


def registered() -> list[Participation]:
    return list(_REGISTRY.values())


@dataclass(frozen=True)
class FollowUp:
    """A member to follow up, with the kinds of activity they had none of for six months in a row."""

    member_id: int
    kinds: tuple[str, ...]

    def labels(self) -> list[str | Promise]:
        return [_REGISTRY[kind].label for kind in self.kinds if kind in _REGISTRY]


def follow_ups(members: Iterable[tuple[int, dt.date]], day: dt.date) -> list[FollowUp]:
    """The members (id, joined_on) flagged on `day` by the registered kinds, in the order given."""
    members = list(members)
    if not members or not _REGISTRY:
        return []
    window = whole_months_before(day, IDLE_MONTHS)
    start, end = window[-1], window[0].replace(day=28) + dt.timedelta(days=4)
    end = end.replace(day=1) - dt.timedelta(days=1)
    ids = [member_id for member_id, _joined in members]
    active = {kind: part.provider(ids, start, end) for kind, part in _REGISTRY.items()}
    flagged: list[FollowUp] = []
    for member_id, joined_on in members:
        kinds = flagged_kinds(
            {kind: months.get(member_id, set()) for kind, months in active.items()}, joined_on, day
        )
        if kinds:
            flagged.append(FollowUp(member_id, tuple(kinds)))
    return flagged
