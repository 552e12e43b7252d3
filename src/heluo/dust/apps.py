from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DustConfig(AppConfig):
    name = "heluo.dust"
    label = "dust"
    verbose_name = _("Dust control")

    def ready(self) -> None:
        from heluo.cases.sources import register_source
        from heluo.core.modules import MenuItem, register_menu
        from heluo.dust import ledgers  # noqa: F401  (registers the dust ledgers)
        from heluo.dust.services import site_responsible
        from heluo.dust.services.enforcement import SOURCE_KIND, order_case_changed
        from heluo.monitoring.points import register_responsible

        # A site's monitoring alarms go to its grid officers.
        register_responsible("dust.site", site_responsible)

        # An order to correct is a supervised case; closing it verifies the correction.
        register_source(
            SOURCE_KIND, _("enforcement measure"), model="dust.Measure", on_change=order_case_changed
        )
        register_menu("dust", MenuItem(_("Construction sites"), "dust:site_list", "dust.Site"))
        register_menu(
            "dust",
            MenuItem(_("Enforcement measures"), "dust:measure_list", "dust.Measure"),
            MenuItem(_("Daily penalty counts"), "dust:penaltycount_list", "dust.PenaltyCount"),
            MenuItem(_("Blacklist"), "dust:blacklistentry_list", "dust.BlacklistEntry"),
            MenuItem(_("Legal bases"), "dust:legalbasis_list", "dust.LegalBasis"),
            MenuItem(_("Enforcement ladders"), "dust:ladder_list", "dust.Ladder"),
        )
