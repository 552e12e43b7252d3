"""Backup of a whole installation: every row of every model, every uploaded file, a manifest (restoring it:
heluo.core.services.restore).

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
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import django
from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
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
    "dust.ChecklistTemplate",
    "dust.ChecklistItem",
    "dust.LegalBasis",
    "dust.Ladder",
    "dust.ConsultationRule",
    "enterprise.Qualification",
    "enterprise.ProblemCategory",
    "enterprise.TimeLimit",
    # Party building seeds its defaults after migrate through its ledgers, so with their history.
    "party.TermLength",
    "party.HistoricalTermLength",
    "party.MeetingRequirement",
    "party.HistoricalMeetingRequirement",
    "party.PointsRule",
    "party.HistoricalPointsRule",
    "militia.UnitCategory",
    "militia.TrainingSubject",
    "militia.EligibilityLimits",
    "militia.HistoricalEligibilityLimits",
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
            raise damaged(_("its manifest cannot be read (%(error)s)") % {"error": error}) from error


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


class HashingReader(io.RawIOBase):
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
    reader = HashingReader(source)
    tar.addfile(info, reader)
    forget_members(tar)
    return Member(reader.hash.hexdigest(), reader.size)


def forget_members(tar: tarfile.TarFile) -> None:
    # tarfile keeps a TarInfo for every member it wrote or read; an archive of many files must not.
    tar.members.clear()  # type: ignore[attr-defined]


def stored_files(root: Path) -> Iterator[Path]:
    """The regular files under `root`, in a stable order (symbolic links are not uploads: left out)."""
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink():
                yield path


def _add_files(tar: tarfile.TarFile, root: Path, members: dict[str, Member]) -> tuple[int, int]:
    count = total = 0
    for path in stored_files(root):
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


def damaged(reason: str) -> BackupError:
    return BackupError(_("The backup is damaged: %(reason)s. Nothing was changed.") % {"reason": reason})


def database_migrations(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest migration of each app, after checking the database has applied exactly the code's."""
    return latest_applied(MigrationLoader(connection, ignore_no_migrations=True))


def latest_applied(loader: MigrationLoader) -> dict[str, str]:
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
