from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers_dues_points as ledgers
from . import views_dues_points as views

urlpatterns: list[URLPattern] = [
    path("dues/arrears/", views.dues_arrears, name="dues_arrears"),
    path("points/ranking/", views.points_ranking, name="points_ranking"),
    path("points/base/", views.grant_base_points, name="points_grant_base"),
    path("points/members/<int:pk>/<int:year>/", views.member_points, name="member_points"),
    *ledger_urls(ledgers.dues_arrangement),
    *ledger_urls(ledgers.dues_reduction),
    *ledger_urls(ledgers.dues_payment),
    *ledger_urls(ledgers.points_rule),
    *ledger_urls(ledgers.points_entry),
    *ledger_urls(ledgers.points_year),
]
