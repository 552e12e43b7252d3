"""A state machine any ledger model with a `state` and a `row_version` can use: a transition table and
the one way an act is made.

An act (`Workflow.act`) checks that the row is in the user's scope, that its state allows the act and
that the user holds the act's permission and plays its part (the module's `actors`), else raises
`PermissionDenied` (the user's role) or `TransitionRefused` (the row's state) and changes nothing. Then,
in one transaction, it compare-and-sets the row (state and row version as read, so two people or
processes never both act), records its history, and hands the new row to the module's `record` to write
its event and notifications (inbox rows in the transaction; outside channels after the commit, by
core's notify). Supervision (cases), party procedures, inspections and enforcement all act this way.

Why a table and not a state-machine library (django-fsm-2, python-statemachine): a module's workflow is
a dozen rows that pages, the API and the tests read directly (which buttons to show, which acts to try);
what each act must do besides moving the state — compare-and-set, history, event, notifications — is
Heluo's own, which a library would only wrap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from heluo.core.scope import scope_of, visible
from heluo.core.services.audit import compare_and_set

M = TypeVar("M", bound=models.Model)


class TransitionRefused(Exception):
    """The act does not fit the row's state (or the row changed meanwhile). Nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    """One row of a transition table: act `name` takes a row in one of `sources` to `target` (None: the
    state stays, or the module's `changes` set it), made by a user holding `permission` (a codename of
    the model's app) who plays the part `actor` (a key of the workflow's `actors`; "" for anyone)."""

    name: str
    label: Promise
    sources: frozenset[str]
    target: str | None
    permission: str
    actor: str = ""


def transition(name: str, label: Promise, sources: Iterable[str], target: str | None, permission: str,
               actor: str = "") -> Transition:  # fmt: skip
    return Transition(name, label, frozenset(sources), target, permission, actor)


@dataclass(frozen=True)
class Actor:
    """A part an act needs beyond a permission ("the handler", "the inspector"), and what a user who
    lacks the permission or the part is told."""

    plays: Callable[[Any, Any], bool]
    refusal: Promise
    # Said instead of the generic refusal when the user lacks the act's permission.
    missing_permission: Promise | None = None


Record = Callable[[M, M, Transition], Any]


@dataclass
class Workflow(Generic[M]):
    """The transitions of one model and how acts on it are checked and made (see the module docstring)."""

    model: type[M]
    transitions: Iterable[Transition]
    actors: Mapping[str, Actor] = field(default_factory=dict)
    # The model's own refusal beyond state and role (e.g. "no extension was asked for"), or None.
    condition: Callable[[Any, M, Transition], str | None] | None = None
    state_field: str = "state"
    select_related: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.table: dict[str, Transition] = {t.name: t for t in self.transitions}

    # --- who may act -----------------------------------------------------------------------------

    def holds(self, user: Any, codename: str) -> bool:
        """Whether the user's roles open the model's module and grant <app>.<codename>."""
        scope = scope_of(user)
        if scope.unrestricted:
            return True
        module = getattr(self.model, "scope_module", None)
        return module in scope.modules and bool(user.has_perm(f"{self.model._meta.app_label}.{codename}"))

    def plays(self, user: Any, obj: M, transition: Transition) -> bool:
        if not transition.actor or scope_of(user).unrestricted:
            return True
        return self.actors[transition.actor].plays(user, obj)

    def refusal(self, user: Any, obj: M, transition: Transition) -> str | None:
        """Why `user` may not make `transition` on `obj` now, or None if they may."""
        state = getattr(obj, self.state_field)
        if state not in transition.sources:
            return _("“%(object)s” is “%(state)s”: it cannot take “%(act)s”.") % {
                "object": obj, "state": _display(obj, self.state_field), "act": transition.label}  # fmt: skip
        actor = self.actors.get(transition.actor)
        if not self.holds(user, transition.permission):
            message = actor.missing_permission if actor is not None and actor.missing_permission else None
            return str(message or _("You may not “%(act)s”.")) % {"act": transition.label}
        if not self.plays(user, obj, transition):
            assert actor is not None
            return str(actor.refusal) % {"act": transition.label}
        return self.condition(user, obj, transition) if self.condition is not None else None

    def check(self, user: Any, obj: M, name: str) -> Transition:
        """The transition, if `user` may make it on `obj` now; else the refusal is raised: PermissionDenied
        (403) when it is the user's role or scope, TransitionRefused (409) when it is the row's state."""
        transition = self.table[name]
        if not visible(user, obj):
            raise PermissionDenied(
                _("%(object)s is outside your scope.") % {"object": self.model._meta.verbose_name}
            )
        reason = self.refusal(user, obj, transition)
        if reason is None:
            return transition
        role_refused = getattr(obj, self.state_field) in transition.sources and (
            not self.holds(user, transition.permission) or not self.plays(user, obj, transition)
        )
        raise PermissionDenied(reason) if role_refused else TransitionRefused(reason)

    def allowed(self, user: Any, obj: M) -> list[Transition]:
        """The acts `user` may make on `obj` now (the buttons of its page)."""
        return [t for t in self.table.values() if self.refusal(user, obj, t) is None]

    # --- the act ---------------------------------------------------------------------------------

    def act(self, user: Any, obj: M, name: str, *, changes: Callable[[M], dict[str, Any]] | None = None,
            record: Record[M] | None = None) -> M:  # fmt: skip
        """Make act `name` on `obj` as `user` (see the module docstring). `changes(current)` gives the
        fields to set besides the state; `record(updated, current, transition)` writes the module's event
        and notifications in the same transaction. Returns the row as changed."""
        with transaction.atomic():
            current = self.model._default_manager.select_related(*self.select_related).get(pk=obj.pk)
            transition = self.check(user, current, name)
            values = changes(current) if changes is not None else {}
            if transition.target is not None:
                values.setdefault(self.state_field, transition.target)
            expected = {
                self.state_field: getattr(current, self.state_field),
                "row_version": getattr(current, "row_version"),  # noqa: B009  (every workflow model has one)
            }
            updated = compare_and_set(
                self.model,
                current.pk,
                expected=expected,
                changes=values,
                user=user,
                reason=str(transition.label),
            )
            if updated is None:
                raise TransitionRefused(_("It was changed by someone else meanwhile: look at it again."))
            if record is not None:
                record(updated, current, transition)  # type: ignore[arg-type]
        return updated  # type: ignore[return-value]


def _display(obj: models.Model, name: str) -> str:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if getter is not None else str(getattr(obj, name))
