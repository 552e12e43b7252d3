"""Acts on devices: a monitor's HTTP token (issued on its page, kept only as a digest), an unknown MN
taken off the list, a reading conflict resolved."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction

from heluo.core.models import AccessKind
from heluo.core.services.access import record_access
from heluo.core.services.audit import compare_and_set
from heluo.monitoring.models import Monitor, ReadingConflict, UnknownDevice


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(monitor: Monitor, user: Any) -> str:
    """A new token for the monitor's HTTP uploads (the previous one stops working), recorded in its
    history as `user`'s act. Only its digest is stored: the token is returned this once."""
    token = secrets.token_urlsafe(32)
    compare_and_set(
        Monitor, monitor.pk, expected={}, changes={"token_digest": token_digest(token)}, user=user,
        reason="HTTP token issued",
    )  # fmt: skip
    return token


@transaction.atomic
def dismiss_unknown_device(user: Any, device: UnknownDevice) -> None:
    """Take an unknown MN off the list (it comes back if it sends again), in the access log as `user`'s act.
    Who may do it is the caller's check (the page's permission)."""
    record_access(user, AccessKind.ACT, UnknownDevice, object_ids=[device.pk], context=f"dismiss {device.mn}")
    device.delete()


@transaction.atomic
def resolve_conflict(user: Any, conflict: ReadingConflict) -> bool:
    """Mark a reading conflict resolved (compare-and-set: two operators resolve it once), in the access
    log as `user`'s act. Returns whether this call resolved it."""
    if not ReadingConflict.objects.filter(pk=conflict.pk, resolved=False).update(resolved=True):
        return False
    record_access(
        user, AccessKind.ACT, ReadingConflict, object_ids=[conflict.pk], context=f"resolve {conflict.mn}"
    )
    return True
