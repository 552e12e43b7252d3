from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_defaults(sender: AppConfig, **kwargs: Any) -> None:
    # After the militia tables exist: the city's age limits start as the rule's defaults.
    if sender.name == "heluo.militia":
        from .services.eligibility import seed_limits

        seed_limits()


class MilitiaConfig(AppConfig):
    name = "heluo.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        from heluo.core.modules import MenuItem, register_menu

        from . import ledgers  # noqa: F401  (registers the ledgers)

        register_menu(
            "militia",
            MenuItem(_("Militia members"), "militia:militiamember_list", "militia.MilitiaMember"),
            MenuItem(_("Militia units"), "militia:militiaunit_list", "militia.MilitiaUnit"),
            MenuItem(_("Unit moves"), "militia:unitmove_list", "militia.UnitMove"),
            MenuItem(
                _("Armed-forces departments"),
                "militia:armedforcesdepartment_list",
                "militia.ArmedForcesDepartment",
            ),
            MenuItem(_("Militia unit categories"), "militia:unitcategory_list", "militia.UnitCategory"),
            MenuItem(_("Militia age limits"), "militia:eligibilitylimits_list", "militia.EligibilityLimits"),
        )
        post_migrate.connect(_seed_defaults, dispatch_uid="heluo.militia.seed_defaults")
