"""The enforcement demo: ninety days of measures through the service, consistent with the rules, once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from heluo.core.services.accounts import system_operator
from heluo.dust import demo as dust_demo
from heluo.dust.demo_enforcement import EXCLUDED
from heluo.dust.models import BlacklistEntry, Measure, MeasureKind, PenaltyCount, Site, SiteKind, SiteState
from heluo.dust.rules.penalty import penalty_count

pytestmark = pytest.mark.django_db


def test_the_demo_records_measures_stop_works_a_count_and_an_exclusion_once() -> None:
    operator = system_operator()
    dust_demo.load_demo(operator)
    measures = Measure.objects.filter(is_demo=True)
    today = timezone.localdate()
    assert measures.count() >= 50
    assert all(today - dt.timedelta(days=91) <= m.served_on <= today for m in measures)
    orders = measures.filter(kind=MeasureKind.ORDER)
    assert orders.count() >= 30 and not orders.filter(case__isnull=True).exists()
    assert measures.filter(kind=MeasureKind.FINE, amount=100000, ladder_step=1).exists()  # 顶格处罚
    assert measures.filter(kind=MeasureKind.DOWNGRADE, ladder_step=2).exists()
    stops = measures.filter(kind=MeasureKind.STOP_WORK)
    assert stops.count() >= 3 and stops.filter(lifted_on__isnull=False).count() == 1
    assert (
        Site.objects.filter(is_demo=True, state=SiteState.STOPPED).count()
        == stops.filter(lifted_on=None).count()
    )
    count = PenaltyCount.objects.get(is_demo=True)
    findings = list(count.findings.values_list("on", flat=True))
    expected = penalty_count(count.order.served_on, findings, count.daily)
    assert (count.days, count.total) == (expected.days, expected.total) == (26, count.daily * 26)
    entry = BlacklistEntry.objects.get(enterprise__name=EXCLUDED)
    assert entry.start <= today <= entry.until
    refused = Site(name="洛阳市新项目", kind=SiteKind.BUILDING, division=entry.measure.site.division,
                   contractor=entry.enterprise)  # fmt: skip
    with pytest.raises(ValidationError, match=EXCLUDED):
        refused.full_clean()
    assert dust_demo.load_demo(operator) == Counter()
