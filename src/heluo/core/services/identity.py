"""Identity controls (身份鉴别, GB/T 22239-2019 level 3): the security policy, password rules, two-factor
login, lock-outs and dormant accounts. Pages, the API, commands and tasks call these; the arithmetic is
in heluo.core.identity. See docs/security/identity.md."""

from __future__ import annotations

import datetime as dt
from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import segno
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user, match_token, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heluo.core import identity
from heluo.core.models import AccessKind, Account, PasswordHistory, Role, SecurityPolicy
from heluo.core.modules import SENSITIVE_MODULES
from heluo.core.scope import visible
from heluo.core.services import accounts, duties
from heluo.core.services.access import record_access

RECOVERY_CODES = 10
# Entries kept per user: the most the policy's history may ask for.
KEPT_PASSWORDS = 24
# Holders of any of these administer accounts, roles or the policy, or read the audit trail (the three
# administrators of 三员分立 among them): the policy may require them to use a second factor. So may it of
# the roles that open a sensitive module (militia).
ADMINISTRATOR_PERMISSIONS = (
    "core.change_account",
    "core.change_role",
    "core.change_securitypolicy",
    "core.view_accessevent",
)


def current_policy() -> SecurityPolicy:
    return SecurityPolicy.current()


@transaction.atomic
def apply_level_three() -> SecurityPolicy:
    """Set the level-3 values (what `heluo init` does). Idempotent; the change is in the policy's history."""
    policy = current_policy()
    for field, value in SecurityPolicy.LEVEL_THREE.items():
        setattr(policy, field, value)
    policy.save()
    return policy


# Passwords -----------------------------------------------------------------------------------------------


class PolicyPasswordValidator:
    """A password validator (AUTH_PASSWORD_VALIDATORS) reading the security policy: length, character
    classes and the last passwords, which it also records whenever a password is set."""

    def validate(self, password: str, user: Any = None) -> None:
        policy = current_policy()
        errors = []
        if len(password) < policy.min_password_length:
            errors.append(
                ValidationError(
                    ngettext(
                        "This password is too short: it must have at least %(count)d character.",
                        "This password is too short: it must have at least %(count)d characters.",
                        policy.min_password_length,
                    )
                    % {"count": policy.min_password_length},
                    code="password_too_short",
                )
            )
        if len(identity.character_classes(password)) < policy.required_character_classes:
            errors.append(
                ValidationError(
                    _(
                        "This password must use at least %(count)d of upper case letters, lower case letters, digits and symbols."
                    )
                    % {"count": policy.required_character_classes},
                    code="password_too_simple",
                )
            )
        if user is not None and user.pk and policy.password_history and _used_before(user, password, policy):
            errors.append(
                ValidationError(
                    _("This password was used recently: choose one not among your last %(count)d.")
                    % {"count": policy.password_history},
                    code="password_reused",
                )
            )
        if errors:
            raise ValidationError(errors)

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or not user.pk:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[KEPT_PASSWORDS:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        policy = current_policy()
        return _(
            "At least %(length)d characters, using at least %(classes)d of upper case letters, lower case letters, digits and symbols."
        ) % {"length": policy.min_password_length, "classes": policy.required_character_classes}


def _used_before(user: Any, password: str, policy: SecurityPolicy) -> bool:
    # The current password counts too, also one set before the history was kept.
    earlier = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)
    hashes = [user.password, *earlier[: policy.password_history]]
    return any(check_password(password, encoded) for encoded in hashes if encoded)


def password_set_at(user: Any) -> dt.datetime:
    """When the user's current password was set (for one set before the history was kept: the user's creation)."""
    newest = PasswordHistory.objects.filter(user=user).values_list("set_at", flat=True).first()
    return newest or user.date_joined


def password_expired(user: Any, now: dt.datetime | None = None) -> bool:
    """Whether the user's password is older than the policy's maximum age."""
    max_age = current_policy().password_max_age_days
    if not max_age or not user.has_usable_password():
        return False
    return identity.password_expired(password_set_at(user), now or timezone.now(), max_age)


# Two-factor login ----------------------------------------------------------------------------------------


def is_administrator(user: Any) -> bool:
    return any(user.has_perm(permission) for permission in ADMINISTRATOR_PERMISSIONS)


def requires_two_factor(user: Any) -> bool:
    """Whether the policy requires a second factor of this user: an administrator (ADMINISTRATOR_PERMISSIONS)
    or the holder of a role of a sensitive module (militia)."""
    if not current_policy().two_factor_for_administrators:
        return False
    if is_administrator(user):
        return True
    modules = Role.objects.filter(accounts__user=user).values_list("modules", flat=True)
    return any(set(role_modules) & SENSITIVE_MODULES for role_modules in modules)


