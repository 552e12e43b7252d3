"""The reorganisation's part of the app's ready(): its ledgers, figures, menu, and the case source of a
shortfall of new-type forces (a later check that meets the share closes its case)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from heluo.core.modules import MenuItem, register_menu


def ready() -> None:
    from heluo.cases.sources import register_source

    from . import figures, ledgers_reorganisation, tasks_reorganisation  # noqa: F401  (registers them)
    from .services.reorganisation import SOURCE_KIND

    register_source(
        SOURCE_KIND, _("shortfall of new-type militia forces (新质力量)"), model="militia.Reorganisation"
    )
    register_menu(
        "militia",
        MenuItem(_("Militia reorganisations"), "militia:reorganisation_list", "militia.Reorganisation"),
        MenuItem(
            _("Reorganisation targets"), "militia:reorganisationtarget_list", "militia.ReorganisationTarget"
        ),
        MenuItem(_("Musters"), "militia:muster_list", "militia.Muster"),
    )
