"""What 三会一课 and study register when the app is ready (heluo.party.apps imports this module): the
menu, the missed-meeting supervision source, branch life for the art. 9 flag, the points of meetings
and study sessions, the hourly scan, and the city's default meeting
requirements (a seeder of heluo.party.defaults, run after each migrate)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from heluo.cases.sources import register_source
from heluo.core.modules import MenuItem, register_menu

from . import ledgers_meetings, tasks_meetings  # noqa: F401  (ledgers, periodic task)
from .activity import register_participation
from .defaults import seeder
from .services import meetings, study
from .services.points import register_points_source

# A missed required meeting opens a case; a make-up meeting does not close it (its handler does).
register_source(meetings.SOURCE_KIND, _("party meeting missed"), model="party.MissedMeeting")
seeder(meetings.seed_requirements)
register_participation("life", _("branch life"), meetings.life_months)
register_points_source("party.Meeting", meetings.meeting_awards, year_of=lambda meeting: meeting.held_on.year)
register_points_source(
    "party.StudySession", study.session_awards, year_of=lambda session: session.held_on.year
)
register_menu(
    "party",
    MenuItem(_("Party meetings"), "party:meeting_list", "party.Meeting"),
    MenuItem(_("Meeting requirements"), "party:meetingrequirement_list", "party.MeetingRequirement"),
    MenuItem(_("Study sessions"), "party:studysession_list", "party.StudySession"),
    MenuItem(_("Study records"), "party:studyrecord_list", "party.StudyRecord"),
)
