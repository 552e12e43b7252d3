"""`heluo export LABEL FILE [--filter field=value …] [--user USERNAME]`: a ledger to .xlsx, as a list shows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from heluo.core.management.commands._transfer import acting_user, ledger_of
from heluo.core.scope import may
from heluo.core.services import transfer


class Command(BaseCommand):
    help = _("Export a ledger (e.g. core.unit) to an .xlsx file, with the list's filters.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("label", help=_("the ledger's model label, e.g. core.unit"))
        parser.add_argument("file", help=_("the .xlsx file to write"))
        parser.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                            help=_("a filter of the list page (repeatable), e.g. unit_type=3 or q=洛阳"))  # fmt: skip
        parser.add_argument("--user", help=_("act as this user (default: the system operator)"))

    def handle(
        self, *args: Any, label: str, file: str, filter: list[str], user: str | None, **options: Any
    ) -> None:
        ledger = ledger_of(label)
        actor = acting_user(user)
        if not may(actor, "view", ledger.model):
            raise CommandError(_("%(user)s may not see this ledger.") % {"user": actor})
        pairs = []
        for item in filter:
            field, sep, value = item.partition("=")
            if not sep:
                raise CommandError(_("A filter is written field=value: %(item)s") % {"item": item})
            pairs.append((field, value))
        _name, data, count = transfer.export_to_bytes(ledger, actor, urlencode(pairs))
        Path(file).write_bytes(data)
        self.stdout.write(_("Exported %(count)d rows of %(ledger)s to %(file)s.") % {
            "count": count, "ledger": ledger.verbose_name_plural, "file": file})  # fmt: skip
