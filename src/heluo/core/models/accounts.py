"""Accounts (账号) and roles (角色): who may use which module (条), over which territory (块)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import LedgerModel, UserScope
from .divisions import Division, Zone
from .organisations import Person, Unit


class Role(models.Model):
    """A role: the modules it opens (条) and, through its Django group, the permissions it grants.

    The built-in roles are kept in step with heluo.core.roles after every migrate; a city may add its own.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    modules = models.JSONField(
        _("modules"), default=list, help_text=_("Codes of the modules this role may use.")
    )
    group = models.OneToOneField(Group, verbose_name=_("permission group"), on_delete=models.PROTECT)
    is_builtin = models.BooleanField(_("built in"), default=False, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Account(LedgerModel):
    """A login (Django user) with its person, unit, home scope (a division or a zone) and roles.

    The system operator account (`is_system`) stands for command-line and scheduled work in the history.
    """

    scope_module = "core"

    scope_division_field = ("home_division", "home_zone__city")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="account"
    )
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="accounts"
    )
    home_division = models.ForeignKey(
        Division,
        verbose_name=_("home division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    home_zone = models.ForeignKey(
        Zone,
        verbose_name=_("home zone"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="accounts")
    must_change_password = models.BooleanField(_("must change password at next login"), default=True)
    is_system = models.BooleanField(_("system operator"), default=False, editable=False)

    history = HistoricalRecords(m2m_fields=[roles])

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["user__username"]
        permissions = [
            ("unlock_account", _("Can unlock accounts locked out after failed logins")),
            (
                "maintain_account",
                _("Can create accounts and change their login details (system administrator)"),
            ),
            ("grant_account", _("Can grant roles and scopes (security administrator)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(home_division__isnull=True) | Q(home_zone__isnull=True),
                name="core_account_one_home_scope",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.user.get_username()

    def get_absolute_url(self) -> str:
        return reverse("core:account_detail", args=[self.pk])

    @property
    def home_scope(self) -> Division | Zone | None:
        return self.home_division or self.home_zone

    @classmethod
    def participation_q(cls, scope: UserScope) -> Q | None:
        # A zone's administrator manages the zone's accounts; everyone sees their own account.
        own = Q(user_id=scope.user_id)
        return own | Q(home_zone_id=scope.zone_id) if scope.zone_id else own
