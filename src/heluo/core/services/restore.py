"""Restoring a backup (heluo.core.services.backup writes it): `verify_backup` checks an archive against its
manifest, `restore_backup` loads it into a new, empty installation of the same migrations — every row
with its primary key, every file — or changes nothing.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

import heluo
from heluo.core.services.backup import (
    BATCH_ROWS,
    CHUNK,
    DATA_PREFIX,
    DATA_SUFFIX,
    FILES_PREFIX,
    MANIFEST,
    REFERENCE_DATA,
    SYSTEM_OPERATOR_ROWS,
    BackupError,
    HashingReader,
    Manifest,
    Member,
    Progress,
    backed_up_models,
    damaged,
    data_member,
    forget_members,
    latest_applied,
    storage_root,
    stored_files,
)


@dataclass
class RestoreReport:
    manifest: Manifest
    rows: dict[str, int]
    files: int
    file_bytes: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


@contextmanager
def _open_archive(path: str | Path) -> Iterator[tarfile.TarFile]:
    """The archive for reading (also when compressed as a whole for transport); a malformed one is damaged.

    Other OSErrors (the disk, permissions) pass as they are: they say more than "damaged".
    """
    if not Path(path).is_file():
        raise BackupError(_("%(path)s does not exist.") % {"path": path})
    try:
        with tarfile.open(path, mode="r:*") as tar:
            yield tar
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise damaged(_("it cannot be read as a tar archive (%(error)s)") % {"error": error}) from error


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    """The archive's members in order, checked, without tarfile's list of every member seen (memory)."""
    seen: set[str] = set()
    while (info := tar.next()) is not None:
        name = info.name
        path = PurePosixPath(name)
        inside = name == MANIFEST or name.startswith((DATA_PREFIX, FILES_PREFIX))
        unsafe = path.is_absolute() or ".." in path.parts or "\\" in name
        if not info.isreg() or not inside or unsafe or name in seen:
            raise damaged(_("it holds an unexpected member %(member)s") % {"member": name})
        seen.add(name)
        yield info
        forget_members(tar)


def _extract(tar: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    handle = tar.extractfile(info)
    if handle is None:  # not a regular file: _members has refused it already
        raise damaged(_("it holds an unexpected member %(member)s") % {"member": info.name})
    return handle


@dataclass(frozen=True)
class _Digest:
    member: Member
    lines: int | None


def _digest(handle: IO[bytes], *, count_lines: bool) -> _Digest:
    """SHA-256 and size of a member; for a rows member also its rows, which proves it decompresses whole."""
    reader = HashingReader(handle)
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16) if count_lines else None
    lines = 0
    while chunk := reader.read(CHUNK):
        while inflater is not None and chunk:
            lines += inflater.decompress(chunk, CHUNK).count(b"\n")  # bounded: no zip bomb
            chunk = inflater.unconsumed_tail
    if inflater is not None and (not inflater.eof or inflater.unused_data):
        raise zlib.error("incomplete gzip stream")
    return _Digest(Member(reader.hash.hexdigest(), reader.size), lines if count_lines else None)


def verify_backup(path: str | Path) -> Manifest:
    """Read the whole archive and check every member against the manifest (hash, size, rows).

    Returns the manifest; raises BackupError saying what is wrong (missing, changed or extra members, a
    member that does not decompress, a manifest that cannot be read). Reads only, changes nothing.
    """
    digests: dict[str, _Digest] = {}
    manifest_data = None
    with _open_archive(path) as tar:
        for info in _members(tar):
            handle = _extract(tar, info)
            if info.name == MANIFEST:
                manifest_data = handle.read()
            else:
                digests[info.name] = _digest(handle, count_lines=info.name.startswith(DATA_PREFIX))
    if manifest_data is None:
        raise damaged(_("%(member)s is missing") % {"member": MANIFEST})
    manifest = Manifest.from_json(manifest_data)
    for name, expected in manifest.members.items():
        if name not in digests:
            raise damaged(_("%(member)s is missing") % {"member": name})
        if digests[name].member != expected:
            raise damaged(_("%(member)s does not match its SHA-256 in the manifest") % {"member": name})
    for name in digests.keys() - manifest.members.keys():
        raise damaged(_("it holds an unexpected member %(member)s") % {"member": name})
    for label, rows in manifest.models.items():
        digest = digests.get(data_member(label))
        if digest is None or digest.lines != rows:
            raise damaged(
                _("%(member)s does not hold the %(rows)d rows the manifest counts")
                % {"member": data_member(label), "rows": rows}
            )
    return manifest


def _check_migrations(manifest: Manifest, connection: BaseDatabaseWrapper) -> None:
    """Refuse an archive whose migration state is not this code's: newer cannot be read, older would need
    the data migrations in between, which only the version that wrote the archive can run first."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    code = latest_applied(loader)
    values = {
        "version": manifest.heluo_version,
        "current": heluo.__version__,
        "migrations": ", ".join(
            f"{app} {manifest.migrations.get(app, '-')} ≠ {code.get(app, '-')}"
            for app in sorted(code.keys() | manifest.migrations.keys())
            if manifest.migrations.get(app) != code.get(app)
        ),
    }
    if any((app, name) not in loader.disk_migrations for app, name in manifest.migrations.items()):
        raise BackupError(
            _(
                "This backup was made by a newer Heluo (%(version)s; %(migrations)s) than this one "
                "(%(current)s): upgrade Heluo, run heluo migrate, then restore."
            )
            % values
        )
    if manifest.migrations != code:
        raise BackupError(
            _(
                "This backup was made by an older Heluo (%(version)s; %(migrations)s) than this one "
                "(%(current)s): restore it into a new installation of that version, then upgrade that "
                "installation and run heluo migrate."
            )
            % values
        )
    labels = {model._meta.label for model in backed_up_models()}
    unknown = [label for label in manifest.models if label not in labels]
    if unknown:
        raise BackupError(
            _("This backup holds rows of models this installation does not have: %(models)s.")
            % {"models": ", ".join(unknown)}
        )


