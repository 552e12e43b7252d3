"""The consultation and assessment part of the Luoyang demo: sensitive receptors around the demo's
demolition sites, 90 days of city-wide weather forecasts (invented, Luoyang-like: light north-easterly
winds, a rainy summer, heavy-pollution alerts in the heating season), each day's decisions proposed by
the rules and most of them confirmed, and the last month's assessment of districts and of enterprises.
Idempotent — a second run creates nothing — and every row is marked demo."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from heluo.core.models import Division
from heluo.core.services.audit import audited_bulk_create

from .models import (
    AlertLevel,
    AssessedSubject,
    AssessmentScheme,
    ConsultationDecision,
    Decision,
    ReceptorKind,
    SensitiveReceptor,
    Site,
    SiteKind,
    WeatherForecast,
)
from .services.consultation import confirm_decision, propose_decisions

DAYS = 90
CITY = "410300000000"  # 洛阳市: the forecasts of the whole city
RECEPTOR_NAMES = {
    ReceptorKind.SCHOOL: "小学",
    ReceptorKind.KINDERGARTEN: "幼儿园",
    ReceptorKind.HOSPITAL: "社区卫生服务中心",
    ReceptorKind.ELDERLY_HOME: "养老院",
}
OVERRIDE_REASONS = (
    "现场主体已拆除完毕，仅剩渣土清运，经现场核实按湿法作业执行。",
    "区大气办临时通知：上级督导组检查期间停止拆除作业。",
    "预报风力偏大，现场实测风力三级以下，经会商允许湿法作业。",
)
SOURCE = "洛阳市气象台（演示数据，非官方发布）"
# A degree of latitude in metres (mean Earth radius): receptors are placed this way round a site.
METRES_PER_DEGREE = 111_195.0


class ConsultationDemo:
    def __init__(self, operator: Any) -> None:
        self.operator = operator
        self.created: Counter[str] = Counter()
        self.rng = random.Random(20201201)
        self.today = timezone.localdate()

    def _created(self, model: type[Any], count: int) -> None:
        if count:
            self.created[str(model._meta.verbose_name_plural)] += count

    def receptors(self) -> None:
        """Two receptors round each demo demolition site, at random distances up to 1.5 km: some sites
        have a school or hospital close by, others none near enough to matter."""
        sites = Site.objects.filter(
            is_demo=True, kind=SiteKind.DEMOLITION, longitude__isnull=False
        ).select_related("division")
        existing = set(SensitiveReceptor.objects.values_list("name", "division_id"))
        new = []
        for site in sites.order_by("pk"):
            for number, (low, high) in enumerate(((120, 900), (600, 1500)), start=1):
                kind = self.rng.choice(list(RECEPTOR_NAMES))
                distance, bearing = self.rng.uniform(low, high), math.radians(self.rng.uniform(0, 360))
                latitude = float(site.latitude) + distance * math.cos(bearing) / METRES_PER_DEGREE
                longitude = float(site.longitude) + distance * math.sin(bearing) / (
                    METRES_PER_DEGREE * math.cos(math.radians(float(site.latitude)))
                )
                name = f"{site.division.display_name}第{site.pk % 50 + number}{RECEPTOR_NAMES[kind]}"
                if (name, site.division_id) in existing:
                    continue
                existing.add((name, site.division_id))
                receptor = SensitiveReceptor(
                    name=name, kind=kind, division=site.division, address=site.address,
                    longitude=Decimal(f"{longitude:.6f}"), latitude=Decimal(f"{latitude:.6f}"),
                    coordinate_system=site.coordinate_system, notes="演示数据：名称、位置为虚构。", is_demo=True,
                )  # fmt: skip
                receptor.full_clean(validate_unique=False)
                new.append(receptor)
        audited_bulk_create(SensitiveReceptor, new, user=self.operator)
        self._created(SensitiveReceptor, len(new))

    def forecasts(self) -> None:
        """The city-wide forecast of each of the last 90 days and of today."""
        days = [self.today - dt.timedelta(days=n) for n in range(DAYS)]
        city = Division.objects.get(code=CITY)
        have = set(WeatherForecast.objects.filter(division=city, day__in=days).values_list("day", flat=True))
        new = []
        for day in sorted(days):
            rng = random.Random(day.toordinal())  # the same day reads the same whenever the demo is loaded
            heating = day.month in (11, 12, 1, 2, 3)
            rainy = day.month in (6, 7, 8, 9)
            wind = round(max(0.3, rng.gauss(2.6, 1.3) + (0.8 if day.month in (3, 4) else 0)), 1)
            rain = round(rng.expovariate(1 / 8), 1) if rng.random() < (0.35 if rainy else 0.12) else 0.0
            alert = AlertLevel.NONE
            if heating and rng.random() < 0.18:
                alert = rng.choices([AlertLevel.BLUE, AlertLevel.YELLOW, AlertLevel.ORANGE, AlertLevel.RED],
                                    weights=[4, 4, 3, 1])[0]  # fmt: skip
            if day in have:
                continue
            forecast = WeatherForecast(
                day=day, division=city, wind_speed=wind, wind_direction=rng.choice([0, 22, 45, 45, 67, 90, 180, 202, 225, 270, 315]),
                precipitation=rain, alert=alert, source=SOURCE, is_demo=True,
            )  # fmt: skip
            forecast.full_clean(validate_unique=False)
            new.append(forecast)
        audited_bulk_create(WeatherForecast, new, user=self.operator)
        self._created(WeatherForecast, len(new))

    def decisions(self) -> None:
        """Each day's proposals; an officer of the housing bureau confirmed those before today, a few
        overridden with a reason. Today's wait on the board."""
        officer = get_user_model().objects.filter(username="zhujian").first() or self.operator
        zone = timezone.get_current_timezone()
        decided = set(
            ConsultationDecision.objects.filter(is_demo=True).values_list("day", flat=True).distinct()
        )
        count = 0
        for back in range(DAYS - 1, -1, -1):
            day = self.today - dt.timedelta(days=back)
            if day in decided:
                continue
            morning = dt.datetime.combine(day, dt.time(6, 30), tzinfo=zone)
            made = propose_decisions(day, now=morning)
            count += len(made)
            if day == self.today:
                continue
            for decision in made:
                roll = self.rng.random()
                if roll < 0.05:
                    continue  # never confirmed: the history shows the gap
                when = morning + dt.timedelta(hours=2, minutes=self.rng.randrange(60))
                if roll < 0.09:
                    other = Decision.STOPPED if decision.proposed != Decision.STOPPED else Decision.WET_ONLY
                    confirm_decision(
                        decision, officer, choice=other, reason=self.rng.choice(OVERRIDE_REASONS), now=when
                    )
                else:
                    confirm_decision(decision, officer, now=when)
        self._created(ConsultationDecision, count)

    def assessments(self) -> None:
        """The last month's assessment (the 30 days to today, which hold the demo's alarms and cases), of
        districts and of enterprises; once."""
        if AssessmentScheme.objects.filter(is_demo=True).exists():
            return
        end = self.today
        start = end - dt.timedelta(days=29)
        new = []
        for subject, label in ((AssessedSubject.DISTRICT, "县区"), (AssessedSubject.ENTERPRISE, "企业")):
            name = (
                f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日扬尘治理考核（{label}）"
            )
            scheme = AssessmentScheme(
                name=name, subject=subject, period_start=start, period_end=end, base_score=Decimal(100),
                per_failed_item=Decimal("0.5"), per_overdue_case=Decimal(2), per_alarm_hour=Decimal("0.2"),
                per_enforcement=Decimal(3), cap_per_kind=Decimal(30), clean_bonus=Decimal(2),
                issuer="洛阳市住房和城乡建设局", notes="演示数据。", is_demo=True,
            )  # fmt: skip
            scheme.full_clean()
            new.append(scheme)
        audited_bulk_create(AssessmentScheme, new, user=self.operator)
        self._created(AssessmentScheme, len(new))


def load_consultation_demo(operator: Any) -> Counter[str]:
    """Load the consultation and assessment demo (after the sites). Returns what was created."""
    demo = ConsultationDemo(operator)
    demo.receptors()
    demo.forecasts()
    demo.decisions()
    demo.assessments()
    return demo.created
