"""The URLs of a ledger's pages, built from its declaration (the ledger itself stays data)."""

from __future__ import annotations

from django.urls import URLPattern, path

from heluo.core.ledger import Ledger
from heluo.core.views import generic, transfer

VIEWS: dict[str, type[generic.LedgerView]] = {
    "list": generic.LedgerListView,
    "add": generic.LedgerCreateView,
    "detail": generic.LedgerDetailView,
    "edit": generic.LedgerUpdateView,
    "delete": generic.LedgerDeleteView,
    "history": generic.LedgerHistoryView,
    "autocomplete": generic.LedgerAutocompleteView,
    "export": transfer.LedgerExportView,
    "import": transfer.LedgerImportView,
    "template": transfer.LedgerTemplateView,
}
ROUTES = {
    "list": "",
    "add": "add/",
    "autocomplete": "autocomplete/",
    "export": "export/",
    "import": "import/",
    "template": "template/",
    "detail": "<int:pk>/",
    "edit": "<int:pk>/edit/",
    "delete": "<int:pk>/delete/",
    "history": "<int:pk>/history/",
}


def ledger_urls(ledger: Ledger, **views: type[generic.LedgerView]) -> list[URLPattern]:
    """Every page of `ledger` under its slug, named "<model>_<action>"; `views` replaces the view of an
    action (a case's detail page is its own). A ledger whose rows are never deleted has no delete page."""
    chosen = {**VIEWS, **views}
    return [
        path(
            f"{ledger.slug}/{route}",
            chosen[action].as_view(ledger=ledger),
            name=f"{ledger.model_name}_{action}",
        )
        for action, route in ROUTES.items()
        if action != "delete" or ledger.deletable
    ]
