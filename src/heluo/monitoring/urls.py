from django.urls import path

from heluo.monitoring import ledgers, views

app_name = "monitoring"

urlpatterns = [
    *ledgers.monitor.urls(),
    *ledgers.control_station.urls(),
    *ledgers.control_reading.urls(),
    *ledgers.alarm_rule.urls(),
    path("monitors/<int:pk>/token/", views.issue_token, name="issue_token"),
    path("live/", views.live_map, name="live_map"),
    path("live/data/", views.live_data, name="live_data"),
    path("live/list/", views.live_list, name="live_list"),
    path("sites/<int:site_id>/", views.site_curves, name="site_curves"),
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
