"""Who takes part in a monitoring point from outside its territory: asked of the module that owns what
the point watches, as `heluo.monitoring.points` asks who answers for it.

Dust control registers, for its construction sites, the sites of the user's grids: a grid officer sees
the points, monitors and alarms of those sites wherever they lie. Monitoring imports no such module; the
module registers its hook in its AppConfig.ready().
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce

from django.db.models import Q, QuerySet

from heluo.core.models import UserScope

# Given a user's scope, the primary keys (a values queryset or a list) of the watched rows the user
# answers for, or None when they answer for none.
WatcherHook = Callable[[UserScope], QuerySet | list[int] | None]
_HOOKS: dict[str, WatcherHook] = {}


def register_watchers(model_label: str, hook: WatcherHook) -> None:
    """Called from the owning app's ready(): `hook(scope)` names the rows of `model_label`
    ("app_label.modelname") whose points the scope's user sees outside their territory."""
    _HOOKS[model_label.lower()] = hook


def watched_q(scope: UserScope, prefix: str = "") -> Q | None:
    """The condition on points (through `prefix`, e.g. "point__") watching rows the user answers for;
    None when they answer for none."""
    conditions = []
    for label, hook in _HOOKS.items():
        ids = hook(scope)
        if ids is None:
            continue
        app_label, model = label.split(".")
        conditions.append(
            Q(**{
                f"{prefix}watched_type__app_label": app_label,
                f"{prefix}watched_type__model": model,
                f"{prefix}watched_id__in": ids,
            })
        )  # fmt: skip
    return reduce(operator.or_, conditions) if conditions else None
