from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_defaults(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    # After the militia tables exist: the city's age limits start as the rule's defaults. A partial
    # migrate (`migrate core 0001`) fires post_migrate too, before they exist.
    if sender.name != "heluo.militia":
        return
    from .models import EligibilityLimits

    if EligibilityLimits._meta.db_table not in connections[using].introspection.table_names():
        return
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
        # Part B: the reorganisation (targets, the new-type share, musters).
        from . import apps_reorganisation

        apps_reorganisation.ready()
        # Part C: training, equipment reserves, inspections.
        from . import apps_c

        apps_c.ready()
