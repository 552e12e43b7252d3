"""The access log and audit trail (core.AccessEvent): the one place logins, failed logins and logouts, role
changes, exports, showings of sensitive values in full, views of records whose views are logged and the
users' acts on data are recorded, with user, time, address, event and outcome. Every event is sealed into
one chain (heluo.core.services.audit_trail)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from heluo.core.models import AccessEvent, AccessKind, AccessOutcome
from heluo.core.services import audit_trail

# The system operator's user name (heluo.core.services.accounts): the engines' and commands' acts are not
# a person's.
SYSTEM_USERNAME = "system"
# An export of more rows than this keeps their count, not their ids.
MAX_LOGGED_IDS = 10_000

# The address of the request being served (set by heluo.core.middleware.AuditAddressMiddleware), so that
# services deep below a view record it without being handed the request.
_address: ContextVar[str] = ContextVar("heluo_client_address", default="")


@contextmanager
def client_address(address: str) -> Iterator[None]:
    """Events recorded inside carry `address`."""
    token = _address.set(address)
    try:
        yield
    finally:
        _address.reset(token)


def is_users_act(user: Any) -> bool:
    """Whether an act is a person's: not anonymous, and not the system operator's (engines, commands)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.get_username() != SYSTEM_USERNAME)


def record_event(
    kind: AccessKind,
    *,
    user: Any = None,
    username: str = "",
    outcome: AccessOutcome = AccessOutcome.SUCCESS,
    model: type[models.Model] | None = None,
    object_ids: Iterable[Any] = (),
    count: int = 0,
    context: str = "",
    address: str | None = None,
) -> AccessEvent:
    """Record one event in the audit trail. `user` is the account, when there is one; `username` the name
    given (a failed login's), defaulting to the user's."""
    ids = [int(pk) for pk in object_ids]
    known = user is not None and getattr(user, "is_authenticated", False)
    return audit_trail.append(
        user=user if known else None,
        username=(username or (user.get_username() if known else ""))[:150],
        kind=kind,
        outcome=outcome,
        address=(_address.get() if address is None else address)[:45],
        context=context[:300],
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_ids=ids if len(ids) <= MAX_LOGGED_IDS else [],
        count=count or len(ids),
    )


def record_access(
    user: Any,
    kind: AccessKind,
    model: type[models.Model],
    *,
    object_ids: Iterable[Any] = (),
    count: int | None = None,
    context: str = "",
) -> AccessEvent | None:
    """Log that `user` did `kind` to rows of `model` (`count` rows, default the ids given). Nothing is
    logged for an anonymous caller, or for no row at all."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    ids = [int(pk) for pk in object_ids]
    rows = len(ids) if count is None else count
    if not rows:
        return None
    return record_event(kind, user=user, model=model, object_ids=ids, count=rows, context=context)
