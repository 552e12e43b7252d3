"""The dust-control figures of core's registry (heluo.dust.figures) on hand-made sites, inspections and
measures of March 2020 (before any demo data)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.dust.models import Measure, MeasureKind, Site, SiteState
from tests.dust.test_enforcement import measure
from tests.dust.test_inspections import inspect, officer_site
from tests.dust.test_sites import KAIYUAN, XIGUAN

MARCH, APRIL = Period.month(2020, 3), Period.month(2020, 4)
LAOCHENG, LUOLONG, CITY = Territory((XIGUAN[:6],)), Territory((KAIYUAN[:6],)), Territory.city()


def number(key: str, territory: Territory, period: Period = MARCH) -> int | Decimal | None:
    return value(f"dust.{key}", territory, period).number


def test_sites_inspections_pass_rate_measures_and_stop_work_orders(users: dict[str, Any]) -> None:
    zone = timezone.get_current_timezone()
    before = number("sites", LAOCHENG), number("sites", CITY)
    site, other = officer_site(XIGUAN), officer_site(KAIYUAN)
    officer_site(XIGUAN, state=SiteState.COMPLETED)  # no longer supervised
    assert (number("sites", LAOCHENG), number("sites", CITY)) == (before[0] + 1, before[1] + 2)
    # March: site fails two items on the 10th; other passes on the 3rd. February: other fails one.
    inspect(users["wangge"], site, {"cover": [], "washing": []}, at=dt.datetime(2020, 3, 10, 10, tzinfo=zone))
    inspect(users["wangge"], other, at=dt.datetime(2020, 3, 3, 10, tzinfo=zone))
    inspect(users["wangge"], other, {"cover": []}, at=dt.datetime(2020, 2, 20, 10, tzinfo=zone))
    assert (number("inspections", CITY), number("inspections", LAOCHENG)) == (2, 1)
    assert number("inspection_pass_rate", CITY) == Decimal("50.0")
    assert number("inspection_pass_rate", LAOCHENG) == Decimal("0.0")
    assert number("inspection_pass_rate", LUOLONG) == Decimal("100.0")
    assert number("inspection_pass_rate", LUOLONG, APRIL) is None
    assert (number("failed_items", CITY), number("failed_items", LUOLONG, Period.month(2020, 2))) == (2, 1)
    # Measures: a fine and a stop-work on site in March (lifted on 2 April), a fine on other in April.
    measure(site, MeasureKind.FINE, served_on=dt.date(2020, 3, 12))
    stop = measure(site, MeasureKind.STOP_WORK, served_on=dt.date(2020, 3, 15))
    Measure.objects.filter(pk=stop.pk).update(lifted_on=dt.date(2020, 4, 2))
    measure(other, MeasureKind.FINE, served_on=dt.date(2020, 4, 1))
    assert (number("measures", CITY), number("measures", LAOCHENG), number("measures", LUOLONG)) == (2, 2, 0)
    assert number("measures", CITY, APRIL) == 1
    assert number("stop_work_in_force", LAOCHENG) == 1  # served 15 March, lifted after the 31st
    assert number("stop_work_in_force", LAOCHENG, APRIL) == 0
    assert Site.objects.get(pk=site.pk).state == SiteState.STOPPED  # still under supervision
    text = render_sentence("dust.summary", LAOCHENG, MARCH)
    assert "开展检查1次，检查合格率0%，采取执法措施2次，期末仍在停工整改的1个。" in text
