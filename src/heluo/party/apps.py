from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "heluo.party"
    label = "party"
    verbose_name = _("Party building")

    def ready(self) -> None:
        from heluo.cases.sources import register_source

        from . import figures, ledgers, tasks  # noqa: F401  (registers the ledgers, figures and the periodic task)
        from .services.organisations import SOURCE_KIND

        # A committee's term about to end opens a case; the new term closes it.
        register_source(SOURCE_KIND, _("party committee term ending (换届)"), model="party.PartyOrganisation")
        from heluo.core.modules import MenuItem, register_menu
        from heluo.core.seeding import seed_after_migrate

        register_menu(
            "party",
            MenuItem(_("Party organisations"), "party:partyorganisation_list", "party.PartyOrganisation"),
            MenuItem(_("Branch rules"), "party:branch_rules", "party.PartyOrganisation"),
            MenuItem(_("Party posts"), "party:post_list", "party.Post"),
            MenuItem(_("Party members"), "party:member_list", "party.Member"),
            MenuItem(_("Mobile members"), "party:mobile_members", "party.Member"),
            MenuItem(_("Organisation relation transfers"), "party:transfer_list", "party.Transfer"),
            MenuItem(_("Term lengths"), "party:termlength_list", "party.TermLength"),
        )
        # Term lengths, meeting requirements, the points scheme (defaults.py).
        seed_after_migrate("heluo.party", "party.TermLength", "heluo.party.defaults.seed_defaults")
        from . import (
            apps_alliance,
            hooks_meetings,  # noqa: F401  (meetings: menu, case source, branch life, scan)
        )

        apps_alliance.ready()
