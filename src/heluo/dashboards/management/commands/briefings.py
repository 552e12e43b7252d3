"""`heluo briefings generate --period week|month [--date YYYY-MM-DD] [--division CODE ...]`: make the
briefings of the week or month holding the date (default: the last one over) by hand, printing what it
made. A period made before is not made again.

`heluo briefings channel --name NAME --kind wecom|dingtalk --url ADDRESS --division CODE ...`: post the
briefings of those divisions to a group robot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.models import ChannelKind, Division
from heluo.dashboards.briefings.services import add_channel, briefing_divisions, generate_briefing
from heluo.dashboards.models import BriefingKind, BriefingState


def last_over(kind: str, today: dt.date) -> dt.date:
    """A day of the last week or month that is over."""
    return (
        today - dt.timedelta(days=7)
        if kind == BriefingKind.WEEK
        else today.replace(day=1) - dt.timedelta(days=1)
    )


class Command(BaseCommand):
    help = _("Briefings: make the weekly or monthly briefings of a period.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("generate", help=_("make the briefings of a week or a month"))
        run.add_argument("--period", choices=BriefingKind.values, required=True)
        run.add_argument(
            "--date", type=dt.date.fromisoformat, help=_("a day of the period (default: the last one over)")
        )
        run.add_argument(
            "--division", action="append", default=[], help=_("a division's code (default: as configured)")
        )
        robot = actions.add_parser("channel", help=_("post the briefings of some divisions to a group robot"))
        robot.add_argument("--name", required=True)
        robot.add_argument("--kind", choices=(ChannelKind.WECOM, ChannelKind.DINGTALK), required=True)
        robot.add_argument("--url", required=True, help=_("the robot's address as copied from the group"))
        robot.add_argument("--division", action="append", required=True, help=_("a division's code"))

    def handle(self, *args: Any, action: str, division: list[str], **options: Any) -> None:
        divisions = list(Division.objects.filter(code__in=division, valid_to__isnull=True))
        if division and len(divisions) != len(set(division)):
            raise CommandError(_("Unknown division code in %(codes)s.") % {"codes": ", ".join(division)})
        if action == "channel":
            try:
                channel = add_channel(options["name"], options["kind"], options["url"], divisions)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(_("%(name)s: the briefings of %(divisions)s are posted to it.")
                              % {"name": channel.name, "divisions": "、".join(map(str, divisions))})  # fmt: skip
            return
        self.generate(options["period"], options["date"], divisions or briefing_divisions())

    def generate(self, period: str, date: dt.date | None, divisions: list[Division]) -> None:
        day = date or last_over(period, timezone.localdate())
        if day > timezone.localdate():
            raise CommandError(_("A briefing reports on days that are over."))
        for place in divisions:
            briefing, made = generate_briefing(place, period, day)
            if not made:
                line = _("%(title)s: made before, left as it is.")
            elif briefing.state == BriefingState.EMPTY:
                line = _("%(title)s: nothing to report, sent to nobody.")
            else:
                line = _("%(title)s: made and sent.")
            self.stdout.write(line % {"title": briefing.title})
