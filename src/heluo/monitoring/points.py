"""Who answers for a monitoring point: asked of the module that owns what the point watches.

Dust control registers, for its construction sites, the site's grid officers (一长三员) and the grid's
division; an alarm's case goes to them (heluo.cases.services.opening). A point that watches nothing a
module answers for has no officers, and its cases wait for a supervisor to assign them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heluo.cases.services.opening import AssignmentPolicy
from heluo.monitoring.models import MonitoringPoint

# Given the watched row, the officers who answer for it and the area to find a unit in.
ResponsibleHook = Callable[[Any], AssignmentPolicy]
_HOOKS: dict[str, ResponsibleHook] = {}


def register_responsible(model_label: str, hook: ResponsibleHook) -> None:
    """Called from the owning app's ready(): `hook(row)` names who answers for points watching rows of
    `model_label` ("app_label.modelname")."""
    _HOOKS[model_label.lower()] = hook


def responsible_for(point: MonitoringPoint) -> AssignmentPolicy:
    """The officers and area of `point` (no officers, the point's division, when no module answers)."""
    kind = point.watched_type
    if kind is not None:
        hook = _HOOKS.get(f"{kind.app_label}.{kind.model}")
        watched = point.watched
        if hook is not None and watched is not None:
            return hook(watched)
    return AssignmentPolicy(area=point.division)
