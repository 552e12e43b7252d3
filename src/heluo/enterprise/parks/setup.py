"""The science parks' part of the enterprise module: menus and published figures."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from heluo.core.modules import MenuItem, register_menu

    from . import figures, ledgers  # noqa: F401  (registers the ledgers)

    register_menu(
        "enterprise",
        MenuItem(_("Science parks"), "enterprise:park_list", "enterprise.Park"),
        MenuItem(_("Park enterprises"), "enterprise:parkenterprise_list", "enterprise.ParkEnterprise"),
        MenuItem(
            _("Qualifications held"), "enterprise:qualificationaward_list", "enterprise.QualificationAward"
        ),
        MenuItem(
            _("Enterprise yearly figures"), "enterprise:enterpriseyear_list", "enterprise.EnterpriseYear"
        ),
        MenuItem(_("Qualifications"), "enterprise:qualification_list", "enterprise.Qualification"),
    )
    figures.register()
