"""Who is told about a case: its handler's side, its supervisors, the unit's leader, the superior division.

A `Recipients` object remembers what it looked up; `prefetch(cases)` looks up a whole batch's units
and divisions in a few queries, so a scan over thousands of cases does not ask once per case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from heluo.cases.models import Case, EventKind
from heluo.core.models import Account, Division, Unit
from heluo.core.models.divisions import PATH_LENGTH

# Roles whose holders act for a division as its staff (the superior division of an escalation).
STAFF_ROLES = ("division_staff", "district_admin", "supervisor", "city_admin")


class Recipients:
    def __init__(self) -> None:
        self._members: dict[int, list[Any]] = {}
        self._leaders: dict[int, list[Any]] = {}
        self._staff: dict[int, list[Any]] = {}
        self._people: dict[int, Any] = {}

    def _users(self, ids: Iterable[int]) -> list[Any]:
        wanted = [pk for pk in dict.fromkeys(ids) if pk not in self._people]
        if wanted:
            found = get_user_model().objects.filter(pk__in=wanted, is_active=True).in_bulk()
            self._people.update({pk: found.get(pk) for pk in wanted})
        return [self._people[pk] for pk in dict.fromkeys(ids) if self._people[pk] is not None]

    def user(self, pk: int) -> Any:
        return (self._users([pk]) or [None])[0]

    def users_by_id(self, ids: Iterable[int]) -> list[Any]:
        return self._users(ids)

    def prefetch_ids(self, *, units: Iterable[int | None], divisions: Iterable[int]) -> None:
        """Look up the people and leaders of `units` and the superior staff of `divisions` at once."""
        missing_units = {pk for pk in units if pk is not None and pk not in self._members}
        if missing_units:
            self._load_units(missing_units)
        missing_divisions = {pk for pk in divisions if pk not in self._staff}
        if missing_divisions:
            self._load_staff(missing_divisions)

    def _load_units(self, unit_ids: set[int]) -> None:
        members: dict[int, list[int]] = defaultdict(list)
        leaders: dict[int, list[int]] = defaultdict(list)
        active = Account.objects.filter(user__is_active=True)
        for unit_id, user_id in active.filter(unit_id__in=unit_ids).values_list("unit_id", "user_id"):
            members[unit_id].append(user_id)
        for unit_id, user_id in active.filter(unit_id__in=unit_ids, roles__code="unit_leader").values_list(
            "unit_id", "user_id"
        ):
            leaders[unit_id].append(user_id)
        heads: dict[int, list[int]] = defaultdict(list)
        for unit_id, person_id in Unit.objects.filter(pk__in=unit_ids, leader__isnull=False).values_list(
            "pk", "leader_id"
        ):
            heads[person_id].append(unit_id)
        for person_id, user_id in active.filter(person_id__in=list(heads)).values_list(
            "person_id", "user_id"
        ):
            for unit_id in heads[person_id]:
                leaders[unit_id].append(user_id)
        for unit_id in unit_ids:
            self._members[unit_id] = self._users(members[unit_id])
            self._leaders[unit_id] = self._users(leaders[unit_id])

    def _load_staff(self, division_ids: set[int]) -> None:
        places = Division.objects.filter(pk__in=division_ids).values_list("pk", "path", "level")
        above = {
            pk: [path[: PATH_LENGTH[lvl]] for lvl in range(level - 1, 0, -1)] for pk, path, level in places
        }
        staff: dict[str, list[int]] = defaultdict(list)
        prefixes = {p for paths in above.values() for p in paths}
        rows = Account.objects.filter(
            user__is_active=True, home_division__path__in=prefixes, roles__code__in=STAFF_ROLES
        ).values_list("home_division__path", "user_id")
        for path, user_id in rows:
            staff[path].append(user_id)
        for pk in division_ids:
            # The nearest division above with staff: the street's district, else the city.
            nearest = next((staff[p] for p in above.get(pk, []) if staff[p]), [])
            self._staff[pk] = self._users(nearest)

    def unit_members(self, unit_id: int | None) -> list[Any]:
        if unit_id is None:
            return []
        if unit_id not in self._members:
            self._load_units({unit_id})
        return self._members[unit_id]

    def unit_leaders(self, unit_id: int | None) -> list[Any]:
        """The accounts of the unit's leader (its `leader` person) and of its members holding the unit
        leader role."""
        if unit_id is None:
            return []
        if unit_id not in self._leaders:
            self._load_units({unit_id})
        return self._leaders[unit_id]

    def superior_staff(self, division_id: int) -> list[Any]:
        """Staff of the division above the case's, walking further up until someone is found."""
        if division_id not in self._staff:
            self._load_staff({division_id})
        return self._staff[division_id]

    def handler_side(self, case: Case) -> list[Any]:
        """The handler; without one, everyone of the responsible unit."""
        if case.handler is not None:
            return [case.handler.user]
        return self.unit_members(case.responsible_unit_id)

    def supervisor_side(self, case: Case, *, assigners: bool = True) -> list[Any]:
        """Who registered (and, unless `assigners` is False, assigned) the case, and the supervising
        unit's people."""
        users = list(self.unit_members(case.supervising_unit_id))
        actor_ids = [case.registered_by_id] if case.registered_by_id else []
        if assigners:
            actor_ids += list(
                case.events.filter(kind__in=[EventKind.ASSIGNED, EventKind.REASSIGNED])
                .exclude(actor=None)
                .values_list("actor_id", flat=True)
            )
        return users + self._users(actor_ids)

    def cooperating(self, case: Case) -> list[Any]:
        users: list[Any] = []
        for unit_id in case.cooperating_units.values_list("pk", flat=True):
            users += self.unit_members(unit_id)
        return users


def without(users: list[Any], actor: Any) -> list[Any]:
    """`users` once each, without the one who acted (nobody is told of their own act)."""
    seen: dict[int, Any] = {}
    for user in users:
        if user is not None and user.pk != getattr(actor, "pk", None):
            seen.setdefault(user.pk, user)
    return list(seen.values())
