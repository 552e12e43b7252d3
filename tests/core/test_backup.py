"""Backup and restore (`heluo backup`, `heluo restore`). A realistic installation — the Luoyang demo plus
attachments, an orphan file, history of changed and deleted rows, a custom role, notifications, a
webhook delivery, the sensitive-data access log, an API token, axes' login log — is backed up and
restored into an empty one, which then holds every row and every file it held. A damaged archive, a
non-empty installation and another version's archive are refused and change nothing.

Every installation is real: `python -m heluo` in a subprocess with its own data directory. The source is
SQLite; the installations restored into are SQLite, or PostgreSQL databases of their own in the suite's
PostgreSQL run (HELUO_TEST_DATABASE_URL), where the restored one is backed up again into SQLite."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.services.backup import BackupError
from heluo.core.services.restore import verify_backup
from tests.databases import drop_database
from tests.installations import installed, server_url

EXCLUDED = {"sessions.Session", "axes.AccessAttempt", "axes.AccessAttemptExpiration"}
ON_POSTGRES = bool(os.environ.get("HELUO_TEST_DATABASE_URL"))

# Rows the demo does not make: one of every kind a backup must carry, and the rows it must leave out.
EXTRA_ROWS = r"""
import datetime
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from heluo.core.models import Account, Grid, NotificationChannel, Person, Role, Unit, UnitType
from heluo.core.services import accounts, files, masking, notifications

