from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


def _end_tokens_on_password_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    # set_password() keeps the new raw password in `_password` until the save: the API tokens issued
    # under the old password end with it.
    if getattr(instance, "_password", None) is not None and instance.pk:
        from rest_framework.authtoken.models import Token

        Token.objects.filter(user_id=instance.pk).delete()


def _sync_roles(sender: AppConfig, **kwargs: Any) -> None:
    # Runs after each app's permissions exist; repeated per app so later apps' permissions reach roles.
    if sender.name.startswith("heluo."):
        from heluo.core.roles import sync_builtin_roles

        sync_builtin_roles()


class CoreConfig(AppConfig):
    name = "heluo.core"
    label = "core"
    verbose_name = _("Base data")
    api_module = "heluo.core.api.ledgers"

    def ready(self) -> None:
        from heluo.core import (
            auditing,  # noqa: F401  (connects the audit trail's receivers)
            checks,  # noqa: F401  (registers the system checks)
            ledgers,  # noqa: F401  (registers core's ledgers)
            lookups,  # noqa: F401  (registers the integer IN lookup)
            tasks,
        )
        from heluo.core.processes import CORE, register_processes
        from heluo.core.services import notifications

        # Deliveries of notifications go to the task worker through core's task.
        notifications.deliver_through(tasks.deliver_task)
        register_processes(CORE)
        from heluo.core.modules import MenuItem, register_menu

        register_menu(
            "core",
            MenuItem(_("Units"), "core:unit_list", "core.Unit"),
            MenuItem(_("People"), "core:person_list", "core.Person"),
            MenuItem(_("Grids"), "core:grid_list", "core.Grid"),
            MenuItem(_("Divisions"), "core:division_list", "core.Division"),
            MenuItem(_("Functional zones"), "core:zone_list", "core.Zone"),
            MenuItem(_("Accounts"), "core:account_list", "core.Account"),
            MenuItem(
                _("Locked-out accounts"),
                "core:lockout_list",
                permission="core.unlock_account",
                duty="security",
            ),
            MenuItem(
                _("Security policy"),
                "core:security_policy",
                permission="core.change_securitypolicy",
                duty="security",
            ),
            MenuItem(_("Figures by district"), "core:district_report", "core.Unit"),
            MenuItem(_("Official figures"), "core:figures", "core.Unit"),
            MenuItem(_("Audit trail"), "core:audit_trail", "core.AccessEvent"),
        )
        post_migrate.connect(_sync_roles, dispatch_uid="heluo.core.sync_roles")
        pre_save.connect(
            _end_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="heluo.core.end_tokens_on_password_change",
        )
        from heluo.core.services.duties import refuse_new_superuser

        pre_save.connect(
            refuse_new_superuser, sender=get_user_model(), dispatch_uid="heluo.core.refuse_new_superuser"
        )
