"""`heluo restore FILE`: a backup into a new, empty installation (run `heluo migrate` first)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from heluo.core.management.commands.backup import described, local_time
from heluo.core.services import backup, restore


class Command(BaseCommand):
    help = _(
        "Restore a backup made by heluo backup into this installation, which must be new: migrated and "
        "empty. A damaged archive, a non-empty installation or another version's backup is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the archive written by heluo backup"))

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            report = restore.restore_backup(file)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        for label, count in report.rows.items():
            if count:
                self.stdout.write(f"  {described(label)}: {count}")
        manifest = report.manifest
        self.stdout.write(
            _(
                "Restored %(rows)d rows of %(models)d tables and %(files)d files (%(mb).1f MB) from %(path)s, "
                "made %(created)s by Heluo %(version)s on %(vendor)s."
            )
            % {
                "rows": report.total_rows,
                "models": len(report.rows),
                "files": report.files,
                "mb": report.file_bytes / 1e6,
                "path": file,
                "created": local_time(manifest.created_at),
                "version": manifest.heluo_version,
                "vendor": manifest.database_vendor,
            }
        )
        self.stdout.write(_("Sessions are not in a backup: everyone signs in again."))
