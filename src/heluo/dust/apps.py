from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DustConfig(AppConfig):
    name = "heluo.dust"
    label = "dust"
    verbose_name = _("Dust control")

    def ready(self) -> None:
        from heluo.core.modules import MenuItem, register_menu
        from heluo.dust import ledgers  # noqa: F401  (registers the dust ledgers)
        from heluo.dust.services import site_responsible
        from heluo.monitoring.points import register_responsible

        # A site's monitoring alarms go to its grid officers.
        register_responsible("dust.site", site_responsible)

        register_menu("dust", MenuItem(_("Construction sites"), "dust:site_list", "dust.Site"))
        register_menu(
            "dust",
            MenuItem(_("Demolition consultation"), "dust:consultation_board", "dust.ConsultationDecision"),
        )
        register_menu(
            "dust",
            MenuItem(_("Sensitive receptors"), "dust:sensitivereceptor_list", "dust.SensitiveReceptor"),
        )
        register_menu(
            "dust", MenuItem(_("Weather forecasts"), "dust:weatherforecast_list", "dust.WeatherForecast")
        )
        register_menu(
            "dust", MenuItem(_("Assessments"), "dust:assessmentscheme_list", "dust.AssessmentScheme")
        )
