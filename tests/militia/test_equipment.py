"""Items not checked within their period are listed, the never checked first; the item's page shows its
checks; other roles are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from heluo.militia.models import EquipmentItem
from heluo.militia.services.equipment import unchecked_items

from .factories_c import LUOLONG, check, item


def test_items_past_their_period_are_listed_the_never_checked_first(db: Any) -> None:
    today = dt.date(2026, 6, 30)
    fresh, stale, never, exact = item(name="甲"), item(name="乙"), item(name="丙"), item(name="丁")
    check(fresh, today - dt.timedelta(days=10))
    check(stale, today - dt.timedelta(days=91))
    check(exact, today - dt.timedelta(days=90))  # on the period's last day: not yet overdue
    rows = unchecked_items(
        EquipmentItem.objects.filter(pk__in=[fresh.pk, stale.pk, never.pk, exact.pk]), today
    )
    assert [(row.item.name, row.days) for row in rows] == [("丙", None), ("乙", 91)]


def test_the_pages_list_overdue_items_and_an_items_checks(client_as: Any) -> None:
    overdue = item(name="测试救生衣")
    check(overdue, dt.date(2020, 1, 1), findings="少两件")
    client = client_as("wuzhuang")
    page = client.get(reverse("militia:equipment_unchecked")).content.decode()
    assert "测试救生衣" in page
    detail = client.get(overdue.get_absolute_url()).content.decode()
    assert "少两件" in detail


def test_equipment_is_refused_to_other_roles_and_outside_the_territory(client_as: Any) -> None:
    outside = item(LUOLONG)
    assert client_as("laocheng").get(reverse("militia:equipment_unchecked")).status_code == 403
    assert client_as("wuzhuang").get(outside.get_absolute_url()).status_code == 404
