"""Installations for the tests that run Heluo in other processes (browser, receiver, backup, demo).

Migrating and loading the demo take minutes, so each is done once per test run, not once per test module
or per xdist worker: the first worker that asks builds it under a file lock in the run's temporary
directory (shared by the workers), and every user gets a copy — the data directory, and on PostgreSQL a
database created from the built one as a template.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.databases import drop_database, fresh_database

# "tested": the migrated installation with the test-only app migrated too, which each xdist worker's test
# database is a copy of (`test_database`): Django's migrate takes minutes here (rendering the model states
# of every migration), so the suite runs it once per database engine instead of once per worker.
KINDS = ("migrated", "demo", "tested")
ROOT = Path(__file__).resolve().parents[1]
# A build runs once for the whole run, so a slow machine must not fail it: the limit only stops a hang.
BUILD_TIMEOUT = 1800


def server_url() -> str:
    """The PostgreSQL URL the tests run on, or "" on SQLite."""
    return os.environ.get("HELUO_TEST_DATABASE_URL", "")


def template_url(server: str, kind: str) -> str:
    return f"{server.rsplit('/', 1)[0]}/{server.rsplit('/', 1)[1]}_template_{kind}"


def heluo_environment(data_dir: Path, database_url: str = "") -> dict[str, str]:
    """The environment of a `heluo` process over `data_dir` (and `database_url`, else SQLite there)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HELUO_", "DJANGO_"))}
    env.update(HELUO_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="heluo.settings")
    if database_url:
        env["HELUO_DATABASE_URL"] = database_url
    return env


def _builds_directory(factory: pytest.TempPathFactory) -> Path:
    """Where the run's installations are built: HELUO_TEST_BUILDS when set (scripts/test.sh shares one
    directory between its SQLite and PostgreSQL runs, so the second reuses the SQLite installations the
    first built), else the run's temporary directory."""
    shared = os.environ.get("HELUO_TEST_BUILDS")
    if shared:
        return Path(shared)
    # Under xdist each worker's base directory is <run>/popen-gwN: the run's directory is its parent.
    base = factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "installations"


@contextmanager
def _locked(directory: Path, name: str) -> Iterator[None]:
    """One lock per build (a worker that needs the migrated copy does not wait while another loads the
    demo), and one for copying a PostgreSQL template (CREATE DATABASE refuses a template in use)."""
    directory.mkdir(exist_ok=True)
    with (directory / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _copy_files(source: Path, target: Path) -> None:
    # The -shm index belongs to the processes that had the file open; SQLite rebuilds it from the WAL.
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*-shm"))


def _build(directory: Path, kind: str, server: str) -> tuple[Path, str]:
    """The built installation of `kind` (its data directory and database URL), building it if needed."""
    engine = "postgresql" if server else "sqlite"
    with _locked(directory, f"{kind}-{engine}"):
        return _build_unlocked(directory, kind, server, engine)


def _build_unlocked(directory: Path, kind: str, server: str, engine: str) -> tuple[Path, str]:
    data_dir = directory / f"{kind}-{engine}"
    database = template_url(server, kind) if server else ""
    if (directory / f"{kind}-{engine}.ready").exists():
        return data_dir, database
    shutil.rmtree(data_dir, ignore_errors=True)  # what an interrupted build, or a dropped template, left
    if kind == "migrated":
        data_dir.mkdir()
        if database:
            fresh_database(server, database.rsplit("/", 1)[1])
        step = ("migrate", "--noinput")
    else:
        base_dir, base_database = _build(directory, "migrated", server)
        _copy_files(base_dir, data_dir)
        if database:
            with _locked(directory, "copy"):
                fresh_database(server, database.rsplit("/", 1)[1], template=base_database.rsplit("/", 1)[1])
        step = ("demo",) if kind == "demo" else ("migrate", "--noinput")
    env = heluo_environment(data_dir, database)
    if kind == "tested":
        env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    result = subprocess.run(
        [sys.executable, "-m", "heluo", *step],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (directory / f"{kind}-{engine}.out").write_text(result.stdout)
    (directory / f"{kind}-{engine}.ready").touch()
    return data_dir, database


def installed(
    factory: pytest.TempPathFactory, kind: str, data_dir: Path, name: str, *, sqlite: bool = False
) -> str:
    """Make `data_dir` a copy of this run's `kind` installation ("migrated" or "demo").

    On PostgreSQL (unless `sqlite`) the copy's database is a new database `name` on the test server; its
    URL is returned (the caller drops it), else "" (SQLite in `data_dir`).
    """
    assert kind in KINDS, kind
    server = "" if sqlite else server_url()
    directory = _builds_directory(factory)
    source_dir, source_database = _build(directory, kind, server)
    _copy_files(source_dir, data_dir)
    if not server:
        return ""
    with _locked(directory, "copy"):
        return fresh_database(server, name, template=source_database.rsplit("/", 1)[1])


@contextmanager
def test_database(factory: pytest.TempPathFactory, database: dict[str, Any]) -> Iterator[None]:
    """Make the test database of Django's `database` settings a copy of the run's "tested" installation,
    for Django to keep (keepdb) instead of migrating it again; drop it when the block ends.

    On PostgreSQL a database created from the built one as a template, with the name Django (and xdist's
    suffix) gave it; on SQLite a copy of the file in shared memory, where a commit costs no disk flush.
    """
    from django.db import connections

    server = server_url()
    test = database.setdefault("TEST", {})
    directory = _builds_directory(factory)
    copy_dir = None
    source_dir, source_database = _build(directory, "tested", server)
    if server:
        name = test.get("NAME") or f"test_{database['NAME']}"
        test["NAME"] = name
        with _locked(directory, "copy"):
            fresh_database(server, name, template=source_database.rsplit("/", 1)[1])
    else:
        shared_memory = Path("/dev/shm")
        copy_dir = Path(
            tempfile.mkdtemp(prefix="heluo-test-", dir=shared_memory if shared_memory.is_dir() else None)
        )
        _copy_files(source_dir, copy_dir)
        test["NAME"] = str(copy_dir / "heluo.sqlite3")
    try:
        yield
    finally:
        connections.close_all()
        if copy_dir is not None:
            shutil.rmtree(copy_dir, ignore_errors=True)
        else:
            drop_database(f"{server.rsplit('/', 1)[0]}/{test['NAME']}")


def build_output(factory: pytest.TempPathFactory, kind: str, *, sqlite: bool = False) -> str:
    """What `heluo` printed when it built this run's `kind` installation."""
    engine = "sqlite" if sqlite or not server_url() else "postgresql"
    return (_builds_directory(factory) / f"{kind}-{engine}.out").read_text()


def drop_templates() -> None:
    """Drop the PostgreSQL databases the run built (called once, when the whole run ends); a shared
    builds directory no longer says they are ready."""
    server = server_url()
    if server:
        shared = os.environ.get("HELUO_TEST_BUILDS")
        for kind in reversed(KINDS):
            drop_database(template_url(server, kind))
            if shared:
                (Path(shared) / f"{kind}-postgresql.ready").unlink(missing_ok=True)
