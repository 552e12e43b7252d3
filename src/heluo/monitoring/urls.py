from django.urls import path

from heluo.monitoring import ledgers, views

app_name = "monitoring"

urlpatterns = [
    *ledgers.monitor.urls(),
    path("unknown/", views.unknown_devices, name="unknown_devices"),
    path("unknown/<int:pk>/dismiss/", views.dismiss_unknown_device, name="dismiss_unknown_device"),
    path("log/", views.message_log, name="message_log"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/resolve/", views.resolve_conflict, name="resolve_conflict"),
]
