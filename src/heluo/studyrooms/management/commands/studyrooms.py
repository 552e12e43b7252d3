"""`heluo studyrooms scan [--now ISO-TIME]`: open the cases of rooms late against their year plan once,
printing how many opened (the periodic task does the same every hour)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.core.management.arguments import moment
from heluo.studyrooms.services import open_late_room_cases


class Command(BaseCommand):
    help = _("City study rooms: open the cases of rooms late against their year plan.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("scan", help=_("open the cases of late rooms once"))
        run.add_argument("--now", help=_("scan as at this time (ISO 8601, local time if no offset)"))

    def handle(self, *args: Any, action: str, now: str | None = None, **options: Any) -> None:
        opened = open_late_room_cases(moment(now) if now else None)
        self.stdout.write(_("Late-room cases opened: %(count)d") % {"count": opened})
