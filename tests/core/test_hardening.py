"""What an installation exposes: no admin site, files for Heluo's user alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def test_the_admin_site_is_not_mounted(client_as: Any) -> None:
    assert client_as("admin").get("/admin/").status_code == 404
    assert client_as("admin").get("/admin/login/").status_code == 404


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_uploads_are_written_for_heluo_alone(db: Any) -> None:
    name = default_storage.save("hardening/probe.txt", ContentFile(b"x"))
    try:
        path = Path(default_storage.path(name))
        assert _mode(path) == 0o600
        assert _mode(path.parent) == 0o700
    finally:
        default_storage.delete(name)


def test_a_new_installation_keeps_its_database_and_data_directory_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HELUO_", "DJANGO_"))}
    env.update(HELUO_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="heluo.settings")
    result = subprocess.run(
        [sys.executable, "-m", "heluo", "migrate", "--noinput", "core", "0001"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "heluo.sqlite3") == 0o600
    assert _mode(data_dir / "secret_key") == 0o600