User = get_user_model()
admin = User.objects.get(username="admin")
laocheng = User.objects.get(username="laocheng")
prison = Unit.objects.get(name="洛阳市监狱")
files.attach_file(prison, SimpleUploadedFile("监狱大门.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40), user=admin)
files.attach_file(
    Person.objects.order_by("pk").first(),
    SimpleUploadedFile("花名册.csv", "姓名,电话\n张三,13800000000\n".encode()),
    user=admin,
)
files.attach_file(Grid.objects.order_by("pk").first(), SimpleUploadedFile("巡查记录.pdf", b"%PDF-1.4\n" + b"x" * 5000), user=admin)
default_storage.save("imports/2019年旧台账.txt", ContentFile("没有任何记录引用的文件\n".encode()))

site_type = UnitType.objects.create(code="construction_site", name="建筑工地", order=120)
site = Unit(name="洛阳某建筑工地项目部", unit_type=site_type, division=prison.division)
site._history_user = admin
site.save()
site.name = "洛阳某建筑工地项目部（二期）"
site.save()
gone = Unit(name="已撤销的临时指挥部", unit_type=site_type, division=prison.division)
gone.save()
gone.delete()

inspector = Role.objects.create(
    code="dust_inspector", name="扬尘巡查员", modules=["core", "dust"], group=Group.objects.create(name="heluo:dust_inspector")
)
luolong = Account.objects.get(user__username="luolong")
accounts.update_account(admin, luolong, roles=[*luolong.roles.all(), inspector])

NotificationChannel.objects.create(
    name="老城区工作群机器人", unit=laocheng.account.unit, url="http://127.0.0.1:9/hook", secret="s3cret"
)
notifications.notify([admin, laocheng], title="督办提醒：扬尘整改逾期", body="请于今日办结。", link="/core/units/1/", event="case.overdue")
masking.log_shown(User.objects.get(username="wuzhuang"), Person, Person.objects.values_list("pk", flat=True)[:3], "导出人员台账")
Token.objects.create(user=admin)
AccessLog.objects.create(username="admin", ip_address="10.20.30.40", user_agent="Mozilla/5.0", http_accept="*/*", path_info="/login/")
attempt = AccessAttempt.objects.create(
    username="luolong", ip_address="10.20.30.41", user_agent="Mozilla/5.0", http_accept="*/*",
    path_info="/login/", get_data="", post_data="", failures_since_start=2,
)
AccessAttemptExpiration.objects.create(access_attempt=attempt, expires_at=attempt.attempt_time + datetime.timedelta(minutes=15))
SessionStore().create()
"""

# Every row of every table and every stored file, in a form that compares across SQLite and PostgreSQL.
# Read through the ORM, not through the backup's own code.
SNAPSHOT = r"""
import datetime, decimal, hashlib, json, os, uuid
from pathlib import Path
from django.apps import apps
from django.core.files.storage import default_storage

def plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat()
    if isinstance(value, (datetime.date, datetime.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    return value

rows = {}
for model in apps.get_models(include_auto_created=True):
    if model._meta.managed and not model._meta.proxy:
        names = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label] = sorted(
            json.dumps([plain(v) for v in row], ensure_ascii=False, sort_keys=True)
            for row in model._base_manager.values_list(*names)
        )
root = Path(default_storage.location)
files = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}
Path(os.environ["SNAPSHOT"]).write_text(json.dumps({"rows": rows, "files": files}, ensure_ascii=False))
"""

# After a restore the installation goes on: new rows in the tables a restore filled get fresh ids.
NEW_ROWS = r"""
from heluo.core.models import Account, Division, Role, Unit, UnitType
from heluo.core.services import accounts
operator = accounts.system_operator()
max_unit = Unit.objects.order_by("-pk").values_list("pk", flat=True).first()
max_history = Unit.history.order_by("-history_id").values_list("history_id", flat=True).first()
max_account = Account.objects.order_by("-pk").values_list("pk", flat=True).first()
unit = Unit(name="恢复后新建的单位", unit_type=UnitType.objects.get(code="other"), division=Division.objects.get(code="410300000000"))
unit._history_user = operator
unit.save()
account, _ = accounts.create_account(operator, username="after_restore", roles=[Role.objects.get(code="leader")])
print(unit.pk > max_unit, Unit.history.order_by("-history_id").first().history_id > max_history, account.pk > max_account)
"""

# A backup reads one snapshot: a row written by another process while it runs is not in the archive, and
# the writer is not kept waiting (on SQLite a backup must not hold the write lock).
WRITE_DURING_BACKUP = r"""
import os, subprocess, sys
from heluo.core.models import UnitType
from heluo.core.services.backup import write_backup

write = "from heluo.core.models import UnitType; UnitType.objects.create(code='during_backup', name='备份期间新建')"

def write_once(label, rows):
    if label == "admin.LogEntry":  # the first table: the snapshot is taken, the rest is still to come
        subprocess.run([sys.executable, "-m", "heluo", "shell", "--no-imports", "-c", write], check=True, timeout=120)

manifest = write_backup(os.environ["ARCHIVE"], progress=write_once)
print(manifest.models["core.UnitType"], UnitType.objects.count())
"""

LOGIN = f"""
from django.test import Client
response = Client().post("/login/", {{"username": "laocheng", "password": "{DEMO_PASSWORD}"}})
print(response.status_code, response.headers.get("Location"))
"""


@dataclass
class Installation:
    data_dir: Path
    database_url: str = ""

    def heluo(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("HELUO_", "DJANGO_"))}
        environment.update(HELUO_DATA_DIR=str(self.data_dir), DJANGO_SETTINGS_MODULE="heluo.settings", **env)
        if self.database_url:
            environment["HELUO_DATABASE_URL"] = self.database_url
        return subprocess.run(
            [sys.executable, "-m", "heluo", *args],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def ok(self, *args: str, **env: str) -> str:
        result = self.heluo(*args, **env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def shell(self, code: str) -> str:
        return self.ok("shell", "--no-imports", "-c", code)

    def snapshot(self) -> dict[str, Any]:
        path = self.data_dir.parent / f"{self.data_dir.name}-snapshot.json"
        self.ok("shell", "--no-imports", "-c", SNAPSHOT, SNAPSHOT=str(path))
        return json.loads(path.read_text())


def assert_same_installation(restored: dict[str, Any], original: dict[str, Any]) -> None:
    assert restored["files"] == original["files"]
    assert restored["rows"].keys() == original["rows"].keys()
    for label, rows in original["rows"].items():
        expected = [] if label in EXCLUDED else rows
        assert restored["rows"][label] == expected, f"{label} differs"


def message(msgid: str) -> str:
    """The longest fixed part of a message as `heluo` prints it (Chinese once the catalogue has it)."""
    with translation.override("zh-hans"):
        return max(re.split(r"%\(\w+\)(?:\.\d)?[sdf]", gettext(msgid)), key=len)


def refused(result: subprocess.CompletedProcess[str], msgid: str) -> bool:
    return result.returncode != 0 and message(msgid) in result.stderr


@pytest.fixture(scope="module")
def new_installation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Installation]]:
    """new_installation(postgres=False, kind="migrated") → an installation of its own: a copy of the run's
    migrated, empty installation, or of its demo installation (tests/installations.py)."""
    databases: list[str] = []

    def make(postgres: bool = False, kind: str = "migrated") -> Installation:
        installation = Installation(tmp_path_factory.mktemp("heluo"))
        name = f"{server_url().rsplit('/', 1)[-1]}_backup_{os.getpid()}_{len(databases)}"
        installation.database_url = installed(
            tmp_path_factory, kind, installation.data_dir, name, sqlite=not postgres
        )
        if installation.database_url:
            databases.append(installation.database_url)
        return installation

    yield make
    for url in databases:
        drop_database(url)


@pytest.fixture(scope="module")
def source(new_installation: Callable[..., Installation]) -> Installation:
    installation = new_installation(kind="demo")
    installation.shell(EXTRA_ROWS)
    return installation


@pytest.fixture(scope="module")
def source_snapshot(source: Installation) -> dict[str, Any]:
    return source.snapshot()


@pytest.fixture(scope="module")
def archive(source: Installation) -> Path:
    path = source.data_dir.parent / "heluo-backup.tar"
    source.ok("backup", str(path))
    return path


@pytest.fixture(scope="module")
def restored(
    archive: Path, new_installation: Callable[..., Installation]
) -> tuple[Installation, dict[str, Any]]:
    """An installation restored from the archive, with its snapshot taken right after the restore.

    It has the built-in system operator beforehand (the first thing heluo init creates): still empty.
    """
    installation = new_installation(postgres=ON_POSTGRES)
    installation.shell("from heluo.core.services.accounts import system_operator; system_operator()")
    installation.ok("restore", str(archive))
    return installation, installation.snapshot()


@pytest.fixture(scope="module")
def empty(new_installation: Callable[..., Installation]) -> tuple[Installation, dict[str, Any]]:
    """An empty installation that refused restores must leave as it is, with its snapshot beforehand."""
    installation = new_installation(postgres=ON_POSTGRES)
    return installation, installation.snapshot()


def test_source_has_every_kind_of_row(source_snapshot: dict[str, Any]) -> None:
    rows = source_snapshot["rows"]
    for label in (
        "core.Attachment",
        "core.HistoricalUnit",
        "core.HistoricalAccount_roles",
        "core.Notification",
        "core.Delivery",
        "core.AccessEvent",
        "authtoken.Token",
        "axes.AccessLog",
        *EXCLUDED,
    ):
        assert rows[label], label
    # Every attachment's file (the demo's inspection photos and the three above) and the orphan.
    assert len(source_snapshot["files"]) == len(rows["core.Attachment"]) + 1 > 4


def test_archive_holds_every_table_every_file_and_their_checksums(
    archive: Path, source: Installation, source_snapshot: dict[str, Any]
) -> None:
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
        digests = {
            info.name: hashlib.sha256(tar.extractfile(info).read()).hexdigest()
            for info in tar.getmembers()
            if info.name != "manifest.json"
        }
    assert names[-1] == "manifest.json"
    assert {name: m["sha256"] for name, m in manifest["members"].items()} == digests
    counts = {label: len(rows) for label, rows in source_snapshot["rows"].items() if label not in EXCLUDED}
    assert manifest["models"] == counts
    assert sorted(manifest["excluded_models"]) == sorted(EXCLUDED)
    stored = {name.removeprefix("files/") for name in names if name.startswith("files/")}
    assert stored == source_snapshot["files"].keys()
    assert manifest["file_count"] == len(source_snapshot["files"]) and manifest["missing_files"] == []
    assert manifest["database_vendor"] == "sqlite" and manifest["heluo_version"]
    assert manifest["migrations"]["core"].startswith("00") and "auth" in manifest["migrations"]
    assert archive.stat().st_mode & 0o077 == 0
    verified = source.ok("backup", "--verify", str(archive))
    assert (
        message(
            "%(path)s is intact: %(rows)d rows of %(models)d tables and %(files)d files (%(mb).1f MB), "
            "made %(created)s by Heluo %(version)s on %(vendor)s."
        )
        in verified
    )


def test_restore_into_an_empty_installation_reproduces_every_row_and_file(
    restored: tuple[Installation, dict[str, Any]], source_snapshot: dict[str, Any]
) -> None:
    _installation, snapshot = restored
    assert_same_installation(snapshot, source_snapshot)


def test_restored_installation_backs_up_again_takes_new_rows_and_lets_demo_users_in(
    restored: tuple[Installation, dict[str, Any]],
    source_snapshot: dict[str, Any],
    new_installation: Callable[..., Installation],
    tmp_path: Path,
) -> None:
    installation, _snapshot = restored
    # Backed up while another process writes: that row is not in the archive, and the writer did not wait.
    again = tmp_path / "again.tar"
    output = installation.ok("shell", "--no-imports", "-c", WRITE_DURING_BACKUP, ARCHIVE=str(again))
    in_archive, after = map(int, output.split())
    assert after == in_archive + 1
    # Into SQLite again (from PostgreSQL in the PostgreSQL run): still the source, row for row.
    second = new_installation()
    second.ok("restore", str(again))
    assert_same_installation(second.snapshot(), source_snapshot)

    # New rows get fresh ids (PostgreSQL's sequences were moved past the restored ones).
    assert installation.shell(NEW_ROWS).split() == ["True", "True", "True"]
    assert installation.shell(LOGIN).split() == ["302", "/"]


DAMAGED = "The backup is damaged: %(reason)s. Nothing was changed."


def damaged_copy(archive: Path, damage: str, directory: Path) -> Path:
    data = bytearray(archive.read_bytes())
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
    prefix = "files/" if damage == "flipped byte in a file" else "data/core.Division."
    member = next(m for m in members if m.name.startswith(prefix))
    if damage.startswith("flipped"):
        data[member.offset_data + member.size // 2] ^= 0x01
    elif damage == "truncated":
        data = data[: len(data) // 2]
    else:
        data = data[: members[-1].offset]  # the manifest's place: an extra member, then the manifest
        extra = io.BytesIO()
        with tarfile.open(fileobj=extra, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name, content in (
                ("files/extra.txt", b"x"),
                ("manifest.json", _member(archive, "manifest.json")),
            ):
                info = tarfile.TarInfo(name)
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
        data += extra.getvalue()
    path = directory / f"{damage}.tar"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "damage", ["flipped byte in a file", "flipped byte in rows", "truncated", "unlisted member"]
)
def test_damaged_archive_fails_verification(damage: str, archive: Path, tmp_path: Path) -> None:
    with translation.override("zh-hans"), pytest.raises(BackupError) as refusal:
        verify_backup(damaged_copy(archive, damage, tmp_path))
    assert message(DAMAGED) in str(refusal.value)


def test_damaged_archive_is_refused_and_changes_nothing(
    archive: Path, empty: tuple[Installation, dict[str, Any]], tmp_path: Path
) -> None:
    installation, before = empty
    damaged = damaged_copy(archive, "flipped byte in rows", tmp_path)
    assert refused(installation.heluo("backup", "--verify", str(damaged)), DAMAGED)
    assert refused(installation.heluo("restore", str(damaged)), DAMAGED)
    assert not list(installation.data_dir.glob(".restore-*"))
    assert installation.snapshot() == before


def _member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read()


def _with_manifest(archive: Path, path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the archive whose manifest was changed (the manifest is not among its own checksums)."""
    with tarfile.open(archive) as source, tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as copy:
        for info in source.getmembers():
            content = source.extractfile(info).read()
            if info.name == "manifest.json":
                manifest = json.loads(content)
                change(manifest)
                content = json.dumps(manifest).encode()
                info.size = len(content)
            copy.addfile(info, io.BytesIO(content))
    return path


def test_archive_of_another_migration_state_is_refused(
    archive: Path, empty: tuple[Installation, dict[str, Any]], tmp_path: Path
) -> None:
    installation, before = empty
    newer = _with_manifest(
        archive, tmp_path / "newer.tar", lambda m: m["migrations"].update(core="9999_future")
    )
    older = _with_manifest(
        archive, tmp_path / "older.tar", lambda m: m["migrations"].update(core="0001_initial")
    )
    assert refused(
        installation.heluo("restore", str(newer)),
        "This backup was made by a newer Heluo (%(version)s; %(migrations)s) than this one "
        "(%(current)s): upgrade Heluo, run heluo migrate, then restore.",
    )
    assert refused(
        installation.heluo("restore", str(older)),
        "This backup was made by an older Heluo (%(version)s; %(migrations)s) than this one "
        "(%(current)s): restore it into a new installation of that version, then upgrade that "
        "installation and run heluo migrate.",
    )
    assert installation.snapshot() == before


def test_restore_into_an_installation_with_data_is_refused(
    archive: Path, source: Installation, source_snapshot: dict[str, Any]
) -> None:
    result = source.heluo("restore", str(archive))
    assert refused(
        result,
        "This installation is not empty (%(found)s): heluo restore restores only into a new, "
        "migrated installation. Nothing was changed.",
    )
    assert "core.Division" in result.stderr
    assert source.snapshot() == source_snapshot


def test_backup_never_overwrites_a_file(source: Installation, archive: Path) -> None:
    before = archive.read_bytes()
    assert refused(
        source.heluo("backup", str(archive)), "%(path)s already exists: give the backup a new file name."
    )
    assert archive.read_bytes() == before


def test_backup_of_an_unmigrated_database_is_refused(tmp_path: Path) -> None:
    result = Installation(tmp_path / "new").heluo("backup", str(tmp_path / "b.tar"))
    assert refused(
        result,
        "The database is not at the migration state of this version of Heluo (%(migrations)s): "
        "run heluo migrate with the right version first.",
    )
    assert not (tmp_path / "b.tar").exists()
