"""A fresh Heluo installation for one benchmark process: a temporary data directory with its SQLite file,
or a new PostgreSQL database on HELUO_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/heluo)
that the benchmark drops afterwards."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

POSTGRES = os.environ.get("HELUO_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/heluo")


def _server(url: str) -> str:
    """The maintenance database of the server `url` names (psycopg wants the postgresql:// scheme)."""
    return url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1) + "/postgres"


def fresh_postgres(name: str) -> str | None:
    """A new, empty database `name` on the benchmark server (dropped first if a killed run left it), or
    None when the server cannot be reached."""
    try:
        import psycopg

        with psycopg.connect(_server(POSTGRES), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # any failure means: no PostgreSQL to measure
        print(f"PostgreSQL not reachable at {POSTGRES}: {error}", file=sys.stderr)
        return None
    return f"{POSTGRES.rsplit('/', 1)[0]}/{name}"


def drop_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(_server(url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def install(name: str, database: str = "sqlite") -> str | None:
    """Set this process up as a fresh, migrated installation named `name` on `database` ("sqlite" or
    "postgresql"); returns the PostgreSQL URL to drop afterwards. Exits with status 3 when PostgreSQL was
    asked for and cannot be reached."""
    data_dir = tempfile.mkdtemp(prefix=f"heluo-bench-{name}-")
    # A year of rollups is a few hundred megabytes of SQLite: gone with the process.
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    os.environ["HELUO_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heluo.settings")
    os.environ["HELUO_LOG_LEVEL"] = "WARNING"
    url = None
    if database == "postgresql":
        url = fresh_postgres(f"heluo_bench_{name}_{os.getpid()}")
        if url is None:
            sys.exit(3)
        os.environ["HELUO_DATABASE_URL"] = url
    else:
        os.environ.pop("HELUO_DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return url
