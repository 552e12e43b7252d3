"""Financing's place in the sidebar and its published figures."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from heluo.core.modules import MenuItem, register_menu

    from . import figures

    figures.register()
    register_menu(
        "enterprise",
        MenuItem(
            _("Financing agreements"), "enterprise:financingagreement_list", "enterprise.FinancingAgreement"
        ),
        MenuItem(_("Coordinated loans"), "enterprise:coordinatedloan_list", "enterprise.CoordinatedLoan"),
        MenuItem(_("Awards and subsidies"), "enterprise:award_list", "enterprise.Award"),
    )
