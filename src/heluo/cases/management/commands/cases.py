"""`heluo cases scan [--now ISO-TIME]`: one pass of the supervision scan by hand, printing what it did."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.cases.services.scan import scan
from heluo.core.management.arguments import moment


class Command(BaseCommand):
    help = _("Supervision: run the scan (reminders, overdue notices, escalations) once.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        run = actions.add_parser("scan", help=_("run one pass of the supervision scan"))
        run.add_argument("--now", help=_("scan as at this time (ISO 8601, local time if no offset)"))

    def handle(self, *args: Any, action: str, now: str | None = None, **options: Any) -> None:
        report = scan(moment(now) if now else None)
        for line in report.lines():
            self.stdout.write(line)
