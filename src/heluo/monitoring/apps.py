from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "heluo.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from heluo.core.modules import MenuItem, register_menu
        from heluo.monitoring import ledgers  # noqa: F401  (registers the monitoring ledgers)

        register_menu(
            "monitoring",
            MenuItem(_("Monitors"), "monitoring:monitor_list", "monitoring.Monitor"),
            MenuItem(_("Unknown devices"), "monitoring:unknown_devices", "monitoring.UnknownDevice"),
            MenuItem(_("Message log"), "monitoring:message_log", "monitoring.Monitor"),
            MenuItem(_("Reading conflicts"), "monitoring:conflicts", "monitoring.Monitor"),
        )
