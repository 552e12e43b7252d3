"""Scope: which rows a user may see and act on. The one place this rule lives.

A user sees a row when the row's module (条) is one their roles cover, and either
- the row lies in their territory (块): the subtree of their home division or of their zone's streets,
  including rows made in predecessor divisions of that subtree (吉利区's 2019 rows open for 孟津区), or
- they take part in the row (the model's `participation_q` hook: a co-operating unit, a grid officer).
A superuser and the system operator see everything but the sensitive modules (militia), which only a
role naming them opens; an account without a scope sees nothing.
Views, exports, search, autocomplete, the API and file downloads all go through `restrict`/`may`.
"""

from __future__ import annotations

import contextlib
from functools import reduce
from typing import Any, Literal

from django.db import models
from django.db.models import Q
from django.utils import timezone

from heluo.core.models.base import CITY_WIDE, NOBODY, UserScope
from heluo.core.modules import SENSITIVE_MODULES

Action = Literal["view", "add", "change", "delete"]


def _minimal(prefixes: set[str]) -> tuple[str, ...]:
    """Drop prefixes that another prefix already covers."""
    ordered = sorted(prefixes, key=len)
    kept: list[str] = []
    for p in ordered:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return tuple(sorted(kept))


def with_predecessors(paths: list[str]) -> tuple[str, ...]:
    """Territory prefixes for `paths` plus every predecessor division of any division in them, transitively."""
    from heluo.core.models import Division

    seen = set(paths)
    frontier = list(paths)
    while frontier:
        condition = reduce(lambda a, b: a | b, (Q(successors__path__startswith=p) for p in frontier))
        found = set(Division.objects.filter(condition).values_list("path", flat=True))
        frontier = [p for p in found if not any(p.startswith(s) for s in seen)]
        seen.update(frontier)
    return _minimal(seen)


def build_scope(user: Any) -> UserScope:
    from heluo.core.models import Account, GridMembership

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    if user.is_superuser:
        return UserScope(user_id=user.pk, unrestricted=True, modules=frozenset(), prefixes=())
    account = (
        Account.objects.select_related("home_division", "home_zone")
        .prefetch_related("roles", "home_zone__streets")
        .filter(user=user)
        .first()
    )
    if account is None:
        return NOBODY
    if account.is_system:
        return UserScope(user_id=user.pk, unrestricted=True, modules=frozenset(), prefixes=(), is_system=True)
    modules = frozenset(m for role in account.roles.all() for m in role.modules)
    if account.home_division is not None:
        base = [account.home_division.path]
    elif account.home_zone is not None:
        base = [street.path for street in account.home_zone.streets.all()]
    else:
        base = []
    grid_ids: tuple[int, ...] = ()
    if account.person_id:
        today = timezone.localdate()
        grid_ids = tuple(
            GridMembership.objects.filter(person_id=account.person_id, start__lte=today)
            .filter(Q(end__isnull=True) | Q(end__gte=today))
            .values_list("grid_id", flat=True)
        )
    return UserScope(
        user_id=user.pk,
        unrestricted=False,
        modules=modules,
        prefixes=with_predecessors(base) if base else (),
        unit_id=account.unit_id,
        zone_id=account.home_zone_id,
        person_id=account.person_id,
        grid_ids=grid_ids,
    )


def scope_of(user: Any) -> UserScope:
    """The user's scope, computed once per user object (that is, once per request)."""
    if user is None:
        return NOBODY
    cached = getattr(user, "_heluo_scope", None)
    if cached is None:
        cached = build_scope(user)
        # AnonymousUser-like objects without a __dict__ simply recompute.
        with contextlib.suppress(AttributeError):
            user._heluo_scope = cached
    return cached


def forget_scope(user: Any) -> None:
    """Drop the cached scope after the user's account, roles or grids changed."""
    if hasattr(user, "_heluo_scope"):
        del user._heluo_scope


def territory_q(model: type[models.Model], prefixes: tuple[str, ...]) -> Q | None:
    fields = getattr(model, "scope_division_field", None)
    if fields == CITY_WIDE:
        return Q()
    if fields is None or not prefixes:
        return None
    if isinstance(fields, str):
        fields = (fields,)
    lookups = [f"{field}__path__startswith" if field else "path__startswith" for field in fields]
    return reduce(lambda a, b: a | b, (Q(**{lookup: p}) for lookup in lookups for p in prefixes))


def covers(scope: UserScope, model: type[models.Model]) -> bool:
    """Whether the scope's lines (条) include the model's module: an unrestricted scope covers every module
    but the sensitive ones, which only a role naming them opens."""
    module = getattr(model, "scope_module", None)
    if scope.unrestricted:
        return module not in SENSITIVE_MODULES
    return module in scope.modules


def restrict(queryset: models.QuerySet, user: Any) -> models.QuerySet:
    """`queryset` narrowed to what `user` may see (the body of `Model.objects.for_user`)."""
    scope = scope_of(user)
    model = queryset.model
    if not covers(scope, model):
        return queryset.none()
    withheld = getattr(model, "withheld_q", None)
    hidden = withheld(scope) if withheld is not None else None
    if hidden is not None:
        queryset = queryset.exclude(hidden)
    if scope.unrestricted:
        return queryset
    conditions = [territory_q(model, scope.prefixes)]
    hook = getattr(model, "participation_q", None)
    if hook is not None and scope.user_id is not None:
        conditions.append(hook(scope))
    present = [c for c in conditions if c is not None]
    if not present:
        return queryset.none()
    return queryset.filter(reduce(lambda a, b: a | b, present))


def may(user: Any, action: Action, model: type[models.Model]) -> bool:
    """Whether `user` may do `action` on rows of `model` at all (its module and its Django permission)."""
    scope = scope_of(user)
    if not covers(scope, model):
        return False
    if scope.unrestricted:
        return True
    opts = model._meta
    return bool(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}"))


def visible(user: Any, obj: models.Model) -> bool:
    """Whether one row is in the user's scope (for objects reached without a scoped queryset)."""
    manager = type(obj)._default_manager
    return restrict(manager.filter(pk=obj.pk), user).exists()
