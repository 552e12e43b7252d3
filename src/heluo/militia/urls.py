"""The militia's pages under /militia/ (the member list at /militia/members/). Parts B and C add their
pages with `urlpatterns += ...` from their own urls_<part>.py."""

from django.urls import URLPattern, URLResolver

from heluo.core.views.routes import ledger_urls

from . import ledgers, urls_c, urls_reorganisation, views

app_name = "militia"

_register = views.REGISTER_VIEWS

urlpatterns: list[URLPattern | URLResolver] = [
    *ledger_urls(ledgers.armed_forces_department, **_register),
    *ledger_urls(ledgers.unit_category, **_register),
    *ledger_urls(ledgers.eligibility_limits, **_register),
    *ledger_urls(ledgers.militia_unit, detail=views.MilitiaUnitDetailView, **_register),
    *ledger_urls(ledgers.militia_member, detail=views.MilitiaMemberDetailView, **_register),
    *ledger_urls(ledgers.unit_move, **_register),
]
urlpatterns += urls_reorganisation.urlpatterns
urlpatterns += urls_c.urlpatterns
