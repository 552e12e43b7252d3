"""Reference data an app seeds after `migrate` (defaults a city then changes as data)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import AppConfig, apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.utils.module_loading import import_string


def seed_after_migrate(app_name: str, model: str, seed: str) -> None:
    """Run `seed` (a dotted path to a function without arguments) after each migrate of `app_name`,
    once `model`'s table exists: post_migrate fires for every app even when a partial migrate
    (`migrate core 0001`) left the app's tables uncreated, and then there is nothing to seed yet.
    Called from the app's ready(); the seed itself must be idempotent."""

    def receiver(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
        if sender.name != app_name:
            return
        if apps.get_model(model)._meta.db_table not in connections[using].introspection.table_names():
            return
        seeding: Callable[[], None] = import_string(seed)
        seeding()

    post_migrate.connect(receiver, weak=False, dispatch_uid=f"{app_name}.seed")
