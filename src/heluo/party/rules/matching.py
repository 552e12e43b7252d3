"""The 红引擎 alliance's matching: which resources (资源清单) to propose for each open need (需求清单).
Pure: no Django, no database.

A resource is proposed for a need when all four hold:
- the same category;
- the place fits: the resource is in the need's division, or its service area (a division) is the
  need's division or one above it, or it serves anywhere;
- the time fits: the resource's available window overlaps the need's wanted window (a missing end is
  open; both windows include their end days);
- the capacity is enough: what is left of the resource (its capacity less what accepted matches took)
  is at least the need's size.
Proposals are ranked: closest place first (same division, then the nearest service area, then
anywhere), then the most capacity left, then the oldest resource (by when it was listed, then id).
Only available resources and open needs take part; a pair once rejected is not proposed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

# The rank of a resource that serves anywhere: behind every division, however far up.
ANYWHERE = 1000

CATEGORY = "category"
PLACE = "place"
TIME = "time"
CAPACITY = "capacity"
NOT_AVAILABLE = "not_available"
NOT_OPEN = "not_open"
REJECTED = "rejected"

REASONS = {
    CATEGORY: "类别不同",
    PLACE: "地点不合:资源不在需求所在区划,服务范围也不覆盖",
    TIME: "时间不合:资源可用期与需求期望时间不重叠",
    CAPACITY: "容量不足:资源剩余容量小于需求规模",
    NOT_AVAILABLE: "资源当前不可用",
    NOT_OPEN: "需求不是待对接状态",
    REJECTED: "此前已被拒绝",
}


@dataclass(frozen=True)
class ResourceFact:
    """A resource as matching needs it. `serves` is the division its service area covers (with all
    below it), None for its own division only; `anywhere` serves every division."""

    id: int
    category: str
    division: int
    capacity: int
    taken: int = 0
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    serves: int | None = None
    anywhere: bool = False
    available: bool = True
    listed_on: dt.date = dt.date.min

    @property
    def remaining(self) -> int:
        return self.capacity - self.taken


@dataclass(frozen=True)
class NeedFact:
    """A need as matching needs it. `divisions` is its division and those above it, nearest first."""

    id: int
    category: str
    divisions: tuple[int, ...]
    size: int
    wanted_from: dt.date | None = None
    wanted_until: dt.date | None = None
    open: bool = True


def place_distance(resource: ResourceFact, need: NeedFact) -> int | None:
    """How far the resource is from the need: 0 in the need's division; 1 + k when its service area is
    the need's division's k-th ancestor (0 = the division itself); ANYWHERE; None when it does not fit."""
    if need.divisions and resource.division == need.divisions[0]:
        return 0
    if resource.serves is not None and resource.serves in need.divisions:
        return 1 + need.divisions.index(resource.serves)
    if resource.anywhere:
        return ANYWHERE
    return None


def windows_overlap(
    start_a: dt.date | None, end_a: dt.date | None, start_b: dt.date | None, end_b: dt.date | None
) -> bool:
    """Whether two day windows (inclusive, None = open on that side) share at least one day."""
    if start_a is not None and end_b is not None and start_a > end_b:
        return False
    return not (start_b is not None and end_a is not None and start_b > end_a)


def why_not(resource: ResourceFact, need: NeedFact, rejected: Collection[tuple[int, int]] = ()) -> str | None:
    """The first reason code (see REASONS) the resource is not proposed for the need; None if it is."""
    if not need.open:
        return NOT_OPEN
    if not resource.available:
        return NOT_AVAILABLE
    if (need.id, resource.id) in rejected:
        return REJECTED
    if resource.category != need.category:
        return CATEGORY
    if place_distance(resource, need) is None:
        return PLACE
    if not windows_overlap(
        resource.available_from, resource.available_until, need.wanted_from, need.wanted_until
    ):
        return TIME
    if resource.remaining < need.size:
        return CAPACITY
    return None


def rank_key(resource: ResourceFact, need: NeedFact) -> tuple[int, int, dt.date, int]:
    distance = place_distance(resource, need)
    assert distance is not None
    return (distance, -resource.remaining, resource.listed_on, resource.id)


def proposals_for(
    need: NeedFact, resources: Iterable[ResourceFact], rejected: Collection[tuple[int, int]] = ()
) -> list[int]:
    """The ids of the resources proposed for `need`, best first."""
    fitting = [r for r in resources if why_not(r, need, rejected) is None]
    return [r.id for r in sorted(fitting, key=lambda r: rank_key(r, need))]


def propose(
    needs: Iterable[NeedFact], resources: Sequence[ResourceFact], rejected: Collection[tuple[int, int]] = ()
) -> dict[int, list[int]]:
    """{need id: resource ids best first} for every open need (an empty list when nothing fits). Each
    need is matched against the resources' capacity left now: proposals are not yet commitments."""
    return {need.id: proposals_for(need, resources, rejected) for need in needs if need.open}
