"""The alliance's and 四议两公开's part of the app's ready(): their menu, and the joint activities'
hours as work done (党章 art. 9's third kind) and as points."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from heluo.core.modules import MenuItem, register_menu


def ready() -> None:
    register_menu(
        "party",
        MenuItem(_("Party-building alliances"), "party:alliance_list", "party.Alliance"),
        MenuItem(_("Alliance member units"), "party:alliancemember_list", "party.AllianceMember"),
        MenuItem(_("Resource list"), "party:resource_list", "party.Resource"),
        MenuItem(_("Need list"), "party:need_list", "party.Need"),
        MenuItem(_("Project list"), "party:project_list", "party.Project"),
        MenuItem(_("Matches"), "party:match_list", "party.Match"),
        MenuItem(_("Alliance lists not kept current"), "party:alliance_stale_lists", "party.Alliance"),
        MenuItem(_("Joint activities"), "party:jointactivity_list", "party.JointActivity"),
        MenuItem(_("Village major matters (四议两公开)"), "party:villagematter_list", "party.VillageMatter"),
    )
