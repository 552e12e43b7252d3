"""Backup and restore of a whole installation: every row of every model, every uploaded file, a manifest.

The archive (`heluo backup FILE`) is a plain POSIX tar with PAX headers (file names may be Chinese):

    data/<app_label>.<Model>.jsonl.gz   the rows of one model, one JSON object a line (Django's serializer)
    files/<path>                        every file under the default storage, stored as it is
    manifest.json                       last: versions, migration state, rows per model, SHA-256 of every member

Uploads are JPEG, PDF and Office files, already compressed: the tar stores them as they are and only the
rows (JSON, which shrinks about tenfold) are compressed. Any `tar` lists and unpacks the archive, and
`sha256sum` checks a member against the manifest by hand.

Rows keep their primary keys, because rows refer to rows by id where no foreign key says so (an
attachment's owner, the ids in the sensitive-data access log, history rows, links in the inbox). The rows
that `migrate` creates in the target (content types, permissions, groups, roles, unit types, grid roles)
are replaced by the archive's, not merged by natural key: the restored installation is then the backed-up
one id for id, and a history row that points at a role deleted since still means what it meant.

Not in a backup, on purpose (EXCLUDED_MODELS): login sessions and django-axes' live lockout counters.
Everything else is: ledgers and their history, accounts, the access log, notifications and deliveries,
API tokens (integrations keep working after a restore) and axes' login log. The secret key is not needed:
nothing stored depends on it.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

import heluo
from heluo.core.services.accounts import SYSTEM_USERNAME

FORMAT = "heluo-backup/1"
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"
DATA_SUFFIX = ".jsonl.gz"
FILES_PREFIX = "files/"
CHUNK = 1 << 20
BATCH_ROWS = 2000  # rows read, or inserted, at a time

# Rows a backup leaves out on purpose.
EXCLUDED_MODELS = {
    # A session is a live login: restored under the same secret key it would let an old browser in
    # without a password. Everyone signs in again.
    "sessions.Session",
    # django-axes' lockout counters expire within minutes; restored they would only lock someone out again.
    "axes.AccessAttempt",
    "axes.AccessAttemptExpiration",
}
# Rows `migrate` creates (post_migrate and data migrations): an empty installation has them, a restore
# replaces them. A new app that seeds rows in a migration adds its model here (tests/core/test_backup.py
# fails until it does: restore then finds a fresh installation not empty).
REFERENCE_DATA = {
    "contenttypes.ContentType",
    "auth.Permission",
    "auth.Group",
    "auth.Group_permissions",
    "core.Role",
    "core.UnitType",
    "core.GridRole",
    "cases.CaseCategory",
    "monitoring.AlarmRule",
}
# The built-in system operator (services.accounts.system_operator) may exist in an empty installation.
SYSTEM_OPERATOR_ROWS = {
    "auth.User": Q(username=SYSTEM_USERNAME),
    "core.Account": Q(is_system=True),
    "core.HistoricalAccount": Q(is_system=True),
}

Progress = Callable[[str, int], None]


class BackupError(Exception):
    """A backup or restore refused, with the reason in the user's language. Nothing was changed."""


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass
class Manifest:
    """What an archive holds; written as its last member, manifest.json, with these keys."""

    heluo_version: str
    django_version: str
    created_at: str
    database_vendor: str
    database_version: str
    migrations: dict[str, str]  # app → its latest migration
    models: dict[str, int]  # model label → rows
    file_count: int
    file_bytes: int
    missing_files: list[str]  # files rows refer to that were not on disk
    members: dict[str, Member]  # every member but the manifest → its SHA-256 and size
    excluded_models: list[str] = field(default_factory=lambda: sorted(EXCLUDED_MODELS))
    format: str = FORMAT

    @property
    def rows(self) -> int:
        return sum(self.models.values())

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            document = json.loads(data)
            if document.get("format") != FORMAT:
                raise BackupError(
                    _("This is not a Heluo backup of a format this version can read (%(format)s).")
                    % {"format": document.get("format")}
                )
            members = {name: Member(**member) for name, member in document.pop("members").items()}
            return cls(**document, members=members)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise _damaged(_("its manifest cannot be read (%(error)s)") % {"error": error}) from error


@dataclass
class RestoreReport:
    manifest: Manifest
    rows: dict[str, int]
    files: int
    file_bytes: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a backup holds: all concrete models and their many-to-many tables."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label not in EXCLUDED_MODELS
    ]