def occupied(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Why the installation is not empty; an empty list when it is.

    Empty means: migrated, and no rows but what `migrate` creates (REFERENCE_DATA) and the built-in
    system operator (its login, account and account history) — no other login, no ledger row, no history,
    attachment, notification, token or log row — and no file in the file storage.
    """
    found = []
    for model in backed_up_models():
        label = model._meta.label
        if label in REFERENCE_DATA:
            continue
        rows = model._base_manager.using(using).all()
        if label in SYSTEM_OPERATOR_ROWS:
            rows = rows.exclude(SYSTEM_OPERATOR_ROWS[label])
        count = rows.count()
        if count:
            found.append(_("%(model)s: %(rows)d rows") % {"model": label, "rows": count})
    root = storage_root()
    if next(stored_files(root), None) is not None:
        found.append(_("files in %(root)s") % {"root": root})
    return found


# Restoring ------------------------------------------------------------------------------------------


def restore_backup(
    path: str | Path, *, progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> RestoreReport:
    """Restore an archive into this installation, which must be empty (see `occupied`) and migrated to the
    archive's migration state.

    The archive is checked whole first (verify_backup), so a damaged one changes nothing. The rows are
    then loaded in one transaction, replacing what `migrate` created, and read again against their
    hashes on the way in; on PostgreSQL the sequences are moved past the restored ids. Files are written
    to a temporary directory beside the storage and moved in only after the commit; on any failure they
    are removed and the database is rolled back. Run it with Heluo stopped.
    """
    manifest = verify_backup(path)
    connection = connections[using]
    _check_migrations(manifest, connection)
    root = storage_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root.parent))
    try:
        with transaction.atomic(using=using):
            found = occupied(using)
            if found:
                raise BackupError(
                    _(
                        "This installation is not empty (%(found)s): heluo restore restores only into a new, "
                        "migrated installation. Nothing was changed."
                    )
                    % {"found": "; ".join(found[:5])}
                )
            _flush(connection)
            report = _load(path, manifest, staging, using, progress)
            _finish_database(connection)
        _move_files(staging, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    ContentType.objects.clear_cache()
    return report


def _flush(connection: BaseDatabaseWrapper) -> None:
    """Empty every table of the installation (inside the caller's transaction), as `heluo flush` would."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


def _load(
    path: str | Path, manifest: Manifest, staging: Path, using: str, progress: Progress | None
) -> RestoreReport:
    rows: dict[str, int] = {}
    files = file_bytes = 0
    with _open_archive(path) as tar:
        for info in _members(tar):
            if info.name == MANIFEST:
                continue
            reader = HashingReader(_extract(tar, info))
            if info.name.startswith(DATA_PREFIX):
                label = info.name.removeprefix(DATA_PREFIX).removesuffix(DATA_SUFFIX)
                rows[label] = _load_rows(reader, label, using)
                if progress:
                    progress(label, rows[label])
            else:
                _write_file(reader, staging / info.name.removeprefix(FILES_PREFIX), info.mtime)
                files += 1
                file_bytes += info.size
            # Read a second time since verify_backup: the archive must not have changed in between.
            if reader.drain() != manifest.members.get(info.name):
                raise damaged(
                    _("%(member)s does not match its SHA-256 in the manifest") % {"member": info.name}
                )
    if progress:
        progress(FILES_PREFIX.rstrip("/"), files)
    if rows != manifest.models:
        raise damaged(_("its rows do not match the manifest's counts"))
    return RestoreReport(manifest=manifest, rows=rows, files=files, file_bytes=file_bytes)


def _load_rows(reader: HashingReader, label: str, using: str) -> int:
    """Insert the rows of one member as they are (ids, timestamps), read by Django's deserializer.

    Inserted raw and in batches: the insert loaddata's save(raw=True) makes row by row, and the one
    Model.save_base and bulk_create both end in (QuerySet._insert). No save() override, no auto_now and
    no signal runs, so no history row is added; a million rows take about a minute instead of three.
    """
    model = apps.get_model(label)
    table = model._base_manager.using(using)
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    batch: list[models.Model] = []
    count = 0
    try:
        with (
            gzip.GzipFile(fileobj=reader, mode="rb") as compressed,
            io.TextIOWrapper(compressed, encoding="utf-8") as text,
        ):
            for item in serializers.deserialize("jsonl", text, using=using):
                if type(item.object) is not model:
                    raise damaged(
                        _("%(member)s holds rows of another model") % {"member": data_member(label)}
                    )
                batch.append(item.object)
                if len(batch) == BATCH_ROWS:
                    count += _insert(table, fields, batch)
                    batch = []
            count += _insert(table, fields, batch)
    except (DeserializationError, DatabaseError) as error:
        raise BackupError(
            _("The rows of %(model)s cannot be restored into this installation: %(error)s")
            % {"model": label, "error": error}
        ) from error
    return count


def _insert(table: models.QuerySet[Any], fields: list[Any], rows: list[models.Model]) -> int:
    size = max(1, connections[table.db].ops.bulk_batch_size(fields, rows))
    for start in range(0, len(rows), size):
        table._insert(rows[start : start + size], fields=fields, using=table.db, raw=True)  # type: ignore[attr-defined]
    return len(rows)


def _write_file(reader: HashingReader, destination: Path, mtime: float) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("xb") as out:
        shutil.copyfileobj(reader, out, CHUNK)
    os.utime(destination, (mtime, mtime))


def _finish_database(connection: BaseDatabaseWrapper) -> None:
    """Check every foreign key of the restored rows, then move the id sequences past them (PostgreSQL)."""
    try:
        connection.check_constraints()
    except DatabaseError as error:
        raise BackupError(
            _("The restored rows do not hold together: %(error)s") % {"error": error}
        ) from error
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), backed_up_models()):
            cursor.execute(statement)


def _move_files(staging: Path, root: Path) -> None:
    for path in stored_files(staging):
        destination = root / path.relative_to(staging)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)
