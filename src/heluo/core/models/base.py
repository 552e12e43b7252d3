"""The base every ledger model (台账) shares: scoped manager, row version, demo mark, timestamps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from heluo.core.scope import UserScope


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
    - `scope_module`: the line (条) the model belongs to; a user sees it only if a role covers it.
    - `scope_division_field`: the lookup path to the Division that places the row (块), e.g. "division"
      or "site__division" (a tuple: any of them); "" means the model is a Division itself; None means
      no territory.
    - `participation_q()`: rows a user takes part in regardless of territory (a co-operating unit,
      a grid officer's grid).
    """

    scope_module: ClassVar[str] = "core"
    scope_division_field: ClassVar[str | tuple[str, ...] | None] = "division"
    # Fields shown masked to users without the right to see them in full (see heluo.core.masking).
    sensitive_fields: ClassVar[tuple[str, ...]] = ()

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
