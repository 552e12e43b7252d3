"""`heluo demo`: load the Luoyang demo data (idempotent: a second run changes nothing)."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from heluo.core.demo_accounts import DEMO_PASSWORD, demo_logins
from heluo.core.services.accounts import system_operator


class Command(BaseCommand):
    help = _("Load the Luoyang demo data (divisions, zones, units, people, grids, one account per role).")

    def handle(self, *args: Any, **options: Any) -> None:
        operator = system_operator()
        total = 0
        # Each Heluo app may have a demo module with load_demo(operator); core's comes first.
        for config in apps.get_app_configs():
            if not config.name.startswith("heluo."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            created = module.load_demo(operator)
            for kind, count in sorted(created.items()):
                self.stdout.write(_("created %(count)d %(kind)s") % {"count": count, "kind": kind})
                total += count
        if not total:
            self.stdout.write(_("The demo data is already loaded: nothing changed."))
        self.stdout.write(_("Demo logins (password %(password)s):") % {"password": DEMO_PASSWORD})
        for login in demo_logins():
            self.stdout.write(f"  {login.username:<12} {login.roles} · {login.scope}")
