"""The cooperation ledger's place in the sidebar and its published figures."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from heluo.core.modules import MenuItem, register_menu

    from . import figures

    figures.register()
    register_menu(
        "enterprise",
        MenuItem(
            _("Cooperation ledger by year"), "enterprise:cooperation_years", "enterprise.CooperationProgress"
        ),
        MenuItem(
            _("Cooperation projects"), "enterprise:cooperationproject_list", "enterprise.CooperationProject"
        ),
        MenuItem(
            _("Cooperation progress"), "enterprise:cooperationprogress_list", "enterprise.CooperationProgress"
        ),
    )
