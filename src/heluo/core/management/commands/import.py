"""`heluo import LABEL FILE [--dry-run] [--user USERNAME]`: the same preview as the page; then, unless
--dry-run, the write — without asking, so that scripts can run it. Exits non-zero and writes nothing
when anything is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from heluo.core.management.commands._transfer import acting_user, ledger_of
from heluo.core.scope import may
from heluo.core.services import transfer
from heluo.core.tabular.reading import UnreadableFile


class Command(BaseCommand):
    help = _("Import a ledger from .xlsx/.xls/.ods/.csv: preview, then write all or nothing.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("label", help=_("the ledger's model label, e.g. core.unit"))
        parser.add_argument("file", help=_("the file to import"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("only check and print what would happen")
        )
        parser.add_argument("--user", help=_("act as this user (default: the system operator)"))

    def handle(
        self, *args: Any, label: str, file: str, dry_run: bool, user: str | None, **options: Any
    ) -> None:
        ledger = ledger_of(label)
        actor = acting_user(user)
        if not (may(actor, "add", ledger.model) or may(actor, "change", ledger.model)):
            raise CommandError(_("%(user)s may not change this ledger.") % {"user": actor})
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            summary = transfer.import_file(ledger, actor, path.name, path.read_bytes(), apply=not dry_run)
        except UnreadableFile as error:
            raise CommandError(str(error)) from error
        counts = summary["counts"]
        self.stdout.write(
            _(
                "%(rows)d rows: %(created)d to add, %(updated)d to update, %(unchanged)d unchanged, %(refused)d refused."
            )
            % {"rows": summary["rows"], **counts}
        )
        for error in summary["errors"]:
            self.stdout.write(_("row %(row)s, column %(column)s, value “%(value)s”: %(message)s") % error)
        if summary["error_count"]:
            raise CommandError(
                _("Refused: nothing was written (%(n)d problems).") % {"n": summary["error_count"]}
            )
        for account, password in summary.get("temporary_passwords", {}).items():
            self.stdout.write(
                _("temporary password of %(user)s: %(password)s") % {"user": account, "password": password}
            )
        self.stdout.write(_("Written.") if summary["written"] else _("Dry run: nothing was written."))
