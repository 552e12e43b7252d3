"""`heluo backup FILE`: the whole installation in one archive; `heluo backup --verify FILE` checks one."""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.services import backup, restore


def described(label: str) -> str:
    """`core.Division` as a reader knows it: 行政区划 (core.Division)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return label
    if "_" in model._meta.object_name:  # a link table (Model_field) has no name of its own
        return label
    return f"{model._meta.verbose_name_plural} ({label})"


def local_time(iso: str) -> str:
    """A manifest's UTC time as the office reads it: 2025-01-31 02:30 (Asia/Shanghai)."""
    return f"{timezone.localtime(datetime.datetime.fromisoformat(iso)):%Y-%m-%d %H:%M}"


class Command(BaseCommand):
    help = _(
        "Back up the whole installation (every row, every uploaded file and a manifest with their "
        "SHA-256) into one new archive file; with --verify, check an existing one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("the archive to write (or to check), e.g. heluo-2025-01-31.tar"))
        parser.add_argument(
            "--verify", action="store_true", help=_("check the archive against its manifest; write nothing")
        )

    def handle(self, *args: Any, file: str, verify: bool, **options: Any) -> None:
        try:
            if verify:
                manifest = restore.verify_backup(file)
            else:
                manifest = backup.write_backup(file, progress=self.progress(options["verbosity"]))
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        values = {
            "path": file,
            "rows": manifest.rows,
            "models": len(manifest.models),
            "files": manifest.file_count,
            "mb": manifest.file_bytes / 1e6,
            "created": local_time(manifest.created_at),
            "version": manifest.heluo_version,
            "vendor": manifest.database_vendor,
        }
        if verify:
            self.stdout.write(
                _(
                    "%(path)s is intact: %(rows)d rows of %(models)d tables and %(files)d files (%(mb).1f MB), "
                    "made %(created)s by Heluo %(version)s on %(vendor)s."
                )
                % values
            )
            return
        for name in manifest.missing_files:
            self.stderr.write(
                _("Missing from the file storage although a row refers to it: %(name)s") % {"name": name}
            )
        self.stdout.write(
            _("Backed up %(rows)d rows of %(models)d tables and %(files)d files (%(mb).1f MB) to %(path)s.")
            % values
        )

    def progress(self, verbosity: int) -> backup.Progress | None:
        if verbosity < 2:
            return None
        return lambda label, count: self.stdout.write(f"  {described(label)}: {count}")
