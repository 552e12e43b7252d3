"""`heluo party scan [--now ISO-TIME]`: once, what the hourly task does — open the changeover case of
each committee whose term ends within the notice period, and mark transfer letters past their day
lapsed; prints how many of each."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.management.arguments import moment

NAME = "scan"
HELP = gettext_lazy("open the changeover cases and lapse the overdue transfer letters once")


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--now", help=_("scan as at this time (ISO 8601, local time if no offset)"))


def handle(command: BaseCommand, *, now: str | None = None, **options: Any) -> None:
    from heluo.party.services.organisations import scan

    result = scan(moment(now) if now else None)
    command.stdout.write(
        _("Changeover cases opened: %(opened)d, closed: %(closed)d; transfer letters lapsed: %(lapsed)d")
        % result
    )
