"""The daily demolition consultation (拆迁工地会商研判): each demolition site under construction gets a
proposed decision for the day from the rules (heluo.dust.rules.consultation) and the inputs recorded
with it; an officer confirms it or overrides it with a reason."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.models import CoordinateSystem, DivisionLevel
from heluo.monitoring import aqi as hj633
from heluo.monitoring.models import ControlReading, ControlStation

from ..models import (
    ConsultationDecision,
    ConsultationRule,
    Decision,
    SensitiveReceptor,
    Site,
    SiteKind,
    SiteState,
    WeatherForecast,
)
from ..rules import consultation as rule
from ..rules.geo import bearing_deg, distance_m

# HJ 663: a station's day counts with at least 20 valid hours.
VALID_HOURS_PER_DAY = 20
# Receptors farther than this are not recorded with a decision (no default rule looks so far).
RECEPTOR_HORIZON_M = 2000
# Control stations are placed in GCJ-02 (docs/monitoring.md): distances to them only from sites in it.
STATION_SYSTEM = CoordinateSystem.GCJ02


def demolition_sites() -> QuerySet[Site]:
    """The sites the consultation decides on: demolition works under construction."""
    return Site.objects.filter(kind=SiteKind.DEMOLITION, state=SiteState.UNDER_CONSTRUCTION).select_related(
        "division"
    )


def active_rules() -> list[rule.Rule]:
    """The active consultation rules in their order, as the pure rule reads them (keyed by pk)."""
    return [_pure(row) for row in ConsultationRule.objects.filter(active=True).order_by("order")]


def _pure(row: ConsultationRule) -> rule.Rule:
    return rule.Rule(
        key=row.pk, decision=row.decision, alert_at_least=row.alert_at_least or None,
        aqi_at_least=row.aqi_at_least, wind_at_least=row.wind_at_least,
        precipitation_below=row.precipitation_below, receptor_within_m=row.receptor_within,
        receptor_downwind=row.receptor_downwind, station_within_m=row.station_within,
    )  # fmt: skip


def forecasts_of(day: dt.date) -> dict[str | None, WeatherForecast]:
    """The day's forecasts by county code (6 digits), None for the whole city's."""
    return {
        (forecast.division.code[:6] if forecast.division.level == DivisionLevel.COUNTY else None): forecast
        for forecast in WeatherForecast.objects.filter(day=day).select_related("division")
    }


def county_aqi(day: dt.date) -> dict[str | None, tuple[int | None, list[str]]]:
    """The AQI of `day` per county code (None: the whole city) from the control stations' hourly values:
    each station's daily mean (from at least 20 hours), averaged over the county's stations, indexed by
    HJ 633. With the station codes used. A county without a valid station is missing."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    rows = (
        ControlReading.objects.filter(hour__gte=start, hour__lt=start + dt.timedelta(days=1))
        .values("station__code", "station__division__code")
        .annotate(pm10=Avg("pm10"), pm25=Avg("pm25"), hours=Count("pk"))
        .filter(hours__gte=VALID_HOURS_PER_DAY)
    )
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["station__division__code"][:6]].append(row)
        groups[None].append(row)
    result: dict[str | None, tuple[int | None, list[str]]] = {}
    for county, stations in groups.items():
        means = {}
        for factor in ("pm10", "pm25"):
            values = [station[factor] for station in stations if station[factor] is not None]
            means[factor] = sum(values) / len(values) if values else None
        index = hj633.aqi(means, day)
        # Above the table (> 500) is worse than any threshold a rule can name.
        result[county] = (
            index.aqi if index.aqi is not None else hj633.TOP_IAQI + 1,
            [s["station__code"] for s in stations],
        )
    return result


@dataclass(frozen=True)
class Surroundings:
    """What lies around the sites: receptors and active control stations, loaded once for a day's run."""

    receptors: list[SensitiveReceptor]
    stations: list[ControlStation]

    @classmethod
    def load(cls) -> Surroundings:
        return cls(
            list(SensitiveReceptor.objects.all()),
            list(ControlStation.objects.filter(active=True, longitude__isnull=False)),
        )


