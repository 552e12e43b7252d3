"""The alliance's and 四议两公开's pages under /party/."""

from django.urls import URLPattern, path

from heluo.core.views.routes import ledger_urls

from . import ledgers_alliance as ledgers
from . import views_alliance as views

urlpatterns: list[URLPattern] = [
    path("alliances/<int:pk>/propose/", views.alliance_propose, name="alliance_propose"),
    path("alliances/stale-lists/", views.stale_lists, name="alliance_stale_lists"),
    path("matches/<int:pk>/<str:decision>/decide/", views.match_decide, name="match_decide"),
    path("villagematters/<int:pk>/record/", views.matter_record_step, name="villagematter_record"),
    *ledger_urls(ledgers.alliance, detail=views.AllianceDetailView),
    *ledger_urls(ledgers.alliance_member),
    *ledger_urls(ledgers.resource),
    *ledger_urls(ledgers.need, detail=views.NeedDetailView),
    *ledger_urls(ledgers.project),
    *ledger_urls(ledgers.match, detail=views.MatchDetailView),
    *ledger_urls(ledgers.joint_activity, detail=views.ActivityDetailView),
    *ledger_urls(ledgers.activity_participant),
    *ledger_urls(ledgers.village_matter, detail=views.VillageMatterDetailView),
    *ledger_urls(ledgers.matter_step),
]
