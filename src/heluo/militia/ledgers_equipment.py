"""Equipment reserves' ledgers: the items and their checks."""

from __future__ import annotations

from heluo.core.ledger import Ledger, register

from . import filters_c as filters
from . import forms_c as form_classes
from . import tables_c as tables
from .models import EquipmentCheck, EquipmentItem

equipment_item = register(
    Ledger(
        EquipmentItem,
        form=form_classes.EquipmentItemForm,
        filterset=filters.EquipmentItemFilter,
        table=tables.EquipmentItemTable,
        search_fields=("name", "department__name", "kept_at"),
        select_related=("department", "unit"),
        detail_template="militia/equipment/item_detail.html",
        many_rows=True,
    )
)
equipment_check = register(
    Ledger(
        EquipmentCheck,
        form=form_classes.EquipmentCheckForm,
        filterset=filters.EquipmentCheckFilter,
        table=tables.EquipmentCheckTable,
        search_fields=("item__name", "checked_by", "findings"),
        select_related=("item",),
    )
)
