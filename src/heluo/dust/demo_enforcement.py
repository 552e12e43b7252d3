"""The enforcement part of the dust demo: ninety days of measures on the demo sites, recorded through
dust's enforcement service as an office would — orders to correct (each a supervised case), the ladder's
top fines and downgrades for sites that did not correct, a few stop-works (one lifted after a passed
re-inspection), a running daily-penalty count and one contractor excluded from the market. Idempotent:
a second run creates nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from heluo.core.demo import synthetic_credit_code
from heluo.core.models import Division, Grid, Unit, UnitType

from .models import LegalBasis, Measure, MeasureKind, PenaltyCount, Site, SiteKind, SiteState
from .services import add_finding, create_sites, lift_stop_work, record_measure, suggest_measure
from .services.enforcement import open_penalty_count

BUREAU = "洛阳市住房和城乡建设局"
FAILINGS = (
    "施工现场未设置硬质围挡", "裸露土方未覆盖", "出入车辆未冲洗", "施工道路未硬化", "未采取洒水抑尘措施",
    "建筑垃圾未及时清运", "在线监测设备未正常运行",
)  # fmt: skip
# The contractor the demo excludes from the market: its own, so no other demo site is refused.
EXCLUDED = "洛阳鑫达建筑工程有限公司"
DEMO_NOTE = "演示数据：统一社会信用代码为虚构。"


@dataclass(frozen=True)
class DemoReinspection:
    """The passed re-inspection that lifts the demo's stop-work (what lift_stop_work reads of one)."""

    site_id: int
    passed: bool
    performed_at: dt.datetime

    def __str__(self) -> str:
        return f"复查合格（{self.performed_at:%Y-%m-%d}，演示）"


class EnforcementDemo:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.rng = random.Random(20200601)
        self.today = timezone.localdate()
        self.basis = LegalBasis.objects.get(code="apl-115")
        self.created: Counter[str] = Counter()

    def record(self, site: Site, kind: str, served_on: dt.date, **fields: Any) -> Measure:
        measure = record_measure(
            Measure(site=site, kind=kind, legal_basis=self.basis, served_on=served_on, decided_by=BUREAU,
                    is_demo=True, **fields),
            by=self.operator,
        )  # fmt: skip
        self.created[str(Measure._meta.verbose_name_plural)] += 1
        return measure

    def breach(self, site: Site, on: dt.date) -> Measure:
        """A breach that was not corrected in time: the ladder's next step."""
        suggestion = suggest_measure(site, on)
        assert suggestion is not None, "the migration puts a ladder in force"
        fields: dict[str, Any] = {"ladder_step": suggestion.step, "note": self.rng.choice(FAILINGS)}
        if suggestion.kind == MeasureKind.FINE:
            fields["amount"] = suggestion.amount
        if suggestion.kind == MeasureKind.STOP_WORK:
            fields["stop_days"] = suggestion.stop_days
        if suggestion.kind in (MeasureKind.DOWNGRADE, MeasureKind.MARKET_EXCLUSION):
            fields["until"] = on + dt.timedelta(days=365)
        return self.record(site, suggestion.kind, on, **fields)

    def order(self, site: Site, on: dt.date) -> Measure:
        return self.record(
            site, MeasureKind.ORDER, on, deadline=on + dt.timedelta(days=self.rng.choice((3, 5, 7))),
            note=f"{self.rng.choice(FAILINGS)}，限期整改到位",
        )  # fmt: skip

    def day(self, earliest: int, latest: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randrange(earliest, latest))

    def run(self) -> None:
        sites = list(
            Site.objects.filter(is_demo=True, state=SiteState.UNDER_CONSTRUCTION)
            .select_related("contractor", "division", "grid")
            .order_by("pk")
        )
        if len(sites) < 40:
            return
        chosen = self.rng.sample(sites, 40)
        # Orders to correct; the first twelve sites did not correct and take the ladder's steps.
        for number, site in enumerate(chosen[:30]):
            served = self.day(20, 90)
            self.order(site, served)
            if number < 12:
                self.breach(site, served + dt.timedelta(days=10))
            if number < 4:
                self.breach(site, min(served + dt.timedelta(days=18), self.today))
        self.stop_works(chosen[30:34])
        self.daily_penalty(chosen[34])
        self.exclusion()

    def stop_works(self, sites: list[Site]) -> None:
        for number, site in enumerate(sites):
            served = self.day(15, 60) if number == 0 else self.day(1, 6)
            stop = self.record(
                site, MeasureKind.STOP_WORK, served, stop_days=7, note="拒不改正，责令停工整治"
            )
            if number == 0:
                performed = timezone.make_aware(
                    dt.datetime.combine(stop.served_on + dt.timedelta(days=8), dt.time(10))
                )
                lift_stop_work(site, inspection=DemoReinspection(site.pk, True, performed), by=self.operator)

    def daily_penalty(self, site: Site) -> None:
        served = self.today - dt.timedelta(days=40)
        order = self.order(site, served)
        fine = self.breach(site, served + dt.timedelta(days=8))
        count = open_penalty_count(
            order, fine.amount or Decimal("100000"), by=self.operator, is_demo=True,
            note="拒不改正，自责令改正之日的次日起按原处罚数额按日连续处罚",
        )  # fmt: skip
        for after in (12, 26):
            add_finding(
                count, served + dt.timedelta(days=after), reference="复查仍未整改（演示）", by=self.operator
            )
        self.created[str(PenaltyCount._meta.verbose_name_plural)] += 1

    def exclusion(self) -> None:
        """A contractor with one site and three breaches within a year: excluded from the market."""
        city = Division.objects.get(code="410300000000")
        unit = Unit(
            name=EXCLUDED, unit_type=UnitType.objects.get(code="enterprise"), division=city,
            credit_code=synthetic_credit_code(random.Random(20200602), city.code), notes=DEMO_NOTE, is_demo=True,
        )  # fmt: skip
        unit.full_clean()
        unit.save()
        place = Division.objects.get(code="410311002000")
        grid = Grid.objects.filter(is_demo=True, division=place, name__endswith="扬尘治理网格").first()
        [site] = create_sites(
            self.operator,
            [Site(name="洛阳市洛龙区开元大道商住小区二期工程（鑫达）", kind=SiteKind.BUILDING, division=place,
                  address="开元路街道开元大道88号", contractor=unit, grid=grid, start_date=self.today - dt.timedelta(days=300),
                  is_demo=True)],
        )  # fmt: skip
        for days_ago in (80, 50, 20):
            served = self.today - dt.timedelta(days=days_ago)
            self.order(site, served)
            self.breach(site, served + dt.timedelta(days=8))


def load_enforcement_demo(operator: Any) -> Counter[str]:
    """Load the enforcement demo once (nothing on a later run). Returns what was created."""
    if Measure.objects.filter(is_demo=True).exists():
        return Counter()
    demo = EnforcementDemo(operator)
    demo.run()
    return demo.created
