"""A monitor's HTTP token: issued on its page, kept only as a digest."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from heluo.core.services.audit import compare_and_set
from heluo.monitoring.models import Monitor


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
