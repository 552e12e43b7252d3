from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from heluo.core.modules import MenuItem, register_menu

    from . import figures, ledgers  # noqa: F401  (registers the ledgers)

    figures.register()
    register_menu(
        "enterprise",
        MenuItem(_("Policy briefings"), "enterprise:briefing_list", "enterprise.Briefing"),
        MenuItem(_("Policies explained"), "enterprise:briefingpolicy_list", "enterprise.BriefingPolicy"),
        MenuItem(_("Policy briefings in figures"), "enterprise:briefing_summary", "enterprise.Briefing"),
    )
