from django.urls import path

from heluo.core.views.routes import ledger_urls
from heluo.monitoring import ledgers, views

app_name = "monitoring"

urlpatterns = [
    *ledger_urls(ledgers.monitor),
    *ledger_urls(ledgers.monitoring_point),
    *ledger_urls(ledgers.control_station),
    *ledger_urls(ledgers.control_reading),
    *ledger_urls(ledgers.alarm_rule),
    path("monitors/<int:pk>/token/", views.issue_token, name="issue_token"),
    path("live/", views.live_map, name="live_map"),
    path("live/data/", views.live_data, name="live_data"),
    path("live/list/", views.live_list, name="live_list"),
    path("points/<int:point_id>/curves/", views.point_curves, name="point_curves"),
    path("alarms/", views.alarm_list, name="alarm_list"),
    path("alarms/<int:pk>/", views.alarm_detail, name="alarm_detail"),
    path("offline/", views.offline_list, name="offline"),
    path("capture/", views.capture_report, name="capture"),
    path("unknown/", views.unknown_devices, name="unknown_devices"),
    path("unknown/<int:pk>/dismiss/", views.dismiss_unknown_device, name="dismiss_unknown_device"),
    path("log/", views.message_log, name="message_log"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/resolve/", views.resolve_conflict, name="resolve_conflict"),
]
