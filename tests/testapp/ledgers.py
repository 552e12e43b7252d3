import django_filters
import django_tables2 as tables

from heluo.core.filters import LedgerFilterSet
from heluo.core.forms import LedgerForm
from heluo.core.ledger import Ledger, register
from heluo.core.tables import LedgerTable

from .models import CoopCase, GridSite, PartyRecord


def _ledger(model, fields):
    form = type(
        f"{model.__name__}Form", (LedgerForm,), {"Meta": type("Meta", (), {"model": model, "fields": fields})}
    )
    filterset = type(
        f"{model.__name__}Filter",
        (LedgerFilterSet,),
        {
            "name": django_filters.CharFilter(lookup_expr="icontains"),
            "Meta": type("Meta", (), {"model": model, "fields": ["name"]}),
        },
    )
    table = type(
        f"{model.__name__}Table",
        (LedgerTable,),
        {
            "name": tables.Column(linkify=True),
            "Meta": type("Meta", (LedgerTable.Meta,), {"model": model, "fields": ("name", "division")}),
        },
    )
    return register(Ledger(model, form=form, filterset=filterset, table=table, attachments=True))


party_record = _ledger(PartyRecord, ["name", "division"])
grid_site = _ledger(GridSite, ["name", "division", "grid"])
coop_case = _ledger(CoopCase, ["name", "division", "cooperating_units"])
