from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "heluo.cases"
    label = "cases"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        from heluo.cases import figures, ledgers  # noqa: F401  (registers the cases' ledgers and figures)
        from heluo.core.modules import MenuItem, register_menu

        register_menu(
            "cases",
            MenuItem(_("Supervised cases"), "cases:case_list", "cases.Case"),
            MenuItem(_("My cases"), "cases:my_cases", "cases.Case"),
            MenuItem(_("Overdue cases"), "cases:overdue_list", "cases.Case"),
            MenuItem(_("Supervision figures"), "cases:statistics", "cases.Case"),
            MenuItem(_("Calendar corrections"), "cases:holidayoverride_list", "cases.HolidayOverride"),
        )
