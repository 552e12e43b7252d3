from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The module's parts, one package each: its models, services, pages, API, demo and published figures.
PARTS = ("cooperation", "finance", "major", "briefings", "service", "parks")


class EnterpriseConfig(AppConfig):
    name = "heluo.enterprise"
    label = "enterprise"
    verbose_name = _("Enterprise services")

    def ready(self) -> None:
        for part in PARTS:
            # Every ledger is registered at start-up, not when the URLs are first read.
            import_module(f"heluo.enterprise.{part}.ledgers")
            import_module(f"heluo.enterprise.{part}.setup").ready()
