"""三员分立: the system, security and audit administrators' separate duties (GB/T 22239-2019 level 3,
安全管理中心: 系统管理, 安全管理, 审计管理).

With the security policy's `separate_administrators` on (`heluo init`), every act of account and security
administration is one duty's, and only the holder of that duty's permission does it:

- system (系统管理员): accounts and their login details — create, change name and e-mail, disable,
  reset a password (`core.maintain_account`);
- security (安全管理员): roles, scopes and units, unlocks, second factors, the security policy
  (`core.grant_account`);
- audit (审计管理员): reading, exporting and verifying the audit trail (`core.view_accessevent`).

No built-in role holds two duties, and under separation nobody changes their own roles. The system
operator (the engines and commands such as `heluo init`) acts for every duty. Off (the demo), the
permissions of each act decide alone, as before.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from heluo.core.models import SecurityPolicy
from heluo.core.services.access import SYSTEM_USERNAME

SYSTEM, SECURITY, AUDIT = "system", "security", "audit"
DUTY_PERMISSIONS = {
    SYSTEM: "core.maintain_account",
    SECURITY: "core.grant_account",
    AUDIT: "core.view_accessevent",
}


def separated() -> bool:
    return bool(SecurityPolicy.current().separate_administrators)


def refusal(duty: str) -> str:
    return {
        SYSTEM: _("Accounts and their login details are the system administrator's (三员分立)."),
        SECURITY: _(
            "Roles, scopes, unlocks and the security policy are the security administrator's (三员分立)."
        ),
        AUDIT: _("The audit trail is the audit administrator's (三员分立)."),
    }[duty]


def holds(user: Any, duty: str) -> bool:
    """Whether `user` may do an act of `duty` (always, without separation: the act's own permission
    decides)."""
    if not separated() or getattr(user, "username", None) == SYSTEM_USERNAME:
        return True
    return bool(user.has_perm(DUTY_PERMISSIONS[duty]))


def check(user: Any, duty: str) -> None:
    """Refuse (PermissionDenied, in the user's language) an act of `duty` by one who does not hold it."""
    if not holds(user, duty):
        raise PermissionDenied(refusal(duty))


def refuse_new_superuser(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Under separation no account becomes a superuser, whichever way it is made (createsuperuser, the
    shell): a superuser could do all three duties alone (connected to the user model's pre_save)."""
    if not instance.is_superuser or not separated():
        return
    if instance.pk and sender.objects.filter(pk=instance.pk, is_superuser=True).exists():
        return
    raise PermissionDenied(
        _(
            "The security policy separates the system, security and audit administrators (三员分立): "
            "a superuser cannot log in and is not created. The security administrator grants roles "
            "to accounts the system administrator creates."
        )
    )
