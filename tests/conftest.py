"""Shared fixtures. The test database holds the Luoyang demo, loaded once per session: tests read the
real division tree and the demo accounts, and each test's own rows are rolled back after it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client


def grant_testapp_permissions() -> None:
    """Give the test app's permissions to the roles that would hold them if its models lived in their module.

    The role patterns name apps ("dust.*"); the stand-in models live in the app "testapp" but declare
    the module they stand for, so a pattern is matched against "<module>.<codename>".
    """
    from django.contrib.auth.models import Permission

    from heluo.core.models import Role
    from heluo.core.roles import BUILTIN_ROLES
    from tests.testapp.models import CoopCase, GridSite, PartyRecord

    modules = {m._meta.model_name: m.scope_module for m in (CoopCase, GridSite, PartyRecord)}
    perms = Permission.objects.filter(content_type__app_label="testapp", content_type__model__in=modules)
    for definition in BUILTIN_ROLES:
        role = Role.objects.get(code=definition.code)
        for perm in perms:
            name = f"{modules[perm.content_type.model]}.{perm.codename}"
            if any(fnmatchcase(name, p) for p in definition.permissions):
                role.group.permissions.add(perm)


@pytest.fixture(scope="session")
def django_db_keepdb() -> bool:
    """Django keeps the test database it finds (a migrated copy, below) and leaves dropping it to us."""
    return True


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """The test database is a copy of the run's migrated one (tests/installations.py), made before Django
    sets it up: its migrate then has nothing left to apply."""
    from django.conf import settings

    from tests.installations import test_database

    with test_database(tmp_path_factory, settings.DATABASES["default"]):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    from heluo.core.demo import load_demo
    from heluo.core.services.accounts import system_operator

    with django_db_blocker.unblock():
        load_demo(system_operator())
        grant_testapp_permissions()


@contextmanager
def kept_for_module(django_db_blocker: Any) -> Iterator[None]:
    """Rows written inside stay for the tests of a module and are rolled back when the module ends.

    For a module-scoped fixture that loads something slow (a module's demo) once instead of once per
    test: each test's own transaction becomes a savepoint inside this one, so a test still sees the
    loaded rows as they were written and its own changes are rolled back after it. Its module's tests
    must be marked `django_db` (`pytestmark`) even when they use only the fixture: pytest-django runs the
    tests it takes for database-free last, after the transactional tests, which empty the database.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    """The demo accounts' users by user name."""
    return {user.username: user for user in get_user_model().objects.filter(account__is_demo=True)}


def login(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def client_as(db: Any) -> Any:
    """client_as("luolong") → a test client logged in as that demo account."""
    return login


# Tests that run on a copy of the run's demo installation (tests/installations.py): they go to one xdist
# worker (`--dist loadgroup`), which builds it once while the other goes on with everything else.
DEMO_INSTALLATION_TESTS = (
    "tests/browser/",
    "tests/core/test_backup.py",
    "tests/core/test_platform.py::test_heluo_demo_says",
)


# Before xdist's own hook, which reads the groups into the test ids.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(DEMO_INSTALLATION_TESTS):
            item.add_marker(pytest.mark.xdist_group("demo_installation"))
        elif _uses_a_module_fixture(item):
            # A module's demo loaded once (kept_for_module) is loaded once per worker its tests go to.
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


def _uses_a_module_fixture(item: pytest.Item) -> bool:
    definitions = getattr(item, "_fixtureinfo", None)
    if definitions is None:
        return False
    return any(
        fixturedefs[-1].scope == "module"
        for fixturedefs in definitions.name2fixturedefs.values()
        if fixturedefs
    )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run is over (in the xdist controller, or the only process): drop what tests/installations built."""
    if not hasattr(session.config, "workerinput"):
        from tests.installations import drop_templates

        drop_templates()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Nothing a test kept in Django's cache (the cockpit's panels) is read by the next: the users' pks
    repeat from test to test."""
    from django.core.cache import cache

    cache.clear()
