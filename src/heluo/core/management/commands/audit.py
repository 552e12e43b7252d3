"""`heluo audit verify|checkpoint`: check the audit trail's chain against itself and its signed checkpoints,
and anchor the chain's head in the checkpoint file (also done every minute by the task worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
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
        checkpoint = actions.add_parser(
            "checkpoint", help=_("append the chain's head, signed, to the checkpoint file")
        )
        checkpoint.add_argument(
            "--checkpoints", type=Path, help=_("the checkpoint file (default: the configured one)")
        )

    def handle(self, *args: Any, action: str, checkpoints: Path | None = None, **options: Any) -> None:
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
