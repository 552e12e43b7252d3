from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed_defaults(sender: AppConfig, **kwargs: Any) -> None:
    # After the party tables exist: term lengths, meeting requirements, the points scheme (defaults.py).
    if sender.name == "heluo.party":
        from .defaults import seed_defaults

        seed_defaults()


class PartyConfig(AppConfig):
    name = "heluo.party"
    label = "party"
    verbose_name = _("Party building")

    def ready(self) -> None:
        from . import figures, ledgers  # noqa: F401  (registers the ledgers and the published figures)

        post_migrate.connect(_seed_defaults, dispatch_uid="heluo.party.seed_defaults")
        from . import apps_alliance

        apps_alliance.ready()
