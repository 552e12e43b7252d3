"""`heluo import-template LABEL FILE`: the .xlsx template of a ledger, with its column guide."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.core.management.commands._transfer import ledger_of
from heluo.core.tabular.writing import write_template


class Command(BaseCommand):
    help = _("Write the import template of a ledger (headers, drop-downs and a column guide).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("label", help=_("the ledger's model label, e.g. core.unit"))
        parser.add_argument("file", help=_("the .xlsx file to write"))

    def handle(self, *args: Any, label: str, file: str, **options: Any) -> None:
        ledger = ledger_of(label)
        write_template(ledger, file)
        self.stdout.write(
            _("Wrote the template of %(ledger)s to %(file)s.")
            % {"ledger": ledger.verbose_name_plural, "file": file}
        )
