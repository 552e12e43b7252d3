"""Wiring of this part: menus, homes, tasks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from heluo.core.modules import MenuItem, register_menu

    # huey finds an app's `tasks` module by itself; this part's lives one level down.
    from . import tasks  # noqa: F401

    register_menu("dashboards", MenuItem(_("Briefings"), "dashboards:briefing_list", "dashboards.Briefing"))
