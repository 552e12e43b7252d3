from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "heluo.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        from heluo.core.modules import MenuItem, register_menu
        from heluo.core.seeding import seed_after_migrate

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
        # The city's age limits start as the rule's defaults.
        seed_after_migrate(
            "heluo.militia", "militia.EligibilityLimits", "heluo.militia.services.eligibility.seed_limits"
        )
        # Part B: the reorganisation (targets, the new-type share, musters).
        from . import apps_reorganisation

        apps_reorganisation.ready()
        # Part C: training, equipment reserves, inspections.
        from . import apps_c

        apps_c.ready()
