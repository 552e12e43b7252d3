"""The published figures of 三会一课, counted from the meetings of the party organisations whose division
lies in a territory:

- meetings held: meetings held in the period (every kind, with or without quorum);
- online attendances: attendances online at those meetings (人次: a member twice counts twice);
- meeting compliance: of the required periods over by the period's end that lie in the period, the
  share held as required by the branches and party groups of the territory (heluo.party.rules.compliance),
  a percent with one decimal; none when no period was due.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from ..models import Attendance, AttendanceMode, Meeting, OrganisationKind, PartyOrganisation
from ..rules import compliance
from ..services.meetings import BRANCH_KINDS, organisation_compliance

MEETINGS_HELD = "party.meetings_held"
ONLINE_ATTENDANCES = "party.online_attendances"
MEETING_COMPLIANCE = "party.meeting_compliance"


def meetings_held(territory: Territory, period: Period) -> int:
    rows = Meeting.objects.filter(held_on__gte=period.start, held_on__lte=period.end)
    return territory.filter(rows, "organisation__division").count()


def online_attendances(territory: Territory, period: Period) -> int:
    rows = Attendance.objects.filter(
        mode=AttendanceMode.ONLINE, meeting__held_on__gte=period.start, meeting__held_on__lte=period.end
    )
    return territory.filter(rows, "meeting__organisation__division").count()


def meeting_compliance(territory: Territory, period: Period) -> Decimal | None:
    organisations = territory.filter(
        PartyOrganisation.objects.filter(kind__in=(*BRANCH_KINDS, OrganisationKind.GROUP)), "division"
    )
    met = due = 0
    first, last = compliance.month_start(period.start), compliance.month_start(period.end)
    after = period.end + dt.timedelta(days=1)  # a period ending on the last day is over by its end
    for organisation in organisations:
        statuses = [
            s for s in organisation_compliance(organisation, first, last, after)
            if s.start >= period.start and s.end <= period.end
        ]  # fmt: skip
        held, over = compliance.share_held(statuses)
        met, due = met + held, due + over
    if not due:
        return None
    return (Decimal(100 * met) / Decimal(due)).quantize(Decimal("0.1"), ROUND_HALF_UP)


register_figure(
    Figure(MEETINGS_HELD, _("party meetings held"), "party", meetings_held, unit="次",
           description=_("Meetings of 三会一课 and theme party days held in the period.")),
    Figure(ONLINE_ATTENDANCES, _("online attendances at party meetings"), "party", online_attendances,
           unit="人次", description=_("Members attending party meetings online in the period, each time counted.")),
    Figure(MEETING_COMPLIANCE, _("required party meetings held"), "party", meeting_compliance, unit="%",
           writing=Writing("percent"),
           description=_("Required periods within the period and over by its end that were held as required ÷ all "
                         "such periods; none when no period was due.")),
)  # fmt: skip
register_sentence(
    Sentence(
        "party.meetings",
        "party",
        "{period}，{territory}各级党组织召开“三会一课”和主题党日{held}，党员线上参会{online}，规定会议按时召开率{rate}。",
        {"held": MEETINGS_HELD, "online": ONLINE_ATTENDANCES, "rate": MEETING_COMPLIANCE},
        _("Party meetings in the period"),
    )
)
