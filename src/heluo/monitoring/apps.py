from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "heluo.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from heluo.cases.sources import register_source
        from heluo.core.modules import MenuItem, register_menu
        from heluo.core.processes import register_processes
        from heluo.monitoring import (
            figures,  # noqa: F401  (registers the monitoring figures)
            hooks,
            ledgers,  # noqa: F401  (registers the monitoring ledgers)
        )
        from heluo.monitoring.processes import MONITORING
        from heluo.monitoring.services.alarms import after_commit, case_changed

        register_processes(MONITORING)
        # Every process that stores frames (receiver, web, MQTT subscriber) keeps rollups and alarms.
        hooks.register(after_commit)
        # Cases from alarms link back to the alarm that opened them; the alarm closes with its case.
        register_source(
            "monitoring_alarm", _("monitoring alarm"), model="monitoring.Alarm", on_change=case_changed
        )
        register_menu(
            "monitoring",
            MenuItem(_("Live map"), "monitoring:live_map", "monitoring.Monitor"),
            MenuItem(_("Live values"), "monitoring:live_list", "monitoring.Monitor"),
            MenuItem(_("Alarms"), "monitoring:alarm_list", "monitoring.Alarm"),
            MenuItem(_("Offline devices"), "monitoring:offline", "monitoring.Monitor"),
            MenuItem(_("Data capture"), "monitoring:capture", "monitoring.Monitor"),
            MenuItem(_("Monitors"), "monitoring:monitor_list", "monitoring.Monitor"),
            MenuItem(_("Monitoring points"), "monitoring:monitoringpoint_list", "monitoring.MonitoringPoint"),
            MenuItem(_("Alarm rules"), "monitoring:alarmrule_list", "monitoring.AlarmRule"),
            MenuItem(_("Control stations"), "monitoring:controlstation_list", "monitoring.ControlStation"),
            MenuItem(
                _("Control station values"), "monitoring:controlreading_list", "monitoring.ControlReading"
            ),
            MenuItem(_("Unknown devices"), "monitoring:unknown_devices", "monitoring.UnknownDevice"),
            MenuItem(_("Message log"), "monitoring:message_log", "monitoring.Monitor"),
            MenuItem(_("Reading conflicts"), "monitoring:conflicts", "monitoring.Monitor"),
        )
