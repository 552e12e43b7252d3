from django.urls import URLPattern

from heluo.core.views.routes import ledger_urls

from . import ledgers
from .views import ParkDetailView

urlpatterns: list[URLPattern] = [
    *ledger_urls(ledgers.park, detail=ParkDetailView),
    *ledger_urls(ledgers.park_enterprise),
    *ledger_urls(ledgers.qualification),
    *ledger_urls(ledgers.qualification_award),
    *ledger_urls(ledgers.enterprise_year),
]
