"""`heluo party meetings-scan [--now ISO-TIME]`: once, what the hourly task does — open one supervision
case for each required meeting a branch or party group missed in a period that is over; prints how many."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.management.arguments import moment

NAME = "meetings-scan"
HELP = gettext_lazy("open the cases of required party meetings missed, once")


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--now", help=_("scan as at this time (ISO 8601, local time if no offset)"))


def handle(command: BaseCommand, *, now: str | None = None, **options: Any) -> None:
    from heluo.party.services.meetings import scan_missed_meetings

    opened = scan_missed_meetings(moment(now) if now else None)
    command.stdout.write(_("Missed-meeting cases opened: %(opened)d") % {"opened": opened})
