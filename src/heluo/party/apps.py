from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_defaults(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    # After the party tables exist: term lengths, meeting requirements, the points scheme (defaults.py).
    # post_migrate fires for every app even when a partial migrate (`migrate core 0001`) left party's
    # tables uncreated; then there is nothing to seed yet.
    if sender.name != "heluo.party":
        return
    from .models import TermLength

    if TermLength._meta.db_table not in connections[using].introspection.table_names():
        return
    from .defaults import seed_defaults

    seed_defaults()


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
        post_migrate.connect(_seed_defaults, dispatch_uid="heluo.party.seed_defaults")
        from . import (
            apps_alliance,
            hooks_meetings,  # noqa: F401  (meetings: menu, case source, branch life, scan)
        )

        apps_alliance.ready()