def has_two_factor(user: Any) -> bool:
    """Whether the user has a confirmed second factor (then every login asks for it)."""
    return bool(user_has_device(user, confirmed=True))


def verify_code(user: Any, code: str) -> Device | None:
    """The device that accepts this code (an authenticator's code or an unused recovery code, which is
    then used up), or None. django-otp slows down repeated wrong codes per device."""
    cleaned = "".join(code.split()).lower()
    return match_token(user, cleaned) if cleaned else None


def start_totp_enrolment(user: Any) -> TOTPDevice:
    """The authenticator (TOTP) device being enrolled: an unconfirmed one, the same until it is confirmed,
    so that reloading the page shows the same QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def confirm_totp(user: Any, device: TOTPDevice, code: str) -> list[str]:
    """Confirm an enrolment with a code of the new authenticator: the device replaces any earlier second
    factor and new recovery codes are made. Returns the recovery codes, to be shown to the user once.
    Raises ValidationError for a wrong code."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied(_("This enrolment is not yours or is already confirmed."))
    if not device.verify_token("".join(code.split())):
        raise ValidationError(_("The code is wrong or has expired: enter the code your app shows now."))
    for earlier in devices_for_user(user, confirmed=None):
        if earlier.pk != device.pk or not isinstance(earlier, TOTPDevice):
            earlier.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES new ones, each good for one login."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def disable_two_factor(user: Any) -> None:
    """Remove the user's second factors (authenticator and recovery codes). If the policy requires one,
    the user is sent to enrol again."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def reset_two_factor(granter: Any, account: Account) -> None:
    """Remove the second factors of another's account (a lost phone and lost recovery codes), by one who
    may manage it (accounts.check_manageable). Logged in the access log; the holder enrols again."""
    duties.check(granter, duties.SECURITY)
    accounts.check_manageable(granter, account)
    disable_two_factor(account.user)
    username = account.user.get_username()
    record_access(
        granter, AccessKind.ACT, Account, object_ids=[account.pk], context=f"reset two-factor {username}"
    )


def totp_secret(device: TOTPDevice) -> str:
    """The key as an authenticator app takes it when typed in (base32)."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def totp_qr_svg(device: TOTPDevice) -> str:
    """The enrolment's otpauth:// address as an inline SVG QR code (no image file, no script)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=5, border=2))


# Lock-outs -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    account: Account
    ip_address: str
    failures: int
    last_attempt: dt.datetime


def locked_out_accounts(user: Any) -> list[Lockout]:
    """The accounts in the user's scope that django-axes holds locked (HELUO_LOGIN_FAILURE_LIMIT failures
    within the cool-off time), newest first."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    attempts = attempts.order_by("-attempt_time")
    accounts_by_name = {
        account.user.username: account
        for account in Account.objects.for_user(user)
        .filter(user__username__in=attempts.values("username"))
        .select_related("user")
    }
    return [
        Lockout(accounts_by_name[a.username], a.ip_address or "", a.failures_since_start, a.attempt_time)
        for a in attempts
        if a.username in accounts_by_name
    ]


def unlock_account(user: Any, account: Account) -> int:
    """Forget the account's failed logins so it may log in again (core.unlock_account, in scope). Logged in
    the access log. Returns how many lock records were removed."""
    duties.check(user, duties.SECURITY)
    if not user.has_perm("core.unlock_account") or not visible(user, account):
        raise PermissionDenied(_("You may not unlock this account."))
    username = account.user.get_username()
    removed = reset_attempts(username=username)
    record_access(user, AccessKind.ACT, Account, object_ids=[account.pk], context=f"unlock {username}")
    return int(removed)


# Dormant accounts ----------------------------------------------------------------------------------------


def dormant_accounts(now: dt.datetime | None = None) -> list[Account]:
    """Active accounts not logged in (or, never logged in, created) before the policy's dormancy cut-off;
    none when the control is off. The system operator's account is never dormant."""
    cutoff = identity.dormancy_cutoff(now or timezone.now(), current_policy().dormant_account_days)
    if cutoff is None:
        return []
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff)
    )
    return list(Account.objects.filter(is_system=False, user__in=users).select_related("user"))


def disable_dormant_accounts(now: dt.datetime | None = None) -> list[Account]:
    """Disable every dormant account (as the system operator, in each account's history). Idempotent: a
    disabled account is no longer dormant. Returns the accounts disabled."""
    operator = accounts.system_operator()
    disabled = dormant_accounts(now)
    for account in disabled:
        account._history_user = operator  # type: ignore[attr-defined]
        accounts.set_active(operator, account, False)
    return disabled