def inputs_for(
    site: Site,
    forecast: WeatherForecast | None,
    aqi: tuple[int | None, list[str]] | None,
    aqi_day: dt.date,
    around: Surroundings,
) -> tuple[rule.Inputs, dict[str, Any]]:
    """The pure rule's inputs for one site and the same values as recorded with the decision."""
    recorded: dict[str, Any] = {"forecast": None, "aqi": None, "receptors": [], "station": None}
    receptors: list[rule.Receptor] = []
    station_distance = None
    wind_direction = forecast.wind_direction if forecast else None
    if site.longitude is not None and site.latitude is not None:
        here = (float(site.longitude), float(site.latitude))
        near = []
        for receptor in around.receptors:
            if receptor.coordinate_system != site.coordinate_system:
                continue
            there = (float(receptor.longitude), float(receptor.latitude))
            distance = distance_m(*here, *there)
            if distance <= RECEPTOR_HORIZON_M:
                near.append((distance, bearing_deg(*here, *there), receptor))
        near.sort(key=lambda item: item[0])
        wind = rule.Inputs(wind_direction=wind_direction)
        for distance, bearing, receptor in near:
            seen = rule.Receptor(round(distance), round(bearing))
            receptors.append(seen)
            recorded["receptors"].append(
                {"id": receptor.pk, "name": receptor.name, "kind": receptor.kind, "distance_m": seen.distance_m,
                 "bearing_deg": seen.bearing_deg, "downwind": wind.downwind(seen)}
            )  # fmt: skip
        if site.coordinate_system == STATION_SYSTEM and around.stations:
            nearest = min(
                around.stations, key=lambda s: distance_m(*here, float(s.longitude), float(s.latitude))
            )
            station_distance = round(distance_m(*here, float(nearest.longitude), float(nearest.latitude)))
            recorded["station"] = {"id": nearest.pk, "name": nearest.name, "distance_m": station_distance}
    if forecast is not None:
        recorded["forecast"] = {
            "id": forecast.pk, "scope": forecast.division.display_name,
            "wind_speed": forecast.wind_speed, "wind_direction": forecast.wind_direction,
            "precipitation": forecast.precipitation, "alert": forecast.alert,
        }  # fmt: skip
    if aqi is not None:
        recorded["aqi"] = {"value": aqi[0], "day": aqi_day.isoformat(), "stations": aqi[1]}
    inputs = rule.Inputs(
        wind_speed=forecast.wind_speed if forecast else None,
        wind_direction=wind_direction,
        precipitation=forecast.precipitation if forecast else None,
        alert=forecast.alert if forecast else "none",
        aqi=aqi[0] if aqi else None,
        receptors=tuple(receptors),
        station_distance_m=station_distance,
    )
    return inputs, recorded


@transaction.atomic
def propose_decisions(
    day: dt.date, *, sites: Iterable[Site] | None = None, now: dt.datetime | None = None
) -> list[ConsultationDecision]:
    """Propose the day's decision for every demolition site under construction (or the given sites).

    Idempotent: a proposal not yet confirmed is worked out again from today's data (a forecast that came
    in late); a confirmed decision is left as it stands. The AQI is the previous day's (the last whole
    day when the office meets in the morning). Returns the day's decisions of those sites."""
    now = now or timezone.now()
    rules = active_rules()
    forecasts = forecasts_of(day)
    aqi_day = day - dt.timedelta(days=1)
    aqis = county_aqi(aqi_day)
    around = Surroundings.load()
    chosen = list(sites) if sites is not None else list(demolition_sites())
    existing = {
        d.site_id: d for d in ConsultationDecision.objects.filter(day=day, site__in=[s.pk for s in chosen])
    }
    decisions = []
    for site in chosen:
        decision = existing.get(site.pk)
        if decision is not None and decision.confirmed_at is not None:
            decisions.append(decision)
            continue
        county = site.division.code[:6]
        forecast = forecasts.get(county) or forecasts.get(None)
        inputs, recorded = inputs_for(site, forecast, aqis.get(county) or aqis.get(None), aqi_day, around)
        outcome = rule.decide(rules, inputs)
        decision = decision or ConsultationDecision(site=site, day=day)
        decision.proposed = decision.decision = outcome.decision
        decision.rule_id = outcome.rule
        decision.inputs = recorded
        decision.proposed_at = now
        decision.is_demo = site.is_demo
        decision.save()
        decisions.append(decision)
    return decisions


@transaction.atomic
def confirm_decision(
    decision: ConsultationDecision, user: Any, *, choice: str | None = None, reason: str = "",
    now: dt.datetime | None = None,
) -> ConsultationDecision:  # fmt: skip
    """Confirm the day's decision as `user`: the proposal as it stands, or another decision (`choice`)
    with the reason for overriding it. Refuses an unknown decision or an override without a reason
    (ValidationError), changing nothing. A confirmed decision may be confirmed again (its history keeps
    both)."""
    choice = choice or decision.proposed
    reason = reason.strip()
    if choice not in Decision.values:
        raise ValidationError({"decision": _("Choose allowed, wet work only or stopped.")})
    if choice != decision.proposed and not reason:
        raise ValidationError({"reason": _("Give the reason for overriding the proposed decision.")})
    decision.decision = choice
    decision.override_reason = reason if choice != decision.proposed else ""
    decision.confirmed_by = user
    decision.confirmed_at = now or timezone.now()
    decision._history_user = user  # type: ignore[attr-defined]
    decision.save()
    return decision
