"""The control stations' hourly averages a site is compared with (the difference method).

A site is compared with the average of its county's active stations for the same hour; a county
without a station (Luoyang's national-control stations stand in the city districts) is compared with
the average of all of the city's stations. Values come in through the ledger's Excel import and the
API (`/api/monitoring/controlreadings/`); `heluo demo` loads a sample.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from heluo.monitoring.models import ControlReading, ControlStation

CITY_PREFIX_LENGTH = 4  # the significant digits of a city's division code (4103 for Luoyang)


class Reference:
    """The stations of the city and the way a site's division finds its reference stations."""

    def __init__(self) -> None:
        self.stations: dict[int, str] = dict(
            ControlStation.objects.filter(active=True).values_list("pk", "division__path")
        )

    def stations_for(self, division_path: str) -> list[int]:
        """The county's stations when it has any, else the city's."""
        county = [pk for pk, path in self.stations.items() if division_path.startswith(path)]
        if county:
            return county
        city = division_path[:CITY_PREFIX_LENGTH]
        return [pk for pk, path in self.stations.items() if path.startswith(city)]

    def averages(
        self, division_paths: Iterable[str], hours: Iterable[datetime], factor: str = "pm10"
    ) -> dict[tuple[str, datetime], float]:
        """(division path, hour) → the reference average of `factor`, where one exists."""
        wanted_hours = sorted(set(hours))
        if not self.stations or not wanted_hours:
            return {}
        values: dict[tuple[int, datetime], float] = {}
        rows = ControlReading.objects.filter(station_id__in=list(self.stations), hour__in=wanted_hours)
        for station_id, hour, value in rows.values_list("station_id", "hour", factor):
            if value is not None:
                values[(station_id, hour)] = value
        result: dict[tuple[str, datetime], float] = {}
        for path in set(division_paths):
            stations = self.stations_for(path)
            for hour in wanted_hours:
                found = [values[(pk, hour)] for pk in stations if (pk, hour) in values]
                if found:
                    result[(path, hour)] = sum(found) / len(found)
        return result
