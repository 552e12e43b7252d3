"""Where a case comes from (来源): a registry other apps extend with their own kinds.

A kind names what the case was made from (an enterprise's problem, an inspection finding, a sensor
alarm …) and, when an app registers it with its model, the case links back to that row through a
generic relation. The database stores the code only, so an app adding a kind needs no migration here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class SourcedCase(Protocol):
    """What a source hook reads of a case (a cases.models.Case; this module lies below the models)."""

    source_kind: str
    source_id: int | None
    state: str

    @property
    def source(self) -> Any: ...


SourceHook = Callable[[SourcedCase], Any]


@dataclass(frozen=True)
class SourceKind:
    code: str
    label: Promise | str
    # "app_label.ModelName" of the rows this kind links to; "" when it links to nothing.
    model: str = ""
    # Told, inside the act's transaction, when a case of this kind closes (closed, cancelled) or reopens.
    on_change: SourceHook | None = None
    # What the handler waits for when they stop the clock themselves ("等待企业补充材料"); empty: only a
    # supervisor suspends cases of this kind.
    waits_on: Promise | str = ""


SOURCES: dict[str, SourceKind] = {}


def register_source(
    code: str,
    label: Promise | str,
    model: str = "",
    on_change: SourceHook | None = None,
    waits_on: Promise | str = "",
) -> SourceKind:
    """Called from an app's AppConfig.ready(): adds a kind of source (idempotent for the same code).

    `on_change(case)` is called whenever a case of this kind moves between open and closed (closed or
    cancelled, or reopened), with the case as changed; its source row is `case.source`. It may refuse
    the change by raising ValidationError, which undoes the act.

    `waits_on` lets the handler of a case of this kind stop its clock while waiting on the other party
    (the act "wait", with a reason the supervisor sees), and restart it; without it only a supervisor
    suspends such a case."""
    kind = SourceKind(code, label, model, on_change, waits_on)
    SOURCES[code] = kind
    return kind


def withheld_kinds(scope: Any) -> frozenset[str]:
    """The kinds whose source rows `scope` (a core.scope.UserScope) may not see: a case made from a
    sensitive module's row (a militia shortfall) belongs to that module, and its title and figures with it."""
    from django.apps import apps

    from heluo.core.modules import SENSITIVE_MODULES
    from heluo.core.scope import covers

    models = {kind.code: apps.get_model(kind.model) for kind in SOURCES.values() if kind.model}
    return frozenset(
        code
        for code, model in models.items()
        if getattr(model, "scope_module", None) in SENSITIVE_MODULES and not covers(scope, model)
    )


def source_changed(case: SourcedCase) -> None:
    """Tell the case's source that the case closed or reopened (the case's act calls this)."""
    kind = SOURCES.get(case.source_kind)
    if kind is not None and kind.on_change is not None and case.source_id is not None:
        kind.on_change(case)


def waits_on(case: SourcedCase) -> Promise | str:
    """What the handler of `case` may stop its clock for ("" when its source does not allow it)."""
    kind = SOURCES.get(case.source_kind)
    return kind.waits_on if kind is not None else ""


def source_choices() -> list[tuple[str, Promise | str]]:
    """The model field's choices: read when a form or page is built, so later registrations count."""
    return [(kind.code, kind.label) for kind in SOURCES.values()]


for _code, _label in (
    ("enterprise_problem", _("enterprise problem")),
    ("inspection", _("inspection finding")),
    ("monitoring_alarm", _("monitoring alarm")),
    ("patrol", _("patrol report")),
    ("instruction", _("leader's instruction")),
    ("external", _("another system")),
    ("other", _("other")),
):
    register_source(_code, _label)
