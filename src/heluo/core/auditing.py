"""What the audit trail hears without being called: logins, failed logins and logouts (Django's signals),
and every change a user makes to a row with field history (simple-history's signal). Engines' work (the
system operator's) and device readings are not users' acts and are not recorded here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from simple_history.signals import post_create_historical_record

from heluo.core.middleware import client_address
from heluo.core.models import AccessKind, AccessOutcome
from heluo.core.services.access import is_users_act, record_event

HISTORY_KINDS = {"+": AccessKind.CREATE, "~": AccessKind.CHANGE, "-": AccessKind.DELETE}


def _address(request: HttpRequest | None) -> str | None:
    return client_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="heluo_audit_login")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record_event(AccessKind.LOGIN, user=user, context=_path(request), address=_address(request))


@receiver(user_logged_out, dispatch_uid="heluo_audit_logout")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(AccessKind.LOGOUT, user=user, context=_path(request), address=_address(request))


@receiver(user_login_failed, dispatch_uid="heluo_audit_login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record_event(
        AccessKind.LOGIN_FAILED,
        username=str(credentials.get("username") or ""),
        outcome=AccessOutcome.FAILURE,
        context=_path(request),
        address=_address(request),
    )


def _path(request: HttpRequest | None) -> str:
    return request.path if request is not None else ""


@receiver(post_create_historical_record, dispatch_uid="heluo_audit_history")
def _row_changed(
    sender: Any, instance: Any, history_instance: Any, history_user: Any = None, **kwargs: Any
) -> None:
    if not is_users_act(history_user):
        return
    pk = instance.pk
    record_event(
        HISTORY_KINDS.get(history_instance.history_type, AccessKind.CHANGE),
        user=history_user,
        model=type(instance),
        object_ids=[pk] if isinstance(pk, int) else [],
        count=1,
        context=f"{type(instance)._meta.label} #{pk} {getattr(history_instance, 'history_change_reason', '') or ''}",
    )
