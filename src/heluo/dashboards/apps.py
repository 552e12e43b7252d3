from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "heluo.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from .briefings import setup as briefings
        from .cockpit import setup as cockpit
        from .homes import setup as homes

        homes.ready()
        cockpit.ready()
        briefings.ready()