def storage_root() -> Path:
    """The directory of the uploaded files (settings.STORAGES["default"], HELUO_DATA_DIR/files)."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(_("heluo backup and restore need the file system storage for uploaded files."))
    return Path(storage.location).resolve()


# Writing --------------------------------------------------------------------------------------------


def write_backup(
    path: str | Path, *, progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> Manifest:
    """Write the whole installation into a new archive at `path` (refused if it exists); return its manifest.

    Consistency: the rows are one snapshot of the database, read in one transaction (PostgreSQL:
    REPEATABLE READ, READ ONLY; SQLite: a deferred read transaction, a snapshot in WAL mode) while the
    site goes on working. Files are copied after the rows: every file a row of the snapshot refers to was
    complete before that row was committed (an attachment's file is written before its row), so it is
    in the archive whole; files uploaded during the backup may be in it too, but no row of the archive
    refers to them. Referenced files already missing on disk are listed in the manifest.

    Streams: rows are read in chunks and each model's member is staged in a temporary file beside the
    archive, so memory does not grow with the database. The archive appears under its name only when
    complete (written under a temporary name, then renamed), readable by its owner only.
    """
    target = Path(path).resolve()
    root = storage_root()
    if target.exists():
        raise BackupError(_("%(path)s already exists: give the backup a new file name.") % {"path": target})
    if target.is_relative_to(root):
        raise BackupError(
            _("A backup cannot be written inside the file storage it backs up (%(root)s).") % {"root": root}
        )
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                manifest = _write_members(tar, target.parent, root, using, progress)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _write_members(
    tar: tarfile.TarFile, staging: Path, root: Path, using: str, progress: Progress | None
) -> Manifest:
    connection = connections[using]
    members: dict[str, Member] = {}
    counts: dict[str, int] = {}
    with _snapshot(using):
        created_at = timezone.now()
        migrations = database_migrations(connection)  # the first read: it fixes the snapshot
        for model in backed_up_models():
            label = model._meta.label
            members[data_member(label)], counts[label] = _add_rows(tar, model, using, staging)
            if progress:
                progress(label, counts[label])
        missing = _missing_files(root, using)
    file_count, file_bytes = _add_files(tar, root, members)
    if progress:
        progress(FILES_PREFIX.rstrip("/"), file_count)
    manifest = Manifest(
        heluo_version=heluo.__version__,
        django_version=django.get_version(),
        created_at=created_at.isoformat(),
        database_vendor=connection.vendor,
        database_version=".".join(str(part) for part in connection.get_database_version()),
        migrations=migrations,
        models=counts,
        file_count=file_count,
        file_bytes=file_bytes,
        missing_files=missing,
        members=members,
    )
    data = manifest.to_json()
    _add_stream(tar, MANIFEST, io.BytesIO(data), len(data))
    return manifest


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One read-only transaction: every query inside sees the database as it was at the first read."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise RuntimeError("a backup reads in a transaction of its own")
    if connection.vendor == "sqlite":
        # Heluo's SQLite transactions BEGIN IMMEDIATE (a write lock, see settings): a backup must not stop
        # the writers for its whole length, so it begins a deferred read transaction itself.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class _ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds (ECMA-262); a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _RowSerializer(JSONLSerializer):
    """One JSON line per row; many-to-many links are left to their through tables, each its own member."""

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        return None


class _Counted:
    """Counts the rows the serializer takes from an iterator."""

    def __init__(self, rows: Iterator[models.Model]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[models.Model]:
        for row in self.rows:
            self.count += 1
            yield row


class _HashingReader(io.RawIOBase):
    """Reads a binary stream, computing the SHA-256 and size of everything read."""

    def __init__(self, source: IO[bytes]) -> None:
        super().__init__()
        self.source = source
        self.hash = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.source.read(len(buffer))
        buffer[: len(data)] = data
        self.hash.update(data)
        self.size += len(data)
        return len(data)

    def drain(self) -> Member:
        while self.read(CHUNK):
            pass
        return Member(self.hash.hexdigest(), self.size)


def data_member(label: str) -> str:
    return f"{DATA_PREFIX}{label}{DATA_SUFFIX}"


def _add_rows(
    tar: tarfile.TarFile, model: type[models.Model], using: str, staging: Path
) -> tuple[Member, int]:
    # tar needs a member's size before its bytes: the rows are staged, compressed, in a temporary file.
    with tempfile.TemporaryFile(dir=staging) as staged:
        rows = _Counted(model._base_manager.using(using).order_by("pk").iterator(chunk_size=BATCH_ROWS))
        with (
            gzip.GzipFile(fileobj=staged, mode="wb", compresslevel=6, mtime=0) as compressed,
            io.TextIOWrapper(compressed, encoding="utf-8", newline="\n") as text,
        ):
            _RowSerializer().serialize(rows, stream=text, cls=_ExactJSONEncoder)
        size = staged.tell()
        staged.seek(0)
        return _add_stream(tar, data_member(model._meta.label), staged, size), rows.count


def _add_stream(
    tar: tarfile.TarFile, name: str, source: IO[bytes], size: int, mtime: float | None = None
) -> Member:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(time.time() if mtime is None else mtime)
    info.mode = 0o600
    reader = _HashingReader(source)
    tar.addfile(info, reader)
    _forget_members(tar)
    return Member(reader.hash.hexdigest(), reader.size)


def _forget_members(tar: tarfile.TarFile) -> None:
    # tarfile keeps a TarInfo for every member it wrote or read; an archive of many files must not.
    tar.members.clear()  # type: ignore[attr-defined]


def _stored_files(root: Path) -> Iterator[Path]:
    """The regular files under `root`, in a stable order (symbolic links are not uploads: left out)."""
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                yield path


def _add_files(tar: tarfile.TarFile, root: Path, members: dict[str, Member]) -> tuple[int, int]:
    count = total = 0
    for path in _stored_files(root):
        name = FILES_PREFIX + path.relative_to(root).as_posix()
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            continue  # removed since the walk listed it: no row of the snapshot needed it
        with handle:
            stat = os.fstat(handle.fileno())
            members[name] = _add_stream(tar, name, handle, stat.st_size, stat.st_mtime)
        count += 1
        total += stat.st_size
    return count, total


def _missing_files(root: Path, using: str) -> list[str]:
    """Names of files rows refer to (FileFields) that are not in the storage."""
    missing = []
    for model in backed_up_models():
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField):
                names = model._base_manager.using(using).values_list(model_field.attname, flat=True)
                missing += [
                    name
                    for name in names.iterator(chunk_size=BATCH_ROWS)
                    if name and not (root / name).is_file()
                ]
    return missing


# Checking -------------------------------------------------------------------------------------------


def _damaged(reason: str) -> BackupError:
    return BackupError(_("The backup is damaged: %(reason)s. Nothing was changed.") % {"reason": reason})


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
        raise _damaged(_("it cannot be read as a tar archive (%(error)s)") % {"error": error}) from error


def _members(tar: tarfile.TarFile) -> Iterator[tarfile.TarInfo]:
    """The archive's members in order, checked, without tarfile's list of every member seen (memory)."""
    seen: set[str] = set()
    while (info := tar.next()) is not None:
        name = info.name
        path = PurePosixPath(name)
        inside = name == MANIFEST or name.startswith((DATA_PREFIX, FILES_PREFIX))
        unsafe = path.is_absolute() or ".." in path.parts or "\\" in name
        if not info.isreg() or not inside or unsafe or name in seen:
            raise _damaged(_("it holds an unexpected member %(member)s") % {"member": name})
        seen.add(name)
        yield info
        _forget_members(tar)


def _extract(tar: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    handle = tar.extractfile(info)
    if handle is None:  # not a regular file: _members has refused it already
        raise _damaged(_("it holds an unexpected member %(member)s") % {"member": info.name})
    return handle


@dataclass(frozen=True)
class _Digest:
    member: Member
    lines: int | None


def _digest(handle: IO[bytes], *, count_lines: bool) -> _Digest:
    """SHA-256 and size of a member; for a rows member also its rows, which proves it decompresses whole."""
    reader = _HashingReader(handle)
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
        raise _damaged(_("%(member)s is missing") % {"member": MANIFEST})
    manifest = Manifest.from_json(manifest_data)
    for name, expected in manifest.members.items():
        if name not in digests:
            raise _damaged(_("%(member)s is missing") % {"member": name})
        if digests[name].member != expected:
            raise _damaged(_("%(member)s does not match its SHA-256 in the manifest") % {"member": name})
    for name in digests.keys() - manifest.members.keys():
        raise _damaged(_("it holds an unexpected member %(member)s") % {"member": name})
    for label, rows in manifest.models.items():
        digest = digests.get(data_member(label))
        if digest is None or digest.lines != rows:
            raise _damaged(
                _("%(member)s does not hold the %(rows)d rows the manifest counts")
                % {"member": data_member(label), "rows": rows}
            )
    return manifest


def database_migrations(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest migration of each app, after checking the database has applied exactly the code's."""
    return _latest_applied(MigrationLoader(connection, ignore_no_migrations=True))


def _latest_applied(loader: MigrationLoader) -> dict[str, str]:
    latest = dict(sorted(loader.graph.leaf_nodes()))
    applied = loader.applied_migrations or {}
    pending = [f"{app}.{name}" for app, name in latest.items() if (app, name) not in applied]
    unknown = [
        f"{app}.{name}"
        for app, name in applied
        if app in latest and (app, name) not in loader.disk_migrations
    ]
    if pending or unknown:
        raise BackupError(
            _(
                "The database is not at the migration state of this version of Heluo (%(migrations)s): "
                "run heluo migrate with the right version first."
            )
            % {"migrations": ", ".join(pending + unknown)}
        )
    return latest


def _check_migrations(manifest: Manifest, connection: BaseDatabaseWrapper) -> None:
    """Refuse an archive whose migration state is not this code's: newer cannot be read, older would need
    the data migrations in between, which only the version that wrote the archive can run first."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    code = _latest_applied(loader)
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
    if next(_stored_files(root), None) is not None:
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
            reader = _HashingReader(_extract(tar, info))
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
                raise _damaged(
                    _("%(member)s does not match its SHA-256 in the manifest") % {"member": info.name}
                )
    if progress:
        progress(FILES_PREFIX.rstrip("/"), files)
    if rows != manifest.models:
        raise _damaged(_("its rows do not match the manifest's counts"))
    return RestoreReport(manifest=manifest, rows=rows, files=files, file_bytes=file_bytes)


def _load_rows(reader: _HashingReader, label: str, using: str) -> int:
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
                    raise _damaged(
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


def _write_file(reader: _HashingReader, destination: Path, mtime: float) -> None:
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
    for path in _stored_files(staging):
        destination = root / path.relative_to(staging)
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)
