"""`heluo audit verify|checkpoint|archive`: check the audit trail's chain (or an archive file) against itself
and its signed checkpoints, anchor the chain's head in the checkpoint file (also done every minute by the
task worker), and move records older than the retention period to an archive file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.services import audit_trail


class Command(BaseCommand):
    help = _("The audit trail: verify its chain, or write a signed checkpoint of its head.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        verify = actions.add_parser(
            "verify", help=_("find every changed, removed or inserted audit record; exit 1 if one is found")
        )
        verify.add_argument(
            "--checkpoints", type=Path, help=_("the checkpoint file (default: the configured one)")
        )
        verify.add_argument(
            "--archive", type=Path, help=_("verify this archive file instead of the database")
        )
        archive = actions.add_parser(
            "archive", help=_("move the records older than a day (at least the retention period) to a file")
        )
        archive.add_argument("--before", type=dt.date.fromisoformat, required=True, help=_("day, YYYY-MM-DD"))
        archive.add_argument(
            "--to", type=Path, required=True, help=_("the archive file to write (must not exist)")
        )
        archive.add_argument(
            "--checkpoints", type=Path, help=_("the checkpoint file (default: the configured one)")
        )
        checkpoint = actions.add_parser(
            "checkpoint", help=_("append the chain's head, signed, to the checkpoint file")
        )
        checkpoint.add_argument(
            "--checkpoints", type=Path, help=_("the checkpoint file (default: the configured one)")
        )

    def handle(self, *args: Any, action: str, checkpoints: Path | None = None, **options: Any) -> None:
        if action == "archive":
            before = timezone.make_aware(dt.datetime.combine(options["before"], dt.time.min))
            try:
                moved = audit_trail.archive(before, options["to"], checkpoints)
            except (ValueError, FileExistsError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                _("%(count)d audit records moved to %(file)s.") % {"count": moved, "file": options["to"]}
            )
            return
        if action == "checkpoint":
            written = audit_trail.write_checkpoint(checkpoints)
            if written is None:
                self.stdout.write(
                    _("The checkpoint file already holds the chain's head (or the trail is empty).")
                )
            else:
                self.stdout.write(
                    _("Checkpoint written: record #%(sequence)d at %(at)s.")
                    % {"sequence": written.sequence, "at": written.at}
                )
            return
        if options.get("archive"):
            count, findings = audit_trail.verify_archive(options["archive"], checkpoints)
        else:
            count, findings = audit_trail.verify_stored(checkpoints)
        for finding in findings:
            self.stdout.write(finding.message)
        if findings:
            raise CommandError(
                _("The audit trail of %(count)d records has %(problems)d problems.")
                % {"count": count, "problems": len(findings)},
                returncode=1,
            )
        self.stdout.write(_("The audit trail of %(count)d records is intact.") % {"count": count})
