"""The security policy (安全策略) of the installation and the password history it keeps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Every request of a logged-in user reads the policy (idle timeout, expiry, two-factor): it is kept in the
# cache, so a change reaches the other web processes within this many seconds.
POLICY_CACHE_KEY = "heluo:security-policy"
POLICY_CACHE_SECONDS = 30


def _between(low: int, high: int) -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(low), MaxValueValidator(high)]


class SecurityPolicy(models.Model):
    """The identity controls' settings, one row (pk 1) edited on its page by holders of
    core.change_securitypolicy.

    The row a fresh database creates on first use is lenient (the demo logins keep working): nothing
    beyond Django's own password checks, no expiry, no idle timeout, no required two-factor login, no
    dormancy. `heluo init` sets the level-3 values (LEVEL_THREE).
    """

    min_password_length = models.PositiveSmallIntegerField(
        _("minimum password length"), default=8, validators=_between(8, 64)
    )
    required_character_classes = models.PositiveSmallIntegerField(
        _("required character classes"),
        default=1,
        validators=_between(1, 4),
        help_text=_("How many of upper case, lower case, digits and symbols a password must use."),
    )
    password_history = models.PositiveSmallIntegerField(
        _("password history"),
        default=0,
        validators=_between(0, 24),
        help_text=_("The last so many passwords may not be used again (0: no check)."),
    )
    password_max_age_days = models.PositiveSmallIntegerField(
        _("password maximum age (days)"),
        default=0,
        validators=_between(0, 3650),
        help_text=_("An older password must be changed at the next request (0: never)."),
    )
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        _("idle session timeout (minutes)"),
        default=0,
        validators=_between(0, 1440),
        help_text=_("A session idle this long is logged out (0: off)."),
    )
    two_factor_for_administrators = models.BooleanField(
        _("two-factor login required for administrators and militia roles"), default=False
    )
    dormant_account_days = models.PositiveSmallIntegerField(
        _("dormant account (days)"),
        default=0,
        validators=_between(0, 3650),
        help_text=_("An account not used this long is disabled (0: never)."),
    )
    separate_administrators = models.BooleanField(
        _("separate the system, security and audit administrators (三员分立)"),
        default=False,
        help_text=_(
            "Accounts are the system administrator's, roles, scopes, unlocks and this policy the security "
            "administrator's, the audit trail the audit administrator's; superusers cannot log in."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    # GB/T 22239-2019 level 3, as `heluo init` sets it.
    LEVEL_THREE = {
        "min_password_length": 8,
        "required_character_classes": 3,
        "password_history": 5,
        "password_max_age_days": 90,
        "idle_timeout_minutes": 30,
        "two_factor_for_administrators": True,
        "dormant_account_days": 90,
        "separate_administrators": True,
    }

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")
        # One row, never added or deleted by hand: only its change is a right.
        default_permissions = ("change",)

    def __str__(self) -> str:
        return str(_("security policy"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        cache.delete(POLICY_CACHE_KEY)

    @classmethod
    def _create_lenient(cls) -> SecurityPolicy:
        """The first use's row: the defaults, not the change of whoever's request came first (its history
        row has no user, so it is no audit event)."""
        policy = cls(pk=1)
        policy._history_user = None  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                policy.save(force_insert=True)
        except IntegrityError:  # another process created it first
            return cls.objects.get(pk=1)
        del policy._history_user  # type: ignore[attr-defined]  (its later changes are their users')
        return policy

    @classmethod
    def current(cls) -> SecurityPolicy:
        """The policy, created lenient on first use (read through the cache, POLICY_CACHE_SECONDS)."""
        policy = cache.get(POLICY_CACHE_KEY)
        if policy is None:
            policy = cls.objects.filter(pk=1).first() or cls._create_lenient()
            cache.set(POLICY_CACHE_KEY, policy, POLICY_CACHE_SECONDS)
        return policy


class PasswordHistory(models.Model):
    """A password a user set (its hash only), newest first: refuses reuse and dates the current password."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="password_history",
    )
    password = models.CharField(_("password hash"), max_length=128)
    set_at = models.DateTimeField(_("set at"), default=timezone.now)

    class Meta:
        verbose_name = _("password history entry")
        verbose_name_plural = _("password history")
        ordering = ["user", "-set_at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.user_id} {self.set_at:%Y-%m-%d %H:%M}"
