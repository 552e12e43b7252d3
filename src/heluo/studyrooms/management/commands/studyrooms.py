"""`heluo studyrooms scan [--now ISO-TIME]`: open the cases of rooms late against their year plan once,
printing how many opened (the periodic task does the same every hour)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.studyrooms.services import open_late_room_cases


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("Not a date and time: %(text)s (e.g. 2026-11-25T09:00)") % {"text": text}
        ) from error
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = _("City study rooms: open the cases of rooms late against their year plan.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("scan", help=_("open the cases of late rooms once"))
        run.add_argument("--now", help=_("scan as at this time (ISO 8601, local time if no offset)"))

    def handle(self, *args: Any, action: str, now: str | None = None, **options: Any) -> None:
        opened = open_late_room_cases(_moment(now) if now else None)
        self.stdout.write(_("Late-room cases opened: %(count)d") % {"count": opened})
