"""The alliance's and 四议两公开's part of the app's ready(): their menu, and the joint activities'
hours as work done (党章 art. 9's third kind) and as points."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from heluo.core.modules import MenuItem, register_menu


def ready() -> None:
    from django.db.models.signals import post_delete

    from .activity import register_participation
    from .models import ActivityParticipant
    from .services.alliance import activity_awards, activity_year, participant_removed, work_months
    from .services.points import register_points_source

    register_points_source("party.JointActivity", activity_awards, year_of=activity_year)
    register_participation("work", _("joint activities and volunteer work"), work_months)
    post_delete.connect(
        participant_removed, sender=ActivityParticipant, dispatch_uid="party.participant_removed"
    )
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
