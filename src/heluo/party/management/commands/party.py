"""`heluo party <subcommand>`: party building's commands, one module each in
heluo/party/management/subcommands/ (`heluo party scan`, `heluo party dues` …)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.party.management.subcommands import subcommands


class Command(BaseCommand):
    help = _("Party building: supervision scans and the dues calculator.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, module in subcommands().items():
            module.add_arguments(actions.add_parser(name, help=str(module.HELP)))

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        subcommands()[subcommand].handle(self, **options)
