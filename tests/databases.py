"""PostgreSQL databases of their own for tests that run Heluo in other processes (browser, receiver,
backup): created fresh from the test server's URL and dropped afterwards."""

from __future__ import annotations

import psycopg


def _server(url: str) -> psycopg.Connection:
    """An autocommit connection to the server's maintenance database (CREATE/DROP DATABASE need one)."""
    base = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1)
    return psycopg.connect(base + "/postgres", autocommit=True)


def fresh_database(url: str, name: str, template: str | None = None) -> str:
    """Create (or recreate) database `name` on `url`'s server; returns its URL."""
    with _server(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return f"{url.rsplit('/', 1)[0]}/{name}"


def drop_database(url: str) -> None:
    """Drop the database `url` names, closing whatever connections it still has."""
    with _server(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
