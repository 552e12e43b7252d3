"""The party-building alliances' published figures, counted from the rows of the alliances whose lead
organisation lies in the territory:

- member units: units that had joined by the period's last day and not left by then;
- projects: projects started by the period's last day (or, without a start day, listed by then);
- volunteer hours: the hours party members gave to the alliances' joint activities held in the period
  (each participant's own hours, else the activity's).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence

from ..models import ActivityParticipant, AllianceMember, Project

ALLIANCE_MEMBERS = "party.alliance_members"
ALLIANCE_PROJECTS = "party.alliance_projects"
ALLIANCE_VOLUNTEER_HOURS = "party.alliance_volunteer_hours"
ALLIANCE_SUMMARY = "party.alliance"

LEAD = "alliance__organisation__division"


def count_members(territory: Territory, period: Period) -> int:
    current = AllianceMember.objects.filter(joined_on__lte=period.end).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=period.end)
    )
    return territory.filter(current, LEAD).count()


def count_projects(territory: Territory, period: Period) -> int:
    started = Project.objects.filter(
        Q(started_on__lte=period.end) | Q(started_on__isnull=True, created_at__lt=period.end_at)
    )
    return territory.filter(started, LEAD).count()


def volunteer_hours(territory: Territory, period: Period) -> Decimal:
    held = ActivityParticipant.objects.filter(
        activity__held_on__gte=period.start, activity__held_on__lte=period.end
    )
    total = territory.filter(held, f"activity__{LEAD}").aggregate(
        hours=Sum(Coalesce("hours", "activity__hours"))
    )["hours"]
    return total or Decimal(0)


FIGURES = (
    Figure(ALLIANCE_MEMBERS, _("member units of party-building alliances"), "party", count_members, unit="家",
           description=_("Units that had joined an alliance by the period's last day and not left by then.")),
    Figure(ALLIANCE_PROJECTS, _("joint projects of party-building alliances"), "party", count_projects, unit="个",
           description=_("Projects on the alliances' project lists started by the period's last day.")),
    Figure(ALLIANCE_VOLUNTEER_HOURS, _("party members' hours in alliance activities"), "party", volunteer_hours,
           unit="小时", description=_("Hours party members gave to the joint activities held in the period.")),
)  # fmt: skip

SENTENCES = (
    Sentence(
        ALLIANCE_SUMMARY,
        "party",
        "{period},{territory}党建联盟共有成员单位{members},实施联建项目{projects},党员参加联建活动{hours}。",
        {"members": ALLIANCE_MEMBERS, "projects": ALLIANCE_PROJECTS, "hours": ALLIANCE_VOLUNTEER_HOURS},
        _("The party-building alliances"),
    ),
)

register_figure(*FIGURES)
register_sentence(*SENTENCES)
