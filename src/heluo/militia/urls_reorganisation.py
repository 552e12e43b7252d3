"""The reorganisation's pages under /militia/: the reorganisations (a reorganisation's page computes its
figures from the roster), the targets, the musters and their attendance."""

from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers_reorganisation as ledgers
from . import views_reorganisation as views
from .views import REGISTER_VIEWS

urlpatterns: list[URLPattern] = [
    path("reorganisations/<int:pk>/check/", views.check_share, name="reorganisation_check"),
    path("musters/<int:pk>/roll-call/", views.roll_call, name="muster_roll_call"),
    *ledger_urls(ledgers.reorganisation, detail=views.ReorganisationDetailView, **REGISTER_VIEWS),
    *ledger_urls(ledgers.reorganisation_target, **REGISTER_VIEWS),
    *ledger_urls(ledgers.muster, detail=views.MusterDetailView, **REGISTER_VIEWS),
    *ledger_urls(ledgers.muster_attendance, **REGISTER_VIEWS),
]
