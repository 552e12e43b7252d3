"""The base every ledger model (台账) shares: scoped manager, row version, demo mark, timestamps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class UserScope:
    """What a user may see, worked out once per request (heluo.core.scope.scope_of): the lines (条) their
    roles open, their territory (块) as division path prefixes, and what they take part in."""

    user_id: int | None
    unrestricted: bool
    modules: frozenset[str]
    prefixes: tuple[str, ...]
    unit_id: int | None = None
    zone_id: int | None = None
    person_id: int | None = None
    grid_ids: tuple[int, ...] = ()
    # The built-in operator the engines act as (no login): it registers, assigns and scans every case,
    # a sensitive module's too, though it sees none of that module's rows.
    is_system: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.unrestricted and not self.prefixes

    def covers_path(self, path: str) -> bool:
        return self.unrestricted or any(path.startswith(p) for p in self.prefixes)


NOBODY = UserScope(user_id=None, unrestricted=False, modules=frozenset(), prefixes=())


# A scope_division_field saying that every row is everyone's in the model's module.
CITY_WIDE = "*city-wide*"


class CodeField(models.CharField):
    """A code written in capitals (统一社会信用代码): stored without spaces and upper-cased, whoever
    writes it — a form, the API or an import — before its validators run."""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return value.strip().upper() if isinstance(value, str) else value


class ScopedQuerySet(models.QuerySet):
    def for_user(self, user: Any) -> ScopedQuerySet:
        """The rows `user` may see: the one scope rule of Heluo (see heluo.core.scope)."""
        from heluo.core.scope import restrict

        return restrict(self, user)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    pass


class LedgerModel(models.Model):
    """A row of a ledger: scoped, versioned, audited (each concrete model declares `history`).

    Scope is configured by three class attributes:
    - `scope_module`: the line (条) the model belongs to; a user sees it only if a role covers it. Every
      scoped model says it (a system check refuses one that does not: a forgotten line must not show a
      militia roster to every role that covers core).
    - `scope_division_field`: the lookup path to the Division that places the row (块), e.g. "division"
      or "point__division" (a tuple: any of them); "" means the model is a Division itself; CITY_WIDE
      means every row is everyone's in the module (reference data: the calendar, the alarm rules); None
      means no territory (only `participation_q` opens rows).
    - `participation_q()`: rows a user takes part in regardless of territory (a co-operating unit,
      a grid officer's grid).
    """

    scope_module: ClassVar[str]
    scope_division_field: ClassVar[str | tuple[str, ...] | None] = "division"
    # Fields shown masked to users without the module's right to see them in full (heluo.core.services.
    # masking); a model with such fields names that right ("app.codename"), a system check says so.
    sensitive_fields: ClassVar[tuple[str, ...]] = ()
    full_view_permission: ClassVar[str] = ""
    # Every view of a row is logged in the access log (militia rosters, party members).
    access_logged: ClassVar[bool] = False

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Bumped on every save: an import refuses a row whose version differs from the exported one.
    row_version = models.PositiveIntegerField(_("row version"), default=1, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = ScopedManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            self.row_version = (self.row_version or 0) + 1
        super().save(*args, **kwargs)

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        """Rows the user takes part in outside their territory; None when the model has no such hook."""
        return None

    @classmethod
    def bump_version(cls) -> F:
        """The expression a QuerySet.update() uses to keep row_version honest."""
        return F("row_version") + 1
