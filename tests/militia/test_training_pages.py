"""The units' training progress (分队训练进度): units behind first, flagged on the list and on the unit's
own training page; ordinary units owe no hours; pages refuse those without a militia role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from heluo.militia.services.training import required_hours, units_progress

from .factories_c import LUOLONG, category, session, unit


def test_required_hours_come_from_the_outline_by_the_units_category(db: Any) -> None:
    # The seeded defaults: 96 hours for primary militia, 24 more for a specialist category.
    assert required_hours(unit()) == Decimal("96")
    assert required_hours(unit(category=category("drone"))) == Decimal("120")
    assert required_hours(unit(is_primary=False)) == Decimal("0")


def test_units_behind_come_first_with_the_hours_they_lack(db: Any) -> None:
    day = dt.date(2026, 3, 10)  # day 69: 96 × 69 / 365 = 18.1 hours due
    ahead, short, shorter = unit(name="甲连"), unit(name="乙连"), unit(name="丙连")
    session(ahead, on=dt.date(2026, 3, 1), hours="20")
    session(short, on=dt.date(2026, 3, 1), hours="10")
    session(shorter, on=dt.date(2026, 3, 1), hours="4")
    session(shorter, on=dt.date(2025, 12, 1), hours="24")  # last year's hours do not count
    rows = units_progress([ahead, short, shorter], day)
    assert [(row.unit.name, row.progress.behind_by) for row in rows] == [
        ("丙连", Decimal("14.1")),
        ("乙连", Decimal("8.1")),
        ("甲连", Decimal("0")),
    ]


def test_the_progress_page_flags_the_unit_behind_and_its_own_page_says_by_how_much(client_as: Any) -> None:
    behind = unit(name="测试落后应急连")
    on_time = unit(name="测试达标应急连")
    today = timezone.localdate()
    session(on_time, on=dt.date(today.year, 1, 1), hours="24")
    session(on_time, on=today, hours="24")
    for _ in range(4):
        session(on_time, on=today, hours="24")
    client = client_as("wuzhuang")
    page = client.get(reverse("militia:training_progress")).content.decode()
    assert page.index("测试落后应急连") < page.index("测试达标应急连")
    assert page.count('data-testid="behind"') == 1 and "落后" in page
    own = client.get(reverse("militia:unit_training", args=[behind.pk])).content.decode()
    assert 'data-testid="behind"' in own and "小时" in own


def test_training_pages_refuse_other_roles_and_hide_other_territories(client_as: Any) -> None:
    outside = unit(LUOLONG)
    assert client_as("laocheng").get(reverse("militia:training_progress")).status_code == 403
    assert client_as("wuzhuang").get(reverse("militia:unit_training", args=[outside.pk])).status_code == 404
